"""What the citizen must do and whom to ask, on the status page: the action asked now, the
first thing below the heading ("Actie nodig", with its deadline and link), and the
organisation's contact near the end (`TrackingView.action/contact`)."""

from __future__ import annotations

import datetime as dt
from html import escape as e
from typing import Any

from chalicelib.domain import dates, org_contact

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "action": "Actie nodig",
        "deadline": "Uiterste datum",
        "link": "Regel dit online bij {organisation}",
    },
    "en": {
        "action": "Action needed",
        "deadline": "Deadline",
        "link": "Do this online at {organisation}",
    },
}


def _words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["nl"])


def action_section(view: dict[str, Any], lang: str) -> str:
    """The action asked now, marked as needing the citizen; '' when the case asks none."""
    action = view.get("action")
    if not action:
        return ""
    w = _words(lang)
    day = action["deadline"]
    when = dates.long_date(dt.date.fromisoformat(day), lang)
    html = (
        f'<section class="action" aria-labelledby="h-action"><h2 id="h-action">{e(w["action"])}</h2>'
        f"<p>{e(action['text'])}</p>"
        f'<p><strong>{e(w["deadline"])}:</strong> <time datetime="{e(day)}">{e(when)}</time></p>'
    )
    if action["url"]:
        label = w["link"].format(organisation=view["organisation"]["name"])
        html += f'<p><a href="{e(action["url"])}">{e(label)}</a></p>'
    return html + "</section>"


def contact_section(view: dict[str, Any], lang: str) -> str:
    """How to reach the organisation: phone, e-mail, website, opening hours; '' when unknown."""
    contact = view.get("contact")
    if not contact:
        return ""
    w = org_contact.words(lang)
    given = org_contact.Contact(**contact)
    rows = "".join(
        f"<dt>{e(label)}</dt><dd>{_value(field, value)}</dd>" for field, label, value in org_contact.rows(given, lang)
    )
    intro = w["intro"].format(organisation=view["organisation"]["name"])
    return (
        f'<section aria-labelledby="h-contact"><h2 id="h-contact">{e(w["heading"])}</h2>'
        f'<p>{e(intro)}</p><dl class="reach">{rows}</dl></section>'
    )


def _value(field: str, value: str) -> str:
    href = org_contact.href(field, value)
    return f'<a href="{e(href)}">{e(value)}</a>' if href else e(value)
