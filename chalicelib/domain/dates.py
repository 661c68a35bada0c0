"""Dates and times as people write them, in Europe/Amsterdam; the window of dates this service
takes in (`Day`, `Moment`); and date arithmetic that holds at the calendar's ends for dates
stored before that window existed."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, TypeVar
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, AwareDatetime, Field

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# The calendar's ends in UTC, a day inside Python's so that any offset still fits.
MIN_MOMENT = dt.datetime(1, 1, 2, tzinfo=dt.UTC)
MAX_MOMENT = dt.datetime(9999, 12, 30, tzinfo=dt.UTC)
MONTHS = {
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


# The dates this service takes in: wide enough for any case (and a birth date), narrow enough
# that no date arithmetic (service norm, retention, reminders) can leave Python's calendar.
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
D = TypeVar("D", dt.date, dt.datetime)
WINDOW = f"must be between {EARLIEST.isoformat()} and {LATEST.isoformat()}"


def in_window(value: D) -> D:
    """The date (or the moment's own calendar day, before any time zone arithmetic) within the
    window; ValueError otherwise, which pydantic reports under the field's name."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValueError(WINDOW)
    return value


_SAID = Field(description=f"from {EARLIEST.isoformat()} to {LATEST.isoformat()}")
Day = Annotated[dt.date, AfterValidator(in_window), _SAID]  # a date a client or citizen gives
Moment = Annotated[AwareDatetime, AfterValidator(in_window), _SAID]  # a moment, with its offset


def long_date(day: dt.date | None, language: str) -> str:
    """'12 december 2026' (nl) or '12 December 2026' (en); '' for no date."""
    if day is None:
        return ""
    months = MONTHS.get(language, MONTHS["nl"])
    return f"{day.day} {months[day.month - 1]} {day.year}"


def local_time(moment: dt.datetime) -> dt.datetime:
    """The moment in Amsterdam; at the very ends of the calendar (a date stored before the window
    below existed) the moment as it was given, rather than an error on every page that shows it."""
    try:
        return moment.astimezone(AMSTERDAM)
    except OverflowError:
        return moment


def utc(moment: dt.datetime) -> dt.datetime:
    """The moment in UTC; the moment as given where UTC has no such day (as `local_time`)."""
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        return moment


def plus_days(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days`, held at the calendar's first or last day instead of overflowing."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def epoch(moment: dt.datetime) -> int:
    """Seconds since 1970 (a TTL attribute), held within the calendar like `plus_days`."""
    try:
        return int(moment.timestamp())
    except (OverflowError, ValueError, OSError):
        return int(MAX_MOMENT.timestamp()) if moment.year > 1970 else int(MIN_MOMENT.timestamp())


def from_epoch(seconds: int) -> dt.datetime:
    """The moment of a stored epoch (a TTL attribute), held within the calendar."""
    try:
        return dt.datetime.fromtimestamp(seconds, dt.UTC)
    except (OverflowError, ValueError, OSError):
        return MAX_MOMENT if seconds > 0 else MIN_MOMENT


def long_datetime(moment: dt.datetime, language: str) -> str:
    local = local_time(moment)
    return f"{long_date(local.date(), language)}, {local:%H:%M}"


def dutch_day(moment: dt.datetime) -> str:
    """The recipient's day for the daily cap: Dutch midnight, not UTC's."""
    return local_time(moment).date().isoformat()
