"""The package, built once per session (about 15 s; wheels for the Lambda platform come from the
package index the first time and are cached by Chalice under the git-ignored .chalice/deployments)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.deploy.sam import Intrinsics

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


@pytest.fixture(scope="session")
def packaged(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("package") / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env["AWS_DEFAULT_REGION"] = "eu-west-1"
    result = subprocess.run(
        [
            str(BIN / "chalice"),
            "package",
            "--stage",
            "prod",
            "--merge-template",
            "infra/resources.yaml",
            "--template-format",
            "yaml",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def template(packaged) -> dict[str, Any]:
    return yaml.load((packaged / "sam.yaml").read_text(), Loader=Intrinsics)
