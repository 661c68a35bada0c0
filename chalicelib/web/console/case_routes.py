"""The console's case look-up: `GET /console/cases?case_id=...` (admin and agent)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalice import Response

from chalicelib.domain.errors import Forbidden, NotFound
from chalicelib.services import console_cases
from chalicelib.services.deps import Deps
from chalicelib.web.console.case_page import case_page, search_page
from chalicelib.web.console.handling import console_handled
from chalicelib.web.console.layout import html_response
from chalicelib.web.console.session import signed_in
from chalicelib.web.http import ThreadSafeChalice


def add_case_routes(app: ThreadSafeChalice, deps: Callable[[], Deps], **json: Any) -> None:
    @app.route("/console/cases", methods=["GET"], **json)
    @console_handled
    def console_cases_page() -> Response:
        request = app.current_request
        staff = signed_in(deps(), request)
        if not console_cases.may_look_up(staff):
            raise Forbidden("Your role does not allow looking up cases.")
        query = request.query_params or {}
        if "case_id" not in query:
            return html_response(search_page(staff))
        case_id = query["case_id"].strip()
        if not case_id:
            return html_response(search_page(staff, invalid=True), 400)
        try:
            found = console_cases.look_up(deps(), staff, case_id)
        except NotFound:
            return html_response(search_page(staff, case_id[:64], missing=True), 404)
        return html_response(case_page(staff, found))
