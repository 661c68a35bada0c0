"""Quiet hours: no SMS at night (default 22:00-08:00 Europe/Amsterdam); they wait for the morning.

A notification that meets quiet hours is parked as a keys-only item under the morning it is
due (`QUIET#<date>`) and its queue message is done; a scheduled handler enqueues the parked
ones once that morning has come. The claim still guards the send, so a message released twice
(a retried schedule, a replay of the event) is sent once.
"""

from __future__ import annotations

import datetime as dt

from chalicelib.caps import AMSTERDAM
from chalicelib.models.domain import Organisation
from chalicelib.wiring import Services


def window(setting: str) -> tuple[dt.time, dt.time] | None:
    """'22:00-08:00' -> (22:00, 08:00); 'off' (or empty) -> None."""
    if not setting or setting.strip().lower() == "off":
        return None
    start, end = (dt.time.fromisoformat(part.strip()) for part in setting.split("-"))
    return start, end


def held_until(svc: Services, org: Organisation, channel: str, now: dt.datetime) -> str | None:
    """The morning (a date) this message must wait for, or None to send it now."""
    hours = window(svc.settings.quiet_hours)
    if channel != "sms" or hours is None or not org.quiet_hours:
        return None
    start, end = hours
    local = now.astimezone(AMSTERDAM)
    if local.time() >= start:
        return (local.date() + dt.timedelta(days=1)).isoformat()
    if local.time() < end:
        return local.date().isoformat()
    return None


def release(svc: Services, now: dt.datetime) -> int:
    """Enqueue what was parked for this morning (and a missed earlier one); returns how many."""
    from chalicelib.ingest import enqueue

    hours = window(svc.settings.quiet_hours)
    end = hours[1] if hours else dt.time(0, 0)
    local = now.astimezone(AMSTERDAM)
    if local.time() < end:
        return 0  # still night
    released = 0
    for days_back in (1, 0):
        day = (local.date() - dt.timedelta(days=days_back)).isoformat()
        for org_id, case_id, event_key in svc.store.held_for_morning(day):
            enqueue(svc, org_id, case_id, event_key)  # first: a crash here re-releases, harmlessly
            svc.store.release_held(day, org_id, case_id, event_key)
            released += 1
    return released
