"""Quiet hours: no message on a channel that wakes people (SMS) at night; it waits for the morning.

The window is a setting, "22:00-08:00" (Europe/Amsterdam) by default or "off"; an organisation
can still turn quiet hours off for itself.
"""

from __future__ import annotations

import datetime as dt

from chalicelib.domain.dates import AMSTERDAM

Window = tuple[dt.time, dt.time]


def window(setting: str) -> Window | None:
    """'22:00-08:00' -> (22:00, 08:00); 'off' (or empty) -> None."""
    if not setting or setting.strip().lower() == "off":
        return None
    start, end = (dt.time.fromisoformat(part.strip()) for part in setting.split("-"))
    return start, end


def morning_after(hours: Window | None, now: dt.datetime) -> str | None:
    """The morning (a date) a held message must wait for, or None outside the quiet hours."""
    if hours is None:
        return None
    start, end = hours
    local = now.astimezone(AMSTERDAM)
    if local.time() >= start:
        return (local.date() + dt.timedelta(days=1)).isoformat()
    if local.time() < end:
        return local.date().isoformat()
    return None


def mornings_due(hours: Window | None, now: dt.datetime) -> list[str]:
    """The mornings whose held messages may go now (this one and a missed earlier one), or none
    while it is still night."""
    end = hours[1] if hours else dt.time(0, 0)
    local = now.astimezone(AMSTERDAM)
    if local.time() < end:
        return []
    return [(local.date() - dt.timedelta(days=days_back)).isoformat() for days_back in (1, 0)]
