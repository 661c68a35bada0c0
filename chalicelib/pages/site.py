"""The citizen's HTML routes: status page, preference form, stylesheet. Kept out of app.py so each
route there stays a line or two; the JSON twins live in tracking.py and preferences.py."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from chalice import Response

from chalicelib import preferences, tracking
from chalicelib.pages import (
    LANGUAGES,
    STYLESHEET_CACHE,
    content_security_policy,
    status_page,
    stylesheet,
    stylesheet_name,
    unknown_page,
)
from chalicelib.pages.status import FORM_ANCHOR, page_url
from chalicelib.problems import NotFound
from chalicelib.wiring import Services


def _html(body: str, status: int = 200, **headers: str) -> Response:
    return Response(
        body=body,
        status_code=status,
        headers={
            "Content-Type": "text/html; charset=utf-8",
            "X-Robots-Tag": "noindex, nofollow",
            "Content-Security-Policy": content_security_policy(),
            **headers,
        },
    )


def language_of(query: dict[str, str] | None) -> str | None:
    lang = (query or {}).get("lang")
    return lang if lang in LANGUAGES else None


def page(svc: Services, token: str, query: dict[str, str] | None) -> Response:
    lang = language_of(query)
    try:
        view = tracking.view(svc, token, lang, LANGUAGES)
    except NotFound:
        return _html(unknown_page(lang or "nl"), 404)
    saved = (query or {}).get("saved") == "1"
    form_token = preferences.form_token(svc.settings.token_key, token)
    return _html(status_page(view, token, form_token, saved=saved))


def submit(svc: Services, token: str, query: dict[str, str] | None, request: Any) -> Response:
    """POST of the preference form: 303 to the page on success, the page with messages on error."""
    lang = language_of(query)
    try:
        tracking.find(svc, token)
    except NotFound:
        return _html(unknown_page(lang or "nl"), 404)
    fields = preferences.parse_form(request)
    status, errors = 200, {}
    if preferences.cross_site(request.headers):
        status, errors = 403, {"form": "form.expired"}
    elif not preferences.form_token_valid(svc.settings.token_key, token, fields.get("form_token")):
        status, errors = 400, {"form": "form.expired"}
    else:
        try:
            preferences.change(svc, token, fields)
        except preferences.InvalidPreferences as exc:
            status, errors = 400, exc.errors
    if not errors:
        # Post/redirect/get: a reload does not submit again, and the page shows the stored state.
        location = (page_url(token, lang) + "&" if lang else f"/track/{quote(token, safe='')}?") + f"saved=1#{FORM_ANCHOR}"
        return Response(body="", status_code=303, headers={"Location": location})
    view = tracking.view(svc, token, lang, LANGUAGES)
    form_token = preferences.form_token(svc.settings.token_key, token)
    return _html(status_page(view, token, form_token, errors=errors, values=fields), status)


def static(name: str) -> Response:
    if name != stylesheet_name():
        raise NotFound("There is nothing at this address.")
    return Response(
        body=stylesheet(),
        status_code=200,
        headers={"Content-Type": "text/css; charset=utf-8", "Cache-Control": STYLESHEET_CACHE},
    )
