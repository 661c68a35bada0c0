"""Secrets from AWS Systems Manager Parameter Store (SecureString), for deployed stages.

One GetParameters call reads all of a function's secrets when its settings are first read
(first request of a cold container, never at import time). Parameter names are not secret and
appear in errors; values never do.
"""

from __future__ import annotations

from typing import Any

MAX_NAMES = 10  # GetParameters takes at most ten names


class MissingParameters(RuntimeError):
    pass


def read_parameters(names: list[str], region: str, client: Any = None) -> dict[str, str]:
    if client is None:
        import boto3

        client = boto3.session.Session().client("ssm", region_name=region)
    values: dict[str, str] = {}
    missing: list[str] = []
    for start in range(0, len(names), MAX_NAMES):
        answer = client.get_parameters(Names=names[start : start + MAX_NAMES], WithDecryption=True)
        values.update({p["Name"]: p["Value"] for p in answer.get("Parameters", [])})
        missing += answer.get("InvalidParameters", [])
    if missing:
        raise MissingParameters(f"SSM parameters not found: {', '.join(sorted(missing))}")
    return values
