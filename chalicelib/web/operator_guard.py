"""The operator routes' guard: the operator token, with its attempt limit per client address
(`services/operator_access.py`)."""

from __future__ import annotations

from typing import Any

from chalicelib.services import operator_access
from chalicelib.services.deps import Deps


def client_address(request: Any) -> str:
    # API Gateway's TCP peer, not X-Forwarded-For (which a client writes itself).
    return str(((request.context or {}).get("identity") or {}).get("sourceIp") or "unknown")


def require_operator(deps: Deps, request: Any) -> None:
    operator_access.require_operator(deps, request.headers.get("authorization"), client_address(request))
