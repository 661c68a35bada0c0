"""Dates and times as people write them, in Europe/Amsterdam."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
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


def long_date(day: dt.date | None, language: str) -> str:
    """'12 december 2026' (nl) or '12 December 2026' (en); '' for no date."""
    if day is None:
        return ""
    months = MONTHS.get(language, MONTHS["nl"])
    return f"{day.day} {months[day.month - 1]} {day.year}"


def local_time(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(AMSTERDAM)


def long_datetime(moment: dt.datetime, language: str) -> str:
    local = local_time(moment)
    return f"{long_date(local.date(), language)}, {local:%H:%M}"


def dutch_day(moment: dt.datetime) -> str:
    """The recipient's day for the daily cap: Dutch midnight, not UTC's."""
    return moment.astimezone(AMSTERDAM).date().isoformat()
