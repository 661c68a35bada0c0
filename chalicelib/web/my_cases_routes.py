"""The routes of "Mijn zaken": a citizen signs in by a link sent to their address and sees their
cases of every organisation (pages under /mijn-zaken, JSON under /v1/me). Registered by `app.py`
with one call.

The sign-in answer is the same, and takes at least `SIGN_IN_FLOOR_S`, whether the address is
known or not: sending the link is the one step that differs, and it hides under this floor.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any

from chalice import Response

from chalicelib.domain.citizen import SignInIn, contact_hash, normalised_contact
from chalicelib.domain.errors import DomainError, Forbidden, InvalidFields, NotFound, TooManyRequests, Unauthorized
from chalicelib.domain.my_cases_answers import SignInAccepted
from chalicelib.services import citizen_auth, my_cases
from chalicelib.services.deps import Deps
from chalicelib.web.console.session import read_form
from chalicelib.web.digid_routes import with_digid
from chalicelib.web.forms import cross_site
from chalicelib.web.http import ThreadSafeChalice, answer, handled, no_content, parse
from chalicelib.web.my_cases_session import check_csrf, cleared_cookie, session_cookie, signed_in
from chalicelib.web.pages import my_cases as pages
from chalicelib.web.pages.layout import html_response
from chalicelib.web.pages.site import language_of
from chalicelib.web.problems import Problem
from chalicelib.web.ratelimit import Limits, check

SIGN_IN_PER_ADDRESS = 5  # a minute, per container: enough for a typo or two, too few to spam anyone
SIGN_IN_PER_CLIENT = 20
SIGN_IN_FLOOR_S = 0.4
SENT = "If this address is known, a sign-in link is on its way. It works once, for 15 minutes."
NO_STORE = {"Cache-Control": "no-store"}
log = logging.getLogger(__name__)


def page_handled(view: Callable[..., Response]) -> Callable[..., Response]:
    """A page route's errors become pages (never a JSON problem, never a 500 of ours)."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Response:
        try:
            return view(*args, **kwargs)
        except TooManyRequests as error:
            return html_response(
                pages.message_page("too_many"), 429, **NO_STORE, **{"Retry-After": str(error.retry_after)}
            )
        except (Forbidden, Unauthorized):
            return html_response(pages.message_page("refused"), 403, **NO_STORE)
        except NotFound:
            return html_response(pages.link_gone_page("nl"), 404, **NO_STORE)
        except (Problem, DomainError):
            return html_response(pages.message_page("unreadable"), 400, **NO_STORE)
        except Exception as exc:
            log.error("unhandled %s in %s", type(exc).__name__, view.__name__)
            return html_response(pages.message_page("failed"), 500, **NO_STORE)

    return wrapper


def add_my_cases_routes(
    app: ThreadSafeChalice, deps: Callable[[], Deps], limits: Callable[[], Limits], **json: Any
) -> None:
    def request() -> Any:
        return app.current_request

    def lang() -> str:
        return language_of(request().query_params) or "nl"

    def page(body: str, status: int = 200, **headers: str) -> Response:
        return html_response(body, status, **NO_STORE, **headers)

    def secure() -> bool:
        return not deps().settings.is_local

    def sign_in(email: str | None, phone: str | None) -> None:
        started = time.monotonic()
        _limit(limits(), deps().settings.token_key, email, phone, _client_address(request()))
        citizen_auth.request_link(deps(), email, phone)
        time.sleep(max(0.0, SIGN_IN_FLOOR_S - (time.monotonic() - started)))

    @app.route("/v1/me/sign-in", methods=["POST"], **json)
    @handled
    def me_sign_in() -> Response:
        data = parse(request(), SignInIn)
        sign_in(data.email, data.phone)
        return answer(SignInAccepted(message=SENT), 202)

    @app.route("/v1/me/cases", methods=["GET"], **json)
    @handled
    def me_cases() -> Response:
        session = signed_in(deps(), request())
        response = answer(my_cases.overview(deps(), session, lang()))
        response.headers.update(NO_STORE)
        return response

    @app.route("/v1/me/sign-out", methods=["POST"], **json)
    @handled
    def me_sign_out() -> Response:
        try:
            citizen_auth.sign_out(deps(), signed_in(deps(), request()))
        except Unauthorized:
            pass  # signed out already: the same answer
        response = no_content()
        response.headers["Set-Cookie"] = cleared_cookie(secure())
        return response

    @app.route("/mijn-zaken", methods=["GET"], **json)
    @page_handled
    def my_cases_page() -> Response:
        try:
            session = signed_in(deps(), request())
        except Unauthorized:
            return page(with_digid(pages.sign_in_page(lang()), deps(), lang()))  # DigiD where configured
        return page(pages.overview_page(lang(), my_cases.overview(deps(), session, lang()), session.csrf))

    @app.route("/mijn-zaken/sign-in", methods=["POST"], **json)
    @page_handled
    def my_cases_sign_in() -> Response:
        if cross_site(request().headers):
            return page(pages.sign_in_page(lang(), "form.refused"), 403)
        fields = read_form(request(), ("email", "phone"))
        email, phone = fields.get("email", "")[:254], fields.get("phone", "")[:32]
        try:
            sign_in(email or None, phone or None)
        except InvalidFields:
            return page(pages.sign_in_page(lang(), "address.invalid", email, phone), 400)
        return page(pages.link_sent_page(lang()))

    @app.route("/mijn-zaken/login/{token}", methods=["GET"], **json)
    @page_handled
    def my_cases_login_page(token: str) -> Response:
        try:
            citizen_auth.peek(deps(), token)
        except NotFound:
            return page(pages.link_gone_page(lang()), 404)
        return page(pages.confirm_page(lang(), token))

    @app.route("/mijn-zaken/login/{token}", methods=["POST"], **json)
    @page_handled
    def my_cases_login(token: str) -> Response:
        if cross_site(request().headers):
            return page(pages.link_gone_page(lang()), 403)
        try:
            done = citizen_auth.sign_in(deps(), token)
        except NotFound:
            return page(pages.link_gone_page(lang()), 404)
        location = "/mijn-zaken" + ("?lang=en" if lang() == "en" else "")
        cookie = session_cookie(done.token, secure())
        return Response(body="", status_code=303, headers={"Location": location, "Set-Cookie": cookie})

    @app.route("/mijn-zaken/sign-out", methods=["POST"], **json)
    @page_handled
    def my_cases_sign_out() -> Response:
        try:
            session = signed_in(deps(), request())
            check_csrf(session, read_form(request(), ("csrf",)))
            citizen_auth.sign_out(deps(), session)
        except (Unauthorized, Forbidden):
            pass
        location = "/mijn-zaken" + ("?lang=en" if lang() == "en" else "")
        return Response(
            body="", status_code=303, headers={"Location": location, "Set-Cookie": cleared_cookie(secure())}
        )

    @app.route("/mijn-zaken/preferences", methods=["POST"], **json)
    @page_handled
    def my_cases_preferences() -> Response:
        try:
            session = signed_in(deps(), request())
        except Unauthorized:
            return Response(body="", status_code=303, headers={"Location": "/mijn-zaken"})
        fields = read_form(request(), ("csrf", "channel", "phone", "email", "language"))
        check_csrf(session, fields)
        try:
            changed = my_cases.change_all(deps(), session, fields)
        except InvalidFields as error:
            codes = {f.name: f.code or f"{f.name}.invalid" for f in error.fields}
            overview = my_cases.overview(deps(), session, lang())
            return page(pages.overview_page(lang(), overview, session.csrf, errors=codes, values=fields), 400)
        overview = my_cases.overview(deps(), session, lang())
        return page(pages.overview_page(lang(), overview, session.csrf, saved=changed.changed))


def _client_address(request: Any) -> str:
    # API Gateway's TCP peer, not X-Forwarded-For (which a client writes itself).
    return str(((request.context or {}).get("identity") or {}).get("sourceIp") or "unknown")


def _limit(limits: Limits, key: str, email: str | None, phone: str | None, client: str) -> None:
    check(limits.window, "me-sign-in-client", client, SIGN_IN_PER_CLIENT, "sign-in requests")
    try:
        raw = normalised_contact(email, phone)[1]
    except InvalidFields:
        raw = (email or phone or "").strip().lower()
    check(limits.window, "me-sign-in-address", contact_hash(key, raw), SIGN_IN_PER_ADDRESS, "sign-in requests")
