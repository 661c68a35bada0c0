"""Management information as counters, kept as events and outcomes are written (never by
reading the cases back): what one event or notification outcome adds, and how a period's
counters fold into figures.

Definitions (the report and its tests use these, and only these):
- a case is *opened* on the Dutch day of its first accepted event's `occurred_at`;
- a case *closes* when an event that becomes its current status has a final status while the
  case was open (or new); it is counted on the Dutch day of that event's `occurred_at`;
- *lead time* in whole days: the Dutch date of the closing event's `occurred_at` minus the Dutch
  date of the earliest `occurred_at` among the case's events known when the closing event is
  accepted (the case's start, as `schedule.expected_end` counts it);
- *closed within the norm*: lead time <= the case type's `service_norm_days` at closing;
- *open by status*: cases whose current status is not final, by that status; every new current
  status moves one case from its old status to its new one (a sum of deltas);
- only an event that becomes the case's current status counts: a replay, or an older event
  arriving late, changes nothing (though it may move the expected end date, see `open_due`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from chalicelib.domain import schedule
from chalicelib.domain.dates import dutch_day, local_time
from chalicelib.domain.models import Case, CaseType, Event

OPENED, CLOSED, WITHIN_NORM = "o", "c", "w"
STATUS, LEAD = "s:", "l:"  # s:<status code> open cases moved in/out; l:<days> closings with that lead time
NOTE = "n:"  # n:<channel>:<outcome>
# One counter item per organisation, case type, Dutch day and kind: an event's deltas go to one
# of them (one write). Closings carry the lead-time buckets, kept apart so the items an event or
# a notification updates stay small (an update costs the item's size in KB).
EVENTS, CLOSINGS, NOTIFICATIONS = "E", "L", "N"
OUTCOMES = ("delivered", "failed", "fallback", "capped", "held", "fragments")
CHANNELS = ("sms", "email")


@dataclass(frozen=True)
class Tally:
    """One counter update: deltas for one case type, day and kind."""

    case_type: str
    day: str  # yyyy-mm-dd, a Dutch day
    kind: str
    deltas: dict[str, int]


@dataclass(frozen=True)
class DayCounts:
    case_type: str
    day: str
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Due:
    """An open case under the date it is expected to end (keys only: no personal data)."""

    due: dt.date
    case_type: str
    case_id: str


def is_open(case: Case, case_type: CaseType) -> bool:
    current = case.current
    return current is not None and not case_type.is_final(current.status)


def open_due(case: Case, case_type: CaseType) -> dt.date | None:
    """The expected end date of an open case (None when closed or when nothing gives one)."""
    return schedule.expected_end(case, case_type) if is_open(case, case_type) else None


def lead_time_days(case: Case, closing: Event) -> int:
    start = local_time(case.history[0].occurred_at).date()
    return (local_time(closing.occurred_at).date() - start).days


def event_tally(before: Case, after: Case, case_type: CaseType, event: Event) -> Tally | None:
    """What `event` adds to the counters (None: nothing, it is not the new current status)."""
    old, new = before.current, after.current
    if new is None or new.key != event.key:
        return None
    deltas: dict[str, int] = {}
    was_open = old is not None and not case_type.is_final(old.status)
    now_open = not case_type.is_final(event.status)
    if old is None:
        deltas[OPENED] = 1
    if was_open and old is not None:
        deltas[STATUS + old.status] = -1
    if now_open:
        deltas[STATUS + event.status] = deltas.get(STATUS + event.status, 0) + 1
    kind = EVENTS
    if not now_open and (old is None or was_open):
        kind, lead = CLOSINGS, lead_time_days(after, event)
        deltas |= {CLOSED: 1, f"{LEAD}{lead}": 1}
        if case_type.service_norm_days is not None and lead <= case_type.service_norm_days:
            deltas[WITHIN_NORM] = 1
    deltas = {k: v for k, v in deltas.items() if v}
    return Tally(case_type.code, dutch_day(event.occurred_at), kind, deltas) if deltas else None


def outcome_tally(case_type: str, channel: str, outcome: str, moment: dt.datetime, amount: int = 1) -> Tally:
    return Tally(case_type, dutch_day(moment), NOTIFICATIONS, {f"{NOTE}{channel}:{outcome}": amount})


def nearest_rank(buckets: Mapping[int, int], percent: int) -> int | None:
    """The smallest value with at least `percent`% of the observations at or below it."""
    total = sum(buckets.values())
    if total == 0:
        return None
    rank = max(1, math.ceil(percent * total / 100))
    seen = 0
    for value in sorted(buckets):
        seen += buckets[value]
        if seen >= rank:
            return value
    raise AssertionError("unreachable: the ranks add up to the total")


@dataclass
class Folded:
    """One case type's counters over a period (and open cases over all time)."""

    opened: int = 0
    closed: int = 0
    within_norm: int = 0
    lead: dict[int, int] = field(default_factory=dict)
    open_by_status: dict[str, int] = field(default_factory=dict)
    notes: dict[str, int] = field(default_factory=dict)  # "<channel>:<outcome>" -> n


def fold(days: Iterable[DayCounts], start: dt.date, end: dt.date) -> Folded:
    """Period figures from the days in [start, end]; open cases from every day."""
    out = Folded()
    first, last = start.isoformat(), end.isoformat()
    for day in days:
        in_period = first <= day.day <= last
        for name, n in day.counts.items():
            if name.startswith(STATUS):
                code = name[len(STATUS) :]
                out.open_by_status[code] = out.open_by_status.get(code, 0) + n
            elif not in_period:
                continue
            elif name.startswith(LEAD):
                days_ = int(name[len(LEAD) :])
                out.lead[days_] = out.lead.get(days_, 0) + n
            elif name.startswith(NOTE):
                out.notes[name[len(NOTE) :]] = out.notes.get(name[len(NOTE) :], 0) + n
            elif name == OPENED:
                out.opened += n
            elif name == CLOSED:
                out.closed += n
            elif name == WITHIN_NORM:
                out.within_norm += n
    return out
