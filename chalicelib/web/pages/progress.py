"""What comes next, on the status page: the result of a closed case, the steps ("Stap 2 van 5",
each with its state in words), the key dates (a moved one says from when to when), and a note
naming the texts that are only in Dutch (`TrackingView.steps/dates/result/untranslated`)."""

from __future__ import annotations

import datetime as dt
from html import escape as e
from typing import Any

from chalicelib.domain import dates, key_dates

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "result": "Uitkomst",
        "steps": "Stappen",
        "step_of": "Stap {n} van {total}",
        "done": "afgerond",
        "current": "huidige stap",
        "closed": "afgehandeld",
        "upcoming": "nog niet aan de beurt",
        "skipped": "overgeslagen",
        "dates": "Belangrijke datums",
        "unknown": "nog niet bekend",
        "untranslated": "",
    },
    "en": {
        "result": "Result",
        "steps": "Steps",
        "step_of": "Step {n} of {total}",
        "done": "done",
        "current": "current step",
        "closed": "completed",
        "upcoming": "still to come",
        "skipped": "skipped",
        "dates": "Key dates",
        "unknown": "not known yet",
        "untranslated": "Some texts on this page are only available in Dutch: {what}.",
        "case.case_type": "the name of the case",
        "current_status": "the current status",
        "history": "the history",
        "steps_names": "the names of the steps",
        "dates_labels": "the names of the dates",
    },
}
GROUPS = (  # an untranslated path's start -> the words naming it
    ("case.case_type", "case.case_type"),
    ("current_status", "current_status"),
    ("history.", "history"),
    ("steps", "steps_names"),
    ("dates.", "dates_labels"),
)


def _words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["nl"])


def dutch(view: dict[str, Any], path: str) -> str:
    """` lang="nl"` for a text given in Dutch on a page in another language."""
    return ' lang="nl"' if path in view.get("untranslated", ()) else ""


def language_note(view: dict[str, Any], lang: str) -> str:
    w = _words(lang)
    paths = view.get("untranslated") or []
    what = [w[key] for start, key in GROUPS if any(p.startswith(start) for p in paths)]
    if not what or not w["untranslated"]:
        return ""
    listed = ", ".join(what[:-1]) + (" and " if len(what) > 1 else "") + what[-1]
    return f'<p class="note">{e(w["untranslated"].format(what=listed))}</p>'


def result_section(view: dict[str, Any], lang: str) -> str:
    result = view.get("result")
    if not result or not view["closed"]:
        return ""
    return (
        f'<section class="result" aria-labelledby="h-result"><h2 id="h-result">{e(_words(lang)["result"])}</h2>'
        f"<p><strong>{e(result['text'])}</strong></p></section>"
    )


def steps_section(view: dict[str, Any], lang: str) -> str:
    steps = view.get("steps") or []
    if not steps:
        return ""
    w = _words(lang)
    where = w["step_of"].format(n=view["step"], total=view["steps_total"]) if view["step"] else ""
    items = "".join(_step(s, w, view["closed"], dutch(view, "steps")) for s in steps)
    return (
        f'<section aria-labelledby="h-steps"><h2 id="h-steps">{e(w["steps"])}</h2>'
        + (f'<p class="where">{e(where)}</p>' if where else "")
        + f'<ol class="steps">{items}</ol></section>'
    )


def _step(step: dict[str, Any], w: dict[str, str], closed: bool, name_lang: str) -> str:
    state = step["state"]
    said = w["closed"] if state == "current" and closed else w[state]
    current = ' aria-current="step"' if state == "current" else ""
    return (
        f'<li class="step-{e(state)}"{current}><span class="name"{name_lang}>{e(step["name"])}</span>'
        f' <span class="state">({e(said)})</span></li>'
    )


def dates_section(view: dict[str, Any], lang: str) -> str:
    key = view.get("dates") or []
    if not key:
        return ""
    w = _words(lang)
    rows = "".join(
        f"<dt{dutch(view, f'dates.{i}.label')}>{e(d['label'])}</dt><dd>{_date(d, w, lang)}</dd>"
        for i, d in enumerate(key)
    )
    return (
        f'<section aria-labelledby="h-dates"><h2 id="h-dates">{e(w["dates"])}</h2>'
        f'<dl class="facts dates">{rows}</dl></section>'
    )


def _date(entry: dict[str, Any], w: dict[str, str], lang: str) -> str:
    if not entry["date"]:
        return e(w["unknown"])
    day = dt.date.fromisoformat(entry["date"])
    written = f'<time datetime="{e(entry["date"])}">{e(dates.long_date(day, lang))}</time>'
    if not entry["previous"]:
        return written
    moved = key_dates.moved_words(dt.date.fromisoformat(entry["previous"]), day, lang)
    return f'{written} <span class="moved">({e(moved)})</span>'
