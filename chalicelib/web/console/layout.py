"""What every console page shares: the document, the header with the organisation's name, the
navigation and the sign-out form, and the HTML response with the strict CSP.

Pages are Python strings; every value that comes from data passes through `html.escape` (`e`).
"""

from __future__ import annotations

import functools
import hashlib
from html import escape as e
from pathlib import Path
from typing import TYPE_CHECKING

from chalice import Response

from chalicelib.web.pages.layout import html_response as page_response
from chalicelib.web.pages.layout import stylesheet_name

if TYPE_CHECKING:
    from chalicelib.domain.staff import StaffSession

# (path, Dutch, English): the sections, each added by its own routes module.
NAV = (
    ("/console/cases", "Zaak zoeken", "Find a case"),
    ("/console/case-types", "Zaaktypen", "Case types"),
    ("/console/reports", "Rapportages", "Reports"),
)
WORDS = {
    "nl": {"skip": "Naar de inhoud", "nav": "Console", "sign_out": "Afmelden", "title": "Zaakstatus console"},
    "en": {"skip": "Skip to content", "nav": "Console", "sign_out": "Sign out", "title": "Zaakstatus console"},
}
ROLE_NAMES = {"admin": "beheerder", "agent": "medewerker", "viewer": "meekijker"}


@functools.cache
def console_stylesheet() -> str:
    return (Path(__file__).parent / "console.css").read_text(encoding="utf-8")


@functools.cache
def console_stylesheet_name() -> str:
    return f"console-{hashlib.sha256(console_stylesheet().encode()).hexdigest()[:12]}.css"


def console_page(
    title: str, body: str, *, staff: StaffSession | None = None, lang: str = "nl", current: str | None = None
) -> str:
    """A whole console page. `body` is trusted HTML (already escaped); `current` is the path of the
    section the page belongs to, marked in the navigation."""
    w = WORDS.get(lang, WORDS["nl"])
    return (
        f'<!doctype html><html lang="{e(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex, nofollow">'
        f"<title>{e(title)} – {e(w['title'])}</title>"
        f'<link rel="stylesheet" href="/static/{stylesheet_name()}">'
        f'<link rel="stylesheet" href="/console/static/{console_stylesheet_name()}"></head>'
        f'<body class="console"><a class="skip" href="#inhoud">{e(w["skip"])}</a>'
        f"{_header(staff, lang, current)}"
        f'<main id="inhoud" tabindex="-1"><div class="wrap">{body}</div></main></body></html>'
    )


def _header(staff: StaffSession | None, lang: str, current: str | None) -> str:
    w = WORDS.get(lang, WORDS["nl"])
    if staff is None:
        return f'<header class="site"><div class="wrap"><p class="org">{e(w["title"])}</p></div></header>'
    index = 2 if lang == "en" else 1
    links = "".join(
        f'<li><a href="{e(item[0])}"'
        + (' aria-current="page"' if item[0] == current else "")
        + f">{e(item[index])}</a></li>"
        for item in NAV
    )
    who = f"{staff.org_name} · {ROLE_NAMES.get(staff.role, staff.role)}"
    sign_out = (
        '<form class="sign-out" method="post" action="/console/sign-out">'
        f'<input type="hidden" name="csrf" value="{e(staff.csrf)}">'
        f'<button type="submit" class="link">{e(w["sign_out"])}</button></form>'
    )
    return (
        f'<header class="site console-header"><div class="wrap"><p class="org"><a href="/console">{e(who)}</a></p>'
        f'<nav aria-label="{e(w["nav"])}"><ul>{links}</ul></nav>{sign_out}</div></header>'
    )


def html_response(body: str, status: int = 200, **headers: str) -> Response:
    # A console page shows an organisation's cases: never kept in a shared cache.
    return page_response(body, status, **{"Cache-Control": "no-store", **headers})


def redirect(location: str, **headers: str) -> Response:
    """303 See Other: after a form, the browser GETs the page (post/redirect/get)."""
    return Response(body="", status_code=303, headers={"Location": location, **headers})


def message_page(title: str, text: str, status: int, *, staff: StaffSession | None = None) -> Response:
    """A short page for an answer that is not the page asked for (not found, refused, too many)."""
    body = f'<h1>{e(title)}</h1><p>{e(text)}</p><p><a href="/console">Naar de console</a></p>'
    return html_response(console_page(title, body, staff=staff), status)
