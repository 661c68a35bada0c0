"""The case's documents on its page (`TrackingView.documents`): a list, each with its title as a
heading, its type and date, a "new" mark said in words, and a download link whose text names
the document for screen readers that list links out of context."""

from __future__ import annotations

import datetime as dt
from html import escape as e
from typing import Any

from chalicelib.domain import dates

WORDS = {
    "nl": {
        "documents": "Documenten bij uw zaak",
        "intro": "De documenten blijven te downloaden zolang u deze pagina kunt bekijken.",
        "new": "nieuw",
        "type": "Soort",
        "date": "Datum",
        "download": "Download",
        "none": "Dit document is nog niet te downloaden.",
    },
    "en": {
        "documents": "Documents of your case",
        "intro": "You can download the documents as long as you can view this page.",
        "new": "new",
        "type": "Type",
        "date": "Date",
        "download": "Download",
        "none": "This document cannot be downloaded yet.",
    },
}


def documents_section(view: dict[str, Any], lang: str) -> str:
    """The list, or '' when the case has no document this reader may see."""
    listed = view.get("documents") or []
    if not listed:
        return ""
    w = WORDS.get(lang, WORDS["nl"])
    items = "".join(_item(d, w, lang) for d in listed)
    return (
        f'<section aria-labelledby="h-documents"><h2 id="h-documents">{e(w["documents"])}</h2>'
        f'<p>{e(w["intro"])}</p><ul class="documents">{items}</ul></section>'
    )


def _item(document: dict[str, Any], w: dict[str, str], lang: str) -> str:
    new = f' <strong class="new">{e(w["new"])}</strong>' if document["new"] else ""
    day = document["date"]
    when = dates.long_date(dt.date.fromisoformat(day), lang)
    facts = (
        f'<dl class="facts"><dt>{e(w["type"])}</dt><dd>{e(document["type"])}</dd>'
        f'<dt>{e(w["date"])}</dt><dd><time datetime="{e(day)}">{e(when)}</time></dd></dl>'
    )
    url = document["download_url"]
    if url:
        hidden = f'<span class="visually-hidden"> {e(document["title"])}</span>'  # names it out of context
        link = f'<p><a href="{e(url)}">{e(w["download"])}{hidden}</a></p>'
    else:
        link = f'<p class="meta">{e(w["none"])}</p>'
    return f"<li><h3>{e(document['title'])}{new}</h3>{facts}{link}</li>"
