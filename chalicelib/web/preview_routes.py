"""The route of a message's preview. Registered by `app.py` on its app, with its way to reach the
dependencies and the caller's organisation (as `party_routes.py`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalice import Response

from chalicelib.domain.preview import PreviewIn
from chalicelib.services import preview
from chalicelib.services.deps import Deps
from chalicelib.web.http import ThreadSafeChalice, answer, handled, parse


def add_preview_routes(
    app: ThreadSafeChalice, deps: Callable[[], Deps], organisation: Callable[[], str], **json: Any
) -> None:
    @app.route("/v1/case-types/{code}/preview", methods=["POST"], **json)
    @handled
    def preview_message(code: str) -> Response:
        org_id = organisation()
        return answer(preview.preview(deps(), org_id, code, parse(app.current_request, PreviewIn)))
