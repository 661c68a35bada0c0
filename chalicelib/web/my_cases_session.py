"""Who is signed in to "Mijn zaken", and the forms they send.

The session is a cookie (`zs_mijn`: HttpOnly, SameSite=Strict, Path=/ so that both the pages
under /mijn-zaken and the JSON under /v1/me get it, Secure outside the local run) holding a
random token; only its SHA-256 is stored. Every form of a signed-in citizen carries the
session's CSRF token (`check_csrf`), and a POST the browser marks as coming from another site
(`Sec-Fetch-Site`) is refused before anything else.

Another way of signing in (DigiD/eHerkenning) starts a session with
`services.citizen_auth.start_session(...)` and sets `session_cookie(signed.token, secure)`.
"""

from __future__ import annotations

import hmac
from typing import Any

from chalicelib.domain.citizen import SESSION_MAX_S, CitizenSession
from chalicelib.domain.errors import Forbidden
from chalicelib.services import citizen_auth
from chalicelib.services.deps import Deps
from chalicelib.web import cookies
from chalicelib.web.forms import cross_site

COOKIE = "zs_mijn"


def session_token(request: Any) -> str | None:
    return cookies.read(request, COOKIE)


def signed_in(deps: Deps, request: Any) -> CitizenSession:
    """The caller's live session; Unauthorized without one, Forbidden for a cross-site POST."""
    if (request.method or "").upper() != "GET" and cross_site(request.headers):
        raise Forbidden("A request from another site is not accepted.")
    return citizen_auth.session_of(deps, session_token(request))


def check_csrf(session: CitizenSession, fields: dict[str, str]) -> None:
    if not hmac.compare_digest(fields.get("csrf", "").encode(), session.csrf.encode()):
        raise Forbidden("The form has expired or did not come from this website.")


def session_cookie(token: str, secure: bool) -> str:
    return _cookie(token, SESSION_MAX_S, secure)


def cleared_cookie(secure: bool) -> str:
    return _cookie("", 0, secure)


def _cookie(value: str, max_age: int, secure: bool) -> str:
    return cookies.set_cookie(COOKIE, value, path="/", max_age=max_age, secure=secure)
