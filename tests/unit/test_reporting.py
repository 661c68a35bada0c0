"""What one event adds to the management information's counters, and how counters fold."""

from __future__ import annotations

import datetime as dt

from chalicelib.domain.case_types import to_domain
from chalicelib.domain.models import Case, Event
from chalicelib.domain.reporting import DayCounts, event_tally, fold, nearest_rank, open_due
from tests.builders import case_type_in

KLACHT = to_domain(
    "klacht", case_type_in()
)  # ontvangen, in_behandeling, toegewezen, opgeschort, afgehandeld (final); norm 14
T0 = dt.datetime(2026, 11, 2, 22, 30, tzinfo=dt.UTC)  # 23:30 in Amsterdam: still 2 November there


def ev(key: str, status: str, days: float, **changes) -> Event:
    at = T0 + dt.timedelta(days=days)
    data = {
        "key": key,
        "event_id": key,
        "case_type": "klacht",
        "description": None,
        "expected_end_date": None,
        "status": status,
        "order": KLACHT.order(status),
        "occurred_at": at,
        "explanation": None,
        "subscriber": None,
        "received_at": at,
        "fingerprint": key,
        "current_status": status,
    }
    return Event.model_validate({**data, **changes})


def case(*events: Event) -> Case:
    return Case(org_id="hvc", id="HVC-1", events=events)


def tally(before: Case, event: Event):
    return event_tally(before, case(*before.events, event), KLACHT, event)


def test_a_first_event_opens_the_case_on_its_dutch_day_in_its_status():
    t = tally(case(), ev("a", "ontvangen", 0))
    assert (t.day, t.kind, t.deltas) == ("2026-11-02", "E", {"o": 1, "s:ontvangen": 1})


def test_a_new_status_moves_the_case_from_its_old_status():
    t = tally(case(ev("a", "ontvangen", 0)), ev("b", "in_behandeling", 3))
    assert t.deltas == {"s:ontvangen": -1, "s:in_behandeling": 1}


def test_closing_counts_the_whole_dutch_days_since_the_start_and_the_norm():
    started = case(ev("a", "ontvangen", 0), ev("b", "in_behandeling", 3))
    on_time = tally(started, ev("c", "afgehandeld", 14))
    late = tally(started, ev("c", "afgehandeld", 15))
    assert (on_time.kind, on_time.deltas) == ("L", {"s:in_behandeling": -1, "c": 1, "l:14": 1, "w": 1})
    assert late.deltas == {"s:in_behandeling": -1, "c": 1, "l:15": 1}


def test_an_older_event_or_the_same_status_again_counts_nothing():
    current = case(ev("a", "ontvangen", 0), ev("b", "in_behandeling", 3))
    assert tally(current, ev("c", "ontvangen", 1)) is None  # older: not the current status
    assert tally(current, ev("d", "in_behandeling", 4)) is None  # the same status, later: no change


def test_a_case_opened_and_closed_by_one_event_counts_both_and_no_open_status():
    t = tally(case(), ev("a", "afgehandeld", 0))
    assert (t.kind, t.deltas) == ("L", {"o": 1, "c": 1, "l:0": 1, "w": 1})


def test_a_reopened_case_is_open_again_and_closing_again_counts_again():
    closed = case(ev("a", "ontvangen", 0), ev("b", "afgehandeld", 2))
    reopened = tally(closed, ev("c", "opgeschort", 5))
    assert reopened.deltas == {"s:opgeschort": 1}
    again = tally(case(*closed.events, ev("c", "opgeschort", 5)), ev("d", "afgehandeld", 20))
    assert again.deltas == {"s:opgeschort": -1, "c": 1, "l:20": 1}


def test_the_due_date_is_the_cases_own_else_start_plus_norm_and_none_once_closed():
    assert open_due(case(ev("a", "ontvangen", 0)), KLACHT) == dt.date(2026, 11, 16)
    own = case(ev("a", "ontvangen", 0, expected_end_date=dt.date(2026, 12, 24)))
    assert open_due(own, KLACHT) == dt.date(2026, 12, 24)
    assert open_due(case(ev("a", "ontvangen", 0), ev("b", "afgehandeld", 1)), KLACHT) is None


def test_nearest_rank_percentiles_over_day_buckets():
    assert nearest_rank({}, 50) is None
    assert nearest_rank({7: 1}, 90) == 7
    buckets = {1: 4, 3: 3, 10: 2, 30: 1}  # 1,1,1,1,3,3,3,10,10,30
    assert (nearest_rank(buckets, 50), nearest_rank(buckets, 90)) == (3, 10)


def test_fold_takes_the_period_for_flows_and_every_day_for_open_cases():
    days = [
        DayCounts("klacht", "2026-10-31", {"o": 2, "s:ontvangen": 2, "n:sms:held": 1}),
        DayCounts("klacht", "2026-11-01", {"o": 1, "s:ontvangen": 1}),
        DayCounts("klacht", "2026-11-03", {"s:ontvangen": -1, "c": 1, "l:3": 1, "w": 1, "n:sms:fragments": 2}),
    ]
    f = fold(days, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert (f.opened, f.closed, f.within_norm, f.lead) == (1, 1, 1, {3: 1})
    assert f.open_by_status == {"ontvangen": 2}
    assert f.notes == {"sms:fragments": 2}
