"""The console's routes: sign-in by e-mail link, sign-out, the home page, its stylesheet, and the
operator's registration of staff. Registered by `app.py` with one call; the sections (case
look-up, case types, reports) add their routes from their own modules.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from chalice import Response

from chalicelib.domain.errors import InvalidFields, NotFound
from chalicelib.domain.privacy import address_hash
from chalicelib.domain.staff import StaffIn
from chalicelib.services import console_auth
from chalicelib.services.deps import Deps
from chalicelib.web.console import pages
from chalicelib.web.console.case_routes import add_case_routes
from chalicelib.web.console.case_type_routes import add_console_case_type_routes
from chalicelib.web.console.handling import console_handled
from chalicelib.web.console.layout import console_stylesheet, console_stylesheet_name, html_response, redirect
from chalicelib.web.console.session import (
    SignInRequired,
    check_csrf,
    cleared_cookie,
    read_form,
    session_cookie,
    session_token,
    signed_in,
)
from chalicelib.web.forms import cross_site
from chalicelib.web.http import ThreadSafeChalice, answer, handled, no_content, parse
from chalicelib.web.pages.layout import STYLESHEET_CACHE
from chalicelib.web.ratelimit import Limits, check

SIGN_IN_PER_ADDRESS = 5  # a minute, per container: enough for a typo or two, too few to spam anyone
SIGN_IN_PER_CLIENT = 20
# The sign-in answer takes at least this long, known address or not: sending the e-mail is the
# one step that differs, and it is hidden under this floor.
SIGN_IN_FLOOR_S = 0.4


def add_console_routes(
    app: ThreadSafeChalice,
    deps: Callable[[], Deps],
    operator: Callable[[], None],
    limits: Callable[[], Limits],
    **json: Any,
) -> None:
    def request() -> Any:
        return app.current_request

    def secure() -> bool:
        return not deps().settings.is_local

    @app.route("/v1/admin/organisations/{org_id}/staff/{email}", methods=["PUT"], **json)
    @handled
    def put_staff(org_id: str, email: str) -> Response:
        operator()
        saved, created = console_auth.register(deps(), org_id, email, parse(request(), StaffIn))
        return answer(saved, 201 if created else 200)

    @app.route("/v1/admin/organisations/{org_id}/staff/{email}", methods=["DELETE"], **json)
    @handled
    def delete_staff(org_id: str, email: str) -> Response:
        operator()
        console_auth.remove(deps(), org_id, email)
        return no_content()

    @app.route("/console", methods=["GET"], **json)
    @console_handled
    def console_home() -> Response:
        try:
            staff = signed_in(deps(), request())
        except SignInRequired:
            return html_response(pages.sign_in_page())
        return html_response(pages.home_page(staff))

    @app.route("/console/sign-in", methods=["POST"], **json)
    @console_handled
    def console_sign_in() -> Response:
        started = time.monotonic()
        if cross_site(request().headers):
            return html_response(pages.sign_in_page(error="form"), 403)
        raw = read_form(request(), ("email",)).get("email", "")
        _limit(limits(), raw, _client_address(request()), deps().settings.token_key)
        try:
            console_auth.request_link(deps(), raw)
        except InvalidFields:
            return html_response(pages.sign_in_page(error="email", value=raw[:254]), 400)
        time.sleep(max(0.0, SIGN_IN_FLOOR_S - (time.monotonic() - started)))
        return html_response(pages.link_sent_page())

    @app.route("/console/login/{token}", methods=["GET"], **json)
    @console_handled
    def console_login_page(token: str) -> Response:
        # A GET only shows a button: mail scanners that open links must not use them up.
        try:
            org_name = console_auth.peek(deps(), token)
        except NotFound:
            return html_response(pages.link_gone_page(), 404)
        return html_response(pages.confirm_page(token, org_name))

    @app.route("/console/login/{token}", methods=["POST"], **json)
    @console_handled
    def console_login(token: str) -> Response:
        if cross_site(request().headers):
            return html_response(pages.link_gone_page(), 403)
        try:
            done = console_auth.sign_in(deps(), token)
        except NotFound:
            return html_response(pages.link_gone_page(), 404)
        return redirect("/console", **{"Set-Cookie": session_cookie(done.token, secure())})

    @app.route("/console/sign-out", methods=["POST"], **json)
    @console_handled
    def console_sign_out() -> Response:
        if session_token(request()) is None:
            return redirect("/console")
        staff = signed_in(deps(), request())
        check_csrf(staff, read_form(request(), ("csrf",)))
        console_auth.sign_out(deps(), staff)
        return redirect("/console", **{"Set-Cookie": cleared_cookie(secure())})

    @app.route("/console/static/{name}", methods=["GET"], **json)
    @console_handled
    def console_static(name: str) -> Response:
        if name != console_stylesheet_name():
            raise NotFound("There is nothing at this address.")
        css = {"Content-Type": "text/css; charset=utf-8", "Cache-Control": STYLESHEET_CACHE}
        return Response(body=console_stylesheet(), status_code=200, headers={**css})

    add_case_routes(app, deps, **json)
    add_console_case_type_routes(app, deps, **json)


def _client_address(request: Any) -> str:
    # API Gateway's TCP peer, not X-Forwarded-For (which a client writes itself).
    return str(((request.context or {}).get("identity") or {}).get("sourceIp") or "unknown")


def _limit(limits: Limits, raw: str, client: str, key: str) -> None:
    check(limits.window, "console-sign-in-client", client, SIGN_IN_PER_CLIENT, "sign-in requests")
    hashed = address_hash(key, "console\0" + raw)
    check(limits.window, "console-sign-in-address", hashed, SIGN_IN_PER_ADDRESS, "sign-in requests")
