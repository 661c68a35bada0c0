"""The report pages' filter form: case type and period, read from the query string, with an error
beside each field that cannot be used (and a summary above the form linking to them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html import escape as e
from urllib.parse import urlencode

from chalicelib.domain.dates import in_window

DATE_HINT = "Bijvoorbeeld 2026-11-01."


@dataclass(frozen=True)
class Filters:
    """The report's filters as asked (`raw`), as understood, and what was wrong with them."""

    raw: dict[str, str]
    case_type: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    errors: dict[str, str] = field(default_factory=dict)

    def query(self, *names: str) -> str:
        kept = {k: v for k, v in self.raw.items() if v and (not names or k in names)}
        return "?" + urlencode(kept) if kept else ""


def read_filters(query: Mapping[str, str] | None, codes: set[str]) -> Filters:
    raw = {name: ((query or {}).get(name) or "").strip()[:64] for name in ("case_type", "from", "to")}
    errors: dict[str, str] = {}
    start, end = _date(raw["from"], "from", errors), _date(raw["to"], "to", errors)
    if start and end and end < start:
        errors["to"] = "De einddatum ligt vóór de begindatum."
    if raw["case_type"] and raw["case_type"] not in codes:
        errors["case_type"] = "Kies een zaaktype uit de lijst."
    return Filters(raw, raw["case_type"] or None, start, end, errors)


def _date(text: str, name: str, errors: dict[str, str]) -> dt.date | None:
    if not text:
        return None
    try:
        return in_window(dt.date.fromisoformat(text))
    except ValueError:
        errors[name] = "Vul een datum in als jaar-maand-dag tussen 1900 en 2199, bijvoorbeeld 2026-11-01."
        return None


LABELS = {"case_type": "Zaaktype", "from": "Vanaf", "to": "Tot en met"}


def error_summary(errors: Mapping[str, str]) -> str:
    if not errors:
        return ""
    items = "".join(f'<li><a href="#{e(name)}">{e(LABELS[name])}: {e(text)}</a></li>' for name, text in errors.items())
    return (
        '<div class="error-summary" role="alert" aria-labelledby="fouten">'
        f'<h2 id="fouten">Er is een probleem</h2><ul>{items}</ul></div>'
    )


def _field(name: str, control: Callable[[str], str], errors: Mapping[str, str], hint: str = "") -> str:
    error = errors.get(name)
    described = " ".join(x for x in (f"{name}-hint" if hint else "", f"{name}-error" if error else "") if x)
    attributes = (f' aria-describedby="{described}"' if described else "") + (' aria-invalid="true"' if error else "")
    return (
        f'<div class="field{" invalid" if error else ""}"><label for="{name}">{e(LABELS[name])}</label>'
        + (f'<p class="hint" id="{name}-hint">{e(hint)}</p>' if hint else "")
        + (
            f'<p class="error" id="{name}-error"><span class="visually-hidden">Fout: </span>{e(error)}</p>'
            if error
            else ""
        )
        + control(attributes)
        + "</div>"
    )


def filter_form(
    filters: Filters, names: Mapping[str, str], action: str = "/console/reports", dates: bool = True
) -> str:
    """A GET form: the filters are in the address, so a report can be bookmarked and shared."""
    chosen = filters.raw.get("case_type", "")
    options = '<option value="">Alle zaaktypen</option>' + "".join(
        f'<option value="{e(code)}"{" selected" if code == chosen else ""}>{e(name)}</option>'
        for code, name in sorted(names.items(), key=lambda item: item[1].lower())
    )
    fields = _field(
        "case_type", lambda a: f'<select id="case_type" name="case_type"{a}>{options}</select>', filters.errors
    )
    if dates:
        for name in ("from", "to"):
            value = e(filters.raw.get(name, ""))
            control = _date_input(name, value)
            fields += _field(name, control, filters.errors, DATE_HINT)
    kind = "search report-filter" + ("" if dates else " one-field")
    return (
        f'<form class="{kind}" method="get" action="{e(action)}" novalidate>'
        f'{fields}<button type="submit">Toon</button></form>'
    )


def _date_input(name: str, value: str) -> Callable[[str], str]:
    # A text field, not type=date: a browser's picker hides a mistyped value that the error names.
    return lambda attributes: f'<input type="text" id="{name}" name="{name}" value="{value}"{attributes}>'
