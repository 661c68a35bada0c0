"""Import time of each Lambda entry point beside `import boto3`, each in fresh interpreters.

Chalice deploys one app.py for every function, so both entry points import `app`; what differs
is what each imports lazily on its first invocation. The API must not import twilio at all.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# name -> statements timed in a fresh interpreter (after the interpreter itself has started).
SUBJECTS = {
    "boto3": "import boto3",
    "api_entry": "import app",
    # What the API's first request adds: boto3's client machinery (bootstrap builds clients lazily).
    "api_entry_first_request": "import app, boto3; boto3.session.Session().client('dynamodb', region_name='eu-west-1')",
    # The SMS channel imports twilio on its first send (chalicelib/adapters/twilio_sms.py).
    "sender_entry": "import app; import twilio.rest, twilio.base.exceptions",
    "sender_entry_first_message": (
        "import app, boto3; import twilio.rest, twilio.base.exceptions; "
        "boto3.session.Session().client('dynamodb', region_name='eu-west-1')"
    ),
}
PROBE = (
    "import sys, time, json\n"
    "t = time.perf_counter()\n"
    "{stmt}\n"
    "elapsed = time.perf_counter() - t\n"
    "print(json.dumps({{'s': elapsed, 'twilio': any(m == 'twilio' or m.startswith('twilio.') for m in sys.modules),"
    " 'modules': len(sys.modules)}}))\n"
)


def _once(stmt: str) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ZAAKSTATUS_", "TWILIO_"))}
    env.update(AWS_DEFAULT_REGION="eu-west-1", PYTHONDONTWRITEBYTECODE="", PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(stmt=stmt)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def run(repeats: int = 9) -> dict[str, Any]:
    for stmt in SUBJECTS.values():  # warm the bytecode caches and the page cache
        _once(stmt)
    samples: dict[str, list[float]] = {name: [] for name in SUBJECTS}
    facts: dict[str, dict[str, Any]] = {}
    for _ in range(repeats):  # interleaved, so drift in the machine's speed hits all alike
        for name, stmt in SUBJECTS.items():
            r = _once(stmt)
            samples[name].append(r["s"])
            facts[name] = {"imports_twilio": r["twilio"], "modules": r["modules"]}
    result: dict[str, Any] = {}
    for name, values in samples.items():
        result[name] = {
            "median_ms": round(statistics.median(values) * 1000, 1),
            "min_ms": round(min(values) * 1000, 1),
            **facts[name],
        }
    base = result["boto3"]["median_ms"]
    for name in SUBJECTS:
        result[name]["ratio_to_boto3"] = round(result[name]["median_ms"] / base, 2)
    result["repeats"] = repeats
    return result


if __name__ == "__main__":
    print(json.dumps(run(3), indent=2))
