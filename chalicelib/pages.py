"""The citizen's status page, server-rendered HTML with every outside text escaped."""

from __future__ import annotations

import datetime as dt
from html import escape as e
from typing import Any

from chalicelib import dates

WORDS = {
    "nl": {
        "title": "Status van uw zaak", "current": "Huidige status", "since": "sinds",
        "history": "Verloop", "expected": "Verwachte einddatum", "closed": "Deze zaak is afgehandeld.",
        "case": "Zaak", "unknown_title": "Deze link is niet (meer) geldig",
        "unknown": "Controleer of u de volledige link uit het bericht hebt gebruikt.",
    },
    "en": {
        "title": "Status of your case", "current": "Current status", "since": "since",
        "history": "History", "expected": "Expected end date", "closed": "This case is closed.",
        "case": "Case", "unknown_title": "This link is not (or no longer) valid",
        "unknown": "Check that you used the complete link from the message.",
    },
}

STYLE = (
    "body{font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;margin:0;line-height:1.5}"
    "header,main{max-width:40rem;margin:0 auto;padding:1rem}"
    "header{border-bottom:4px solid #01689b}"
    "h1{font-size:1.6rem}h2{font-size:1.2rem}"
    "ol{padding-left:1.25rem}li{margin-bottom:.75rem}"
    ".meta{color:#4a4a4a}"
)
CSP = "default-src 'none'; style-src 'sha256-{hash}'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"


def _words(language: str) -> dict[str, str]:
    return WORDS.get(language, WORDS["nl"])


def _when(iso: str, language: str) -> str:
    return dates.long_datetime(dt.datetime.fromisoformat(iso), language)


def _page(language: str, title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="{e(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title><style>{STYLE}</style></head><body>{body}</body></html>"
    )


def status_page(view: dict[str, Any]) -> str:
    lang = view["language"]
    w = _words(lang)
    items = "".join(
        f'<li><time datetime="{e(h["at"])}">{e(_when(h["at"], lang))}</time>: {e(h["text"])}'
        + (f'<br><span class="meta">{e(h["explanation"])}</span>' if h["explanation"] else "")
        + "</li>"
        for h in view["history"]
    )
    expected = ""
    if view["expected_end_date"]:
        day = dt.date.fromisoformat(view["expected_end_date"])
        expected = f'<p>{e(w["expected"])}: {e(dates.long_date(day, lang))}</p>'
    closed = f'<p><strong>{e(w["closed"])}</strong></p>' if view["closed"] else ""
    case = view["case"]
    current = view["current_status"]
    body = (
        f'<header><p>{e(view["organisation"]["name"])}</p></header><main>'
        f'<h1>{e(case["case_type"])}</h1>'
        f'<p class="meta">{e(w["case"])} {e(case["id"])}'
        + (f": {e(case['description'])}" if case["description"] else "")
        + "</p>"
        f'<h2>{e(w["current"])}</h2><p>{e(current["text"])} '
        f'<span class="meta">({e(w["since"])} {e(_when(current["since"], lang))})</span></p>'
        f"{closed}{expected}"
        f'<h2>{e(w["history"])}</h2><ol>{items}</ol></main>'
    )
    return _page(lang, w["title"], body)


def unknown_page(language: str = "nl") -> str:
    w = _words(language)
    body = f'<main><h1>{e(w["unknown_title"])}</h1><p>{e(w["unknown"])}</p></main>'
    return _page(language, w["unknown_title"], body)


def content_security_policy() -> str:
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
    return CSP.replace("{hash}", digest)
