"""What a cold start of the API pays for: `import app` in a fresh interpreter, as Lambda does it.

Every Lambda function imports the one `app.py`, so what it imports every cold start pays for.
The libraries below are imported by the code that needs them (a token checked, a number or an
address read, a provider called, a hub's URL validated), and the worker's and the OpenAPI
description's modules on their first invocation (`chalicelib/web/on_demand.py`); pydantic builds
no model before its first use. `bench/imports.py` measures the time.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]

LIBRARIES = (
    "boto3",
    "botocore",
    "twilio",
    "jwt",  # PyJWT, on the first client token
    "cryptography",
    "phonenumbers",  # on the first mobile number
    "email_validator",  # on the first e-mail address
    "pydantic.networks",  # AnyHttpUrl: it imports importlib.metadata
)
ON_FIRST_USE = (
    "chalicelib.web.openapi",
    "chalicelib.web.sqs_batches",
    "chalicelib.services.delivery",
    "chalicelib.domain.delivery",
    "chalicelib.services.zgw.reconcile",
    "chalicelib.services.zgw.notifications",  # the ZGW routes' services
    "chalicelib.services.reports",  # the reports' routes, in the API and the console
)
PROBE = """
import json, sys
import app
from pydantic import BaseModel

def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)

built = sorted(
    f"{c.__module__}.{c.__qualname__}"
    for c in set(subclasses(BaseModel))
    if c.__module__.startswith("chalicelib") and c.__dict__.get("__pydantic_complete__")
)
print(json.dumps({"modules": sorted(sys.modules), "built": built}))
"""


@functools.cache  # one fresh interpreter for the three tests
def _cold_import() -> dict[str, list[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ZAAKSTATUS_", "TWILIO_"))}
    env.update(AWS_DEFAULT_REGION="eu-west-1", PYTHONPATH=str(PROJECT_ROOT))
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_importing_the_api_imports_no_sdk_token_validator_or_url_library():
    modules = set(_cold_import()["modules"])
    assert [name for name in LIBRARIES if name in modules] == []


def test_importing_the_api_leaves_the_workers_and_the_openapi_description_to_their_first_call():
    modules = set(_cold_import()["modules"])
    assert [name for name in ON_FIRST_USE if name in modules] == []


def test_importing_the_api_builds_no_pydantic_model():
    assert _cold_import()["built"] == []
