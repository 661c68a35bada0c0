"""Citizen-facing text: ((placeholders)) and the values they take."""

from __future__ import annotations

import re
from collections.abc import Collection

from chalicelib.domain import actions, dates, schedule
from chalicelib.domain.models import Case, CaseType, Event, Organisation

PLACEHOLDER = re.compile(r"\(\(\s*([^()]*?)\s*\)\)")
KNOWN_PLACEHOLDERS = frozenset(
    {
        "case.id",
        "case.description",
        "case.expected_end_date",
        "status.explanation",
        "organisation.name",
        "tracking_url",
        "result.text",
        *actions.PLACEHOLDERS,  # the action asked right after the event
    }
)


def unknown_placeholders(text: str, known: Collection[str] = ()) -> list[str]:
    """The names no value is made for; `known`: the case type's own (`dates.<code>`)."""
    return [name for name in PLACEHOLDER.findall(text) if name not in KNOWN_PLACEHOLDERS and name not in known]


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each ((name)) by its value; a missing value reads as empty, never as '((name))'."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), text)


def placeholder_values(
    org: Organisation, case: Case, event: Event, url: str, language: str, case_type: CaseType | None = None
) -> dict[str, str]:
    """Each placeholder's value for `event`; with the case type, the expected end date falls back
    to the one the page shows (start + service norm) and the key dates are there."""
    end = schedule.expected_end(case, case_type) if case_type else case.expected_end_date
    result = schedule.result_of(case, event)
    return {
        "case.id": case.id,
        "case.description": case.description or "",
        "case.expected_end_date": dates.long_date(end, language),
        "status.explanation": event.explanation or "",
        "organisation.name": org.name,
        "tracking_url": url,
        "result.text": result.text if result else "",
        **(schedule.date_values(case, case_type, event, language) if case_type else {}),
        **actions.placeholder_values(case, event, language),
    }
