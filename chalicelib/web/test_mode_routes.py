"""The route of a test client's outbox, and the operator's optional body choosing a client's
mode. Registered by `app.py` on its app, with its way to reach the dependencies and the caller's
tenant (chalicelib/domain/test_mode.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalice import Response

from chalicelib.domain.test_mode import ClientIn
from chalicelib.services import test_mode
from chalicelib.services.deps import Deps
from chalicelib.web.http import ThreadSafeChalice, answer, handled, parse


def client_mode(request: Any) -> ClientIn | None:
    """`{"mode": "test"}` or `{"mode": "live"}`; no body at all is a live client, as before."""
    return parse(request, ClientIn) if request.raw_body else None


def add_test_mode_routes(
    app: ThreadSafeChalice, deps: Callable[[], Deps], organisation: Callable[[], str], **json: Any
) -> None:
    @app.route("/v1/test-outbox", methods=["GET"], **json)
    @handled
    def test_outbox() -> Response:
        return answer(test_mode.outbox(deps(), organisation()))
