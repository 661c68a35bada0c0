"""Key dates of a case ("eerste betaling", "besluit uiterlijk"): declared per case type, set and
moved by events, folded per case into each date's current and previous value.

The fold takes the dates events give in the case's order (`Case.history`): the first value a
date gets is its date; a later, different value moves it and keeps the one before as `previous`.
Repeating the same date changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from chalicelib.domain import dates
from chalicelib.domain.base import Domain


class KeyDate(Domain):
    """A date a case type declares: its code (as in events and `((dates.<code>))`), its label
    per language, and whether moving it tells the case's persons and businesses."""

    code: str
    label: dict[str, str]
    notify_on_change: bool = False

    def label_in(self, language: str) -> str:
        return self.label.get(language) or self.label.get("nl") or self.code


class Result(Domain):
    """The decision a case ends with (granted, refused, ...), given with the final status."""

    code: str
    text: str


@dataclass(frozen=True)
class DateValue:
    date: dt.date
    previous: dt.date | None = None  # the value before the last move; None: never moved


def fold(given: Iterable[Mapping[str, dt.date]]) -> dict[str, DateValue]:
    """Each date's value after the events' dates, oldest event first."""
    values: dict[str, DateValue] = {}
    for event_dates in given:
        for code, day in event_dates.items():
            now = values.get(code)
            if now is None:
                values[code] = DateValue(day)
            elif now.date != day:
                values[code] = DateValue(day, now.date)
    return values


def moves(before: Mapping[str, DateValue], given: Mapping[str, dt.date]) -> dict[str, tuple[dt.date, dt.date]]:
    """The dates `given` moves (code -> (old, new)); a first value is set, not moved."""
    return {
        code: (before[code].date, day) for code, day in given.items() if code in before and before[code].date != day
    }


MOVED = {"nl": "verschoven van {old} naar {new}", "en": "moved from {old} to {new}"}


def moved_words(old: dt.date, new: dt.date, language: str) -> str:
    """'verschoven van 3 januari naar 17 januari 2027': the old date's year only when it differs."""
    old_words = dates.long_date(old, language)
    if old.year == new.year:
        old_words = old_words.removesuffix(f" {old.year}")
    return MOVED.get(language, MOVED["nl"]).format(old=old_words, new=dates.long_date(new, language))
