"""Folding a case's key dates, result and steps from its events (pure domain, no I/O)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from chalicelib.domain import key_dates, schedule
from chalicelib.domain.case_types import to_domain
from chalicelib.domain.inbound import CaseTypeIn
from chalicelib.domain.key_dates import DateValue, Result
from chalicelib.domain.models import Case, CaseType, Event
from chalicelib.domain.steps import steps_of

JAN = dt.date(2027, 1, 3)
LATER = dt.date(2027, 1, 17)
T0 = dt.datetime(2026, 11, 28, 10, tzinfo=dt.UTC)


def case_type(**extra: Any) -> CaseType:
    statuses = [
        {"code": "ontvangen", "name": "Ontvangen", "text": {"nl": "Ontvangen."}},
        {"code": "intern", "name": "Intern", "public": False},
        {"code": "beoordeeld", "name": "Beoordeeld", "text": {"nl": "Beoordeeld."}},
        {"code": "besluit", "name": "Besluit", "text": {"nl": "Besluit."}},
        {"code": "klaar", "name": "Klaar", "final": True, "text": {"nl": "Klaar."}},
    ]
    dates = [
        {"code": "betaling", "label": {"nl": "Eerste betaling", "en": "First payment"}, "notify_on_change": True},
        {"code": "ww_dag", "label": {"nl": "Eerste WW-dag"}},
    ]
    return to_domain("ww", CaseTypeIn.model_validate({"name": "WW", "statuses": statuses, "dates": dates, **extra}))


def event(status: str, minutes: int, ct: CaseType, **extra: Any) -> Event:
    at = T0 + dt.timedelta(minutes=minutes)
    return Event(
        key=f"k{minutes}",
        event_id=None,
        case_type="ww",
        description=None,
        expected_end_date=None,
        status=status,
        order=ct.order(status),
        occurred_at=at,
        explanation=None,
        subscriber=None,
        received_at=at,
        fingerprint="f",
        current_status=status,
        **extra,
    )


def case_of(*events: Event) -> Case:
    return Case(org_id="uwv", id="WW-1", events=events)


def test_a_date_set_once_has_no_previous_value():
    assert key_dates.fold([{"betaling": JAN}]) == {"betaling": DateValue(JAN)}


def test_a_date_moved_keeps_the_value_it_had_before():
    assert key_dates.fold([{"betaling": JAN}, {}, {"betaling": LATER}]) == {"betaling": DateValue(LATER, JAN)}


def test_repeating_the_same_date_does_not_count_as_a_move():
    folded = key_dates.fold([{"betaling": JAN}, {"betaling": LATER}, {"betaling": LATER}])
    assert folded["betaling"] == DateValue(LATER, JAN)


def test_the_case_folds_dates_in_the_order_of_its_history_not_of_arrival():
    ct = case_type()
    newer = event("beoordeeld", 10, ct, dates={"betaling": LATER})
    older = event("ontvangen", 0, ct, dates={"betaling": JAN}).model_copy(
        update={"received_at": T0 + dt.timedelta(hours=1)}
    )
    assert schedule.key_dates_of(case_of(newer, older))["betaling"] == DateValue(LATER, JAN)


def test_an_event_moving_a_date_that_tells_on_a_change_tells_persons_even_if_its_status_does_not():
    ct = case_type()
    case = case_of(event("ontvangen", 0, ct, dates={"betaling": JAN}))
    moving = event("beoordeeld", 10, ct, dates={"betaling": LATER})
    notifies = schedule.notifies_with_dates(lambda role: False, case, ct, moving)
    assert notifies("initiator") and notifies("representative") and not notifies("chain_partner")


def test_setting_a_date_the_first_time_or_moving_a_quiet_one_tells_nobody():
    ct = case_type()
    first = event("ontvangen", 0, ct, dates={"betaling": JAN, "ww_dag": JAN})
    assert not schedule.notifies_with_dates(lambda role: False, case_of(), ct, first)("initiator")
    quiet = event("beoordeeld", 10, ct, dates={"ww_dag": LATER})
    assert not schedule.notifies_with_dates(lambda role: False, case_of(first), ct, quiet)("initiator")


def test_date_news_says_from_when_to_when_in_the_readers_language():
    ct = case_type()
    moving = event("beoordeeld", 10, ct, dates={"betaling": LATER})
    case = case_of(event("ontvangen", 0, ct, dates={"betaling": JAN}), moving)
    assert (
        schedule.date_news(case, ct, moving, "nl") == "Eerste betaling: verschoven van 3 januari naar 17 januari 2027."
    )
    assert schedule.date_news(case, ct, moving, "en") == "First payment: moved from 3 January to 17 January 2027."


def test_a_move_across_a_year_names_both_years():
    assert key_dates.moved_words(dt.date(2026, 12, 30), LATER, "nl") == (
        "verschoven van 30 december 2026 naar 17 januari 2027"
    )


def test_unknown_date_codes_and_a_result_without_the_final_status_are_named():
    ct = case_type()
    problems = schedule.problems_of(ct, "beoordeeld", {"betaling": JAN, "uitbetaald": JAN}, result=True)
    assert [p.name for p in problems] == ["dates.uitbetaald", "result"]
    assert schedule.problems_of(ct, "klaar", {"betaling": JAN}, result=True) == []


def test_the_result_is_the_newest_given():
    ct = case_type()
    refused = Result(code="afgewezen", text="Uw aanvraag is afgewezen.")
    case = case_of(event("ontvangen", 0, ct), event("klaar", 10, ct, result=refused))
    assert schedule.result_of(case) == refused


def _states(ct: CaseType, reached: list[str], current: str | None) -> tuple[list[tuple[str, str]], int]:
    steps, at = steps_of(ct, reached, current)
    return [(s.status.code, s.state) for s in steps], at


def test_steps_are_the_public_statuses_done_current_and_upcoming():
    states, at = _states(case_type(), ["ontvangen", "beoordeeld"], "beoordeeld")
    assert states == [("ontvangen", "done"), ("beoordeeld", "current"), ("besluit", "upcoming"), ("klaar", "upcoming")]
    assert at == 2


def test_a_public_status_passed_over_is_skipped_not_done():
    states, at = _states(case_type(), ["ontvangen", "besluit"], "besluit")
    assert states[:3] == [("ontvangen", "done"), ("beoordeeld", "skipped"), ("besluit", "current")]
    assert at == 3


def test_a_closed_cases_final_status_is_the_current_step():
    states, at = _states(case_type(), ["ontvangen", "beoordeeld", "besluit", "klaar"], "klaar")
    assert states[-1] == ("klaar", "current") and at == 4


def test_a_case_with_only_internal_statuses_has_every_step_upcoming_and_no_step_number():
    states, at = _states(case_type(), [], None)
    assert {state for _, state in states} == {"upcoming"} and at == 0
