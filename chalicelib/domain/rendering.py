"""Citizen-facing text: ((placeholders)) and the values they take."""

from __future__ import annotations

import re

from chalicelib.domain import dates
from chalicelib.domain.models import Case, Event, Organisation

PLACEHOLDER = re.compile(r"\(\(\s*([^()]*?)\s*\)\)")
KNOWN_PLACEHOLDERS = frozenset(
    {
        "case.id",
        "case.description",
        "case.expected_end_date",
        "status.explanation",
        "organisation.name",
        "tracking_url",
    }
)


def unknown_placeholders(text: str) -> list[str]:
    return [name for name in PLACEHOLDER.findall(text) if name not in KNOWN_PLACEHOLDERS]


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each ((name)) by its value; a missing value reads as empty, never as '((name))'."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), text)


def placeholder_values(org: Organisation, case: Case, event: Event, url: str, language: str) -> dict[str, str]:
    return {
        "case.id": case.id,
        "case.description": case.description or "",
        "case.expected_end_date": dates.long_date(case.expected_end_date, language),
        "status.explanation": event.explanation or "",
        "organisation.name": org.name,
        "tracking_url": url,
    }
