"""A case's dates and decision as its events left them: the expected end date, the key dates
(current and previous value) and the result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from chalicelib.domain import dates, key_dates
from chalicelib.domain.errors import FieldError
from chalicelib.domain.key_dates import DateValue, KeyDate, Result
from chalicelib.domain.models import Case, CaseType, Event
from chalicelib.domain.parties import PERSON_ROLES


def problems_of(case_type: CaseType, status: str, given: Mapping[str, dt.date], result: bool) -> list[FieldError]:
    """An event's dates must be the case type's; a result goes with the final status only."""
    declared = {kd.code for kd in case_type.dates}
    problems = [
        FieldError(f"dates.{code}", f"case type '{case_type.code}' has no key date '{code}'")
        for code in given
        if code not in declared
    ]
    if result and not case_type.is_final(status):
        problems.append(FieldError("result", "a result goes with the case type's final status"))
    return problems


def expected_end(case: Case, case_type: CaseType) -> dt.date | None:
    """The organisation's date when it gave one; else the case's start plus the service norm."""
    if case.expected_end_date:
        return case.expected_end_date
    if case_type.service_norm_days is None or not case.history:
        return None
    start = dates.local_time(case.history[0].occurred_at).date()
    return dates.plus_days(start, case_type.service_norm_days)


def _before(case: Case, event: Event) -> list[Event]:
    return [e for e in case.history if e.rank < event.rank and e.key != event.key]


def key_dates_of(case: Case, upto: Event | None = None) -> dict[str, DateValue]:
    """The key dates after every event (or after `upto` and those before it)."""
    history = case.history if upto is None else [*_before(case, upto), upto]
    return key_dates.fold(e.dates for e in history)


def moved_by(case: Case, case_type: CaseType, event: Event) -> list[tuple[KeyDate, dt.date, dt.date]]:
    """The declared dates `event` moves: (declaration, old, new)."""
    moves = key_dates.moves(key_dates.fold(e.dates for e in _before(case, event)), event.dates)
    return [(kd, *moves[kd.code]) for kd in case_type.dates if kd.code in moves]


def notifies_with_dates(
    notifies: Callable[[str], bool], case: Case, case_type: CaseType, event: Event
) -> Callable[[str], bool]:
    """Who an event tells: whom its status tells, and the persons and businesses when it moves
    a date the case type says they are told of."""
    if not any(kd.notify_on_change for kd, _, _ in moved_by(case, case_type, event)):
        return notifies
    return lambda role: notifies(role) or role in PERSON_ROLES


def date_news(case: Case, case_type: CaseType, event: Event, language: str) -> str:
    """'Eerste betaling: verschoven van 3 januari naar 17 januari 2027.' for each date the event
    moves that tells on a change; '' when none."""
    return " ".join(
        f"{kd.label_in(language)}: {key_dates.moved_words(old, new, language)}."
        for kd, old, new in moved_by(case, case_type, event)
        if kd.notify_on_change
    )


def still_moved(case: Case, case_type: CaseType, event_key: str) -> bool:
    """Whether the event moved a date that tells on a change and no later event moved it again:
    its message is news even when its status is not (or no longer) the newest."""
    event = case.event(event_key)
    if event is None:
        return False
    now = key_dates_of(case)
    return any(
        kd.notify_on_change and (v := now.get(kd.code)) is not None and v.date == new
        for kd, _, new in moved_by(case, case_type, event)
    )


def result_of(case: Case, upto: Event | None = None) -> Result | None:
    """The newest result among the events (up to `upto`)."""
    history = case.history if upto is None else [*_before(case, upto), upto]
    return next((e.result for e in reversed(history) if e.result is not None), None)


def date_values(case: Case, case_type: CaseType, upto: Event, language: str) -> Mapping[str, str]:
    """`dates.<code>` for each declared date, written as on the page ('' while it has none)."""
    values = key_dates_of(case, upto)
    return {
        f"dates.{kd.code}": dates.long_date(v.date if (v := values.get(kd.code)) else None, language)
        for kd in case_type.dates
    }
