"""A case's family on its page: the sub-cases other organisations (or the same one) handle as
part of it, and, on a sub-case's page, the case it is part of (`TrackingView.subcases/parent`)."""

from __future__ import annotations

import datetime as dt
from html import escape as e
from typing import Any

from chalicelib.domain import dates
from chalicelib.web.pages.reader import one_stop


def parent_sentence(view: dict[str, Any], w: dict[str, str]) -> str:
    parent = view.get("parent")
    if not parent:
        return ""
    sentence = w["part_of"].format(case_type=parent["case_type_name"], organisation=parent["organisation_name"])
    return f'<p class="reader">{e(one_stop(sentence))}</p>'


def subcases_section(view: dict[str, Any], w: dict[str, str], lang: str) -> str:
    """Each sub-case as a list item with its own heading and facts; '' when there are none."""
    subcases = view.get("subcases") or []
    if not subcases:
        return ""
    items = "".join(_item(s, w, lang) for s in subcases)
    return (
        f'<section aria-labelledby="h-subcases"><h2 id="h-subcases">{e(w["subcases"])}</h2>'
        f'<ul class="subcases">{items}</ul></section>'
    )


def _item(subcase: dict[str, Any], w: dict[str, str], lang: str) -> str:
    current = subcase["current_status"]
    since = current["since"]
    closed = f"<strong>{e(w['subcase_closed'])}</strong> " if subcase["closed"] else ""
    when = dates.long_datetime(dt.datetime.fromisoformat(since), lang)
    rows = (
        (w["organisation"], e(subcase["organisation_name"])),
        (w["status"], closed + e(current["text"])),
        (w["since"], f'<time datetime="{e(since)}">{e(when)}</time>'),
    )
    facts = "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<li><h3>{e(subcase["case_type_name"])}</h3><dl class="facts">{facts}</dl></li>'
