"""What every page shares: the document around the content, the language switch, the stylesheet."""

from __future__ import annotations

import functools
import hashlib
from html import escape as e
from pathlib import Path

from chalice import Response

from chalicelib.web.pages.words import LANGUAGES, WORDS, words

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
STYLESHEET_CACHE = "public, max-age=31536000, immutable"


def html_response(body: str, status: int = 200, **headers: str) -> Response:
    """A page: HTML under the strict CSP, never indexed (a page is about one case or one person)."""
    return Response(
        body=body,
        status_code=status,
        headers={
            "Content-Type": "text/html; charset=utf-8",
            "X-Robots-Tag": "noindex, nofollow",
            "Content-Security-Policy": CSP,
            **headers,
        },
    )


@functools.cache
def stylesheet() -> str:
    return (Path(__file__).parent / "style.css").read_text(encoding="utf-8")


@functools.cache
def stylesheet_name() -> str:
    return f"zaakstatus-{hashlib.sha256(stylesheet().encode()).hexdigest()[:12]}.css"


def layout(language: str, title: str, main: str, header: str = "", footer: str = "") -> str:
    w = words(language)
    return (
        f'<!doctype html><html lang="{e(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex, nofollow">'
        f"<title>{e(title)}</title>"
        f'<link rel="stylesheet" href="/static/{stylesheet_name()}"></head><body>'
        f'<a class="skip" href="#inhoud">{e(w["skip"])}</a>'
        f"{header}"
        f'<main id="inhoud" tabindex="-1"><div class="wrap">{main}</div></main>'
        f"{footer}</body></html>"
    )


def unknown_page(language: str = "nl") -> str:
    """The same page for a malformed, unknown, revoked or expired link: it never tells which."""
    w = words(language)
    main = f"<h1>{e(w['unknown_title'])}</h1><p>{e(w['unknown'])}</p><p>{e(w['unknown_help'])}</p>"
    # No organisation in the header: that would tell whose link it was. The switch keeps the path.
    header = (
        f'<header class="site"><div class="wrap"><p class="org">{e(w["title"])}</p>'
        f'<nav aria-label="{e(w["language_nav"])}"><ul>{language_links("", language)}</ul></nav></div></header>'
    )
    return layout(language, w["unknown_title"], main, header)


def language_links(path: str, current: str) -> str:
    """Links to the same page in each language; `path` '' keeps the current one."""
    return "".join(
        f'<li><a href="{e(path)}?lang={code}" lang="{code}" hreflang="{code}"'
        + (' aria-current="page"' if code == current else "")
        + f">{e(WORDS[code]['language_name'])}</a></li>"
        for code in LANGUAGES
    )
