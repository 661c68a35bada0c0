"""What an organisation asks the citizen to do (send a photo, fill in a form): a text, a
deadline and an optional link. An event sets it (`"action": {...}`), replaces it, or clears it
(`"action": null`); `domain/actions.py` folds a case's events into the action asked now.

The words of the message that asks it, and of the reminder three days before its deadline.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from chalicelib.domain import dates
from chalicelib.domain.base import Domain

REMIND_DAYS_BEFORE = 3
REMIND_AT = dt.time(9, 0)  # Europe/Amsterdam: after the quiet hours, when people read messages
HTTPS_URL = r"^https://[^\s<>\"'\x00-\x1f\x7f]+$"
ONE_LINE = r"^[^\x00-\x1f\x7f]+$"  # no control characters: the text goes into SMS, e-mail and pages


class Action(Domain):
    text: str
    deadline: dt.date
    url: str | None = None


class ActionIn(BaseModel):
    """`"action"` of an event. Absent leaves the case's action as it is; `null` clears it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)
    text: str = Field(min_length=1, max_length=500, pattern=ONE_LINE)
    deadline: dates.Day
    url: str | None = Field(default=None, max_length=2000, pattern=HTTPS_URL)

    def domain(self) -> Action:
        return Action(text=self.text, deadline=self.deadline, url=self.url)


WORDS = {
    "nl": {
        "asked": "Actie nodig: {text}",
        "reminder": "Herinnering: {text}",
        "deadline": "Uiterlijk op {date}.",
        "url": "Dat kan via {url}",
    },
    "en": {
        "asked": "Action needed: {text}",
        "reminder": "Reminder: {text}",
        "deadline": "Deadline: {date}.",
        "url": "You can do this at {url}",
    },
}


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else f"{text}."


def message(action: Action, language: str, reminder: bool = False) -> str:
    """The action in a message: 'Actie nodig: Stuur ons een foto. Uiterlijk op 15 december
    2026. Dat kan via https://...' (a reminder starts with 'Herinnering:')."""
    w = WORDS.get(language, WORDS["nl"])
    parts = [
        w["reminder" if reminder else "asked"].format(text=_sentence(action.text)),
        w["deadline"].format(date=dates.long_date(action.deadline, language)),
    ]
    if action.url:
        parts.append(w["url"].format(url=action.url))
    return " ".join(parts)


def reminder_day(action: Action, today: dt.date) -> dt.date | None:
    """The morning the reminder goes out: three days before the deadline; None when that day is
    not after today (the action itself was only just asked)."""
    day = dates.plus_days(action.deadline, -REMIND_DAYS_BEFORE)
    return day if day > today else None


def reminder_days_due(now: dt.datetime) -> list[dt.date]:
    """The days whose reminders may go now (this morning's and a missed one of yesterday), none
    before the morning hour in Europe/Amsterdam."""
    local = dates.local_time(now)
    if local.time() < REMIND_AT:
        return []
    return [local.date() - dt.timedelta(days=1), local.date()]
