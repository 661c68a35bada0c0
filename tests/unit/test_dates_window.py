"""The date window (1900-2199) of what comes in, and date arithmetic that never fails on a date
stored before the window existed."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import TypeAdapter, ValidationError

from chalicelib.domain import dates
from chalicelib.domain.citizen_action import Action, reminder_day
from chalicelib.web.console.report_form import read_filters

EXTREME_MOMENTS = [
    dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.timezone(dt.timedelta(hours=14))),
    dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-12))),
    dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
    dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=-12))),
]


@pytest.mark.parametrize("moment", EXTREME_MOMENTS)
def test_local_and_utc_time_and_the_dutch_day_do_not_raise_at_the_ends_of_the_calendar(moment: dt.datetime) -> None:
    assert dates.local_time(moment).year in (1, 9999)
    assert dates.utc(moment).year in (1, 9999)
    assert dates.long_datetime(moment, "nl")
    assert dates.dutch_day(moment)
    assert isinstance(dates.epoch(moment), int)


def test_plus_days_holds_at_the_first_and_last_day() -> None:
    assert dates.plus_days(dt.date(9999, 12, 31), 14) == dt.date.max
    assert dates.plus_days(dt.date(1, 1, 1), -3) == dt.date.min
    assert dates.plus_days(dt.date(2026, 12, 30), 2) == dt.date(2027, 1, 1)


def test_a_stored_epoch_beyond_the_calendar_reads_as_its_end() -> None:
    assert dates.from_epoch(10**15) == dates.MAX_MOMENT
    assert dates.from_epoch(-(10**15)) == dates.MIN_MOMENT


def test_the_reminder_of_a_deadline_on_the_first_day_of_the_calendar_is_none_not_an_error() -> None:
    action = Action(text="Stuur de foto's", deadline=dt.date.min)
    assert reminder_day(action, dt.date(2026, 12, 1)) is None


@pytest.mark.parametrize("value", ["1899-12-31", "2200-01-01", "0001-01-01", "9999-12-31"])
def test_a_day_outside_the_window_is_refused_with_the_window_in_the_reason(value: str) -> None:
    with pytest.raises(ValidationError, match="between 1900-01-01 and 2199-12-31"):
        TypeAdapter(dates.Day).validate_python(value)


@pytest.mark.parametrize("value", ["1900-01-01T00:00:00+14:00", "2199-12-31T23:59:59-12:00"])
def test_moments_on_the_windows_edges_in_any_offset_are_accepted(value: str) -> None:
    assert TypeAdapter(dates.Moment).validate_python(value).isoformat().startswith(value[:19])


def test_the_console_report_form_says_the_window_beside_the_date() -> None:
    filters = read_filters({"from": "0001-01-01", "to": "9999-12-31"}, set())
    assert set(filters.errors) == {"from", "to"}
    assert "tussen 1900 en 2199" in filters.errors["from"]
