"""Who is signed in to the console, and the forms they send.

The session is a cookie (`zs_console`: HttpOnly, SameSite=Strict, Path=/console, Secure outside
the local run) holding a random token; only its SHA-256 is stored. Every POST form carries the
session's CSRF token (`csrf_field`), checked by `check_csrf`; and a POST that the browser marks
as coming from another site (`Sec-Fetch-Site`) is refused before anything else (`signed_in`).
"""

from __future__ import annotations

import hmac
import urllib.parse
from collections.abc import Iterable
from html import escape as e
from typing import Any

from chalicelib.domain.errors import Forbidden, Unauthorized
from chalicelib.domain.staff import SESSION_MAX_S, StaffSession
from chalicelib.services import console_auth
from chalicelib.services.deps import Deps
from chalicelib.web import cookies
from chalicelib.web.forms import cross_site
from chalicelib.web.http import body_of
from chalicelib.web.problems import BadRequest

COOKIE = "zs_console"
MAX_FORM_BYTES = 64 * 1024
MAX_FORM_FIELDS = 500


class SignInRequired(Exception):
    """No live session: the console's routes answer with a 303 to the sign-in page."""


def signed_in(deps: Deps, request: Any) -> StaffSession:
    """The caller's live session, or SignInRequired; Forbidden for a cross-site POST."""
    if (request.method or "").upper() == "POST" and cross_site(request.headers):
        raise Forbidden("A form from another site is not accepted.")
    try:
        return console_auth.session_of(deps, session_token(request))
    except Unauthorized:
        raise SignInRequired() from None


def require_role(session: StaffSession, *roles: str) -> None:
    """Forbidden unless the member has one of the roles (e.g. `require_role(s, "admin")`)."""
    if session.role not in roles:
        raise Forbidden("Your role does not allow this.")


def csrf_field(session: StaffSession) -> str:
    return f'<input type="hidden" name="csrf" value="{e(session.csrf)}">'


def check_csrf(session: StaffSession, fields: dict[str, str]) -> None:
    if not hmac.compare_digest(fields.get("csrf", "").encode(), session.csrf.encode()):
        raise Forbidden("The form has expired or did not come from the console.")


def read_form(request: Any, names: Iterable[str] | None = None) -> dict[str, str]:
    """An `application/x-www-form-urlencoded` body: the first value of each field (of `names`,
    when given). A body that is not such a form is a 400 problem."""
    if not request.raw_body:
        return {}  # no body at all: an empty form, whatever the content type says
    raw = body_of(request, "application/x-www-form-urlencoded", MAX_FORM_BYTES)
    try:
        pairs = urllib.parse.parse_qsl(
            raw.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS, errors="strict"
        )
    except (UnicodeDecodeError, ValueError):
        raise BadRequest("The form could not be read.") from None
    wanted = set(names) if names is not None else None
    fields: dict[str, str] = {}
    for name, value in pairs:
        if wanted is None or name in wanted:
            fields.setdefault(name, value)
    return fields


def session_token(request: Any) -> str | None:
    return cookies.read(request, COOKIE)


def session_cookie(token: str, secure: bool) -> str:
    return _cookie(token, SESSION_MAX_S, secure)


def cleared_cookie(secure: bool) -> str:
    return _cookie("", 0, secure)


def _cookie(value: str, max_age: int, secure: bool) -> str:
    return cookies.set_cookie(COOKIE, value, path="/console", max_age=max_age, secure=secure)
