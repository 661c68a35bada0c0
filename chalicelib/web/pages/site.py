"""The citizen's HTML routes: status page, preference form, stylesheet. Kept out of app.py so each
route there stays a line or two; the JSON twins are `services.tracking` and `services.preferences`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from chalice import Response

from chalicelib.domain.errors import InvalidFields, NotFound
from chalicelib.services import preferences, tracking
from chalicelib.services.deps import Deps
from chalicelib.web import forms
from chalicelib.web.pages.layout import STYLESHEET_CACHE, stylesheet, stylesheet_name, unknown_page
from chalicelib.web.pages.layout import html_response as _html
from chalicelib.web.pages.status import FORM_ANCHOR, page_url, status_page
from chalicelib.web.pages.words import LANGUAGES


def language_of(query: Mapping[str, str] | None) -> str | None:
    lang = (query or {}).get("lang")
    return lang if lang in LANGUAGES else None


def page(deps: Deps, token: str, query: Mapping[str, str] | None) -> Response:
    lang = language_of(query)
    try:
        view = tracking.view(deps, token, lang, LANGUAGES)
    except NotFound:
        return _html(unknown_page(lang or "nl"), 404)
    saved = (query or {}).get("saved") == "1"
    form_token = forms.form_token(deps.settings.token_key, token)
    return _html(status_page(view.json_body(), token, form_token, saved=saved))


def submit(deps: Deps, token: str, query: Mapping[str, str] | None, request: Any) -> Response:
    """POST of the preference form: 303 to the page on success, the page with messages on error."""
    lang = language_of(query)
    try:
        tracking.find(deps, token)
    except NotFound:
        return _html(unknown_page(lang or "nl"), 404)
    fields = forms.parse_form(request)
    key = deps.settings.token_key
    status, errors = 200, {}
    if forms.cross_site(request.headers):
        status, errors = 403, {"form": "form.expired"}
    elif not forms.form_token_valid(key, token, fields.get("form_token")):
        status, errors = 400, {"form": "form.expired"}
    else:
        try:
            preferences.change(deps, token, fields)
        except InvalidFields as invalid:
            status, errors = 400, invalid.codes
    if not errors:
        # Post/redirect/get: a reload does not submit again, and the page shows the stored state.
        base = page_url(token, lang) + "&" if lang else f"/track/{quote(token, safe='')}?"
        return Response(body="", status_code=303, headers={"Location": f"{base}saved=1#{FORM_ANCHOR}"})
    view = tracking.view(deps, token, lang, LANGUAGES)
    form_token = forms.form_token(key, token)
    return _html(status_page(view.json_body(), token, form_token, errors=errors, values=fields), status)


def static(name: str) -> Response:
    if name != stylesheet_name():
        raise NotFound("There is nothing at this address.")
    return Response(
        body=stylesheet(),
        status_code=200,
        headers={"Content-Type": "text/css; charset=utf-8", "Cache-Control": STYLESHEET_CACHE},
    )
