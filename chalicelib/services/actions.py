"""An action asked of the citizen (`domain/actions.py`): its reminder three days before the
deadline.

Accepting an event that asks an action keeps a keys-only item under the reminder's morning
(`REMIND#<day>`). A scheduled job reads the day's items once the morning has come; for each
event whose action the case still asks (not cleared, replaced or closed since), it adds a
reminder notification per person and business party to the event (`<party>~reminder`, added
once however often the job runs) and queues it: the sender claims, caps and sends it like any
other, so each goes out once.
"""

from __future__ import annotations

import datetime as dt
import logging

from chalicelib.domain import actions, citizen_action, clock, dates
from chalicelib.domain.channels import CHANNELS
from chalicelib.domain.events import notification_id
from chalicelib.domain.messages import NotificationRef
from chalicelib.domain.models import Case, Event, Notification, State
from chalicelib.domain.parties import PERSON_ROLES
from chalicelib.services.deps import Deps

log = logging.getLogger(__name__)
FAILED_METRIC = "ScheduledRunFailures"


def schedule(deps: Deps, case: Case, event: Event) -> None:
    """After an event is stored (or replayed): its action's reminder, when one is due later."""
    if event.action is None:
        return
    day = citizen_action.reminder_day(event.action, dates.local_time(clock.now()).date())
    if day is not None:
        deps.ledger.schedule_reminder(day.isoformat(), case.org_id, case.id, event.key)


def remind(deps: Deps, now: dt.datetime) -> int:
    """Queue the reminders due this morning (and a missed one of yesterday); returns how many.
    One reminder that fails (any exception) is logged with its organisation and the exception's
    type only, counted, and kept for the next run; the others of every organisation go on."""
    queued = 0
    for day in citizen_action.reminder_days_due(now):
        for org_id, case_id, event_key in deps.ledger.reminders_due(day.isoformat()):
            try:
                queued += _remind(deps, org_id, case_id, event_key, now)  # first: a crash here reminds again, once
            except Exception as exc:  # noqa: BLE001 - isolation between organisations is the point
                log.warning("reminder of an action for %s failed: %s", org_id, type(exc).__name__)
                deps.metrics.count(FAILED_METRIC, job="action-reminders", error=type(exc).__name__)
                continue
            deps.ledger.drop_reminder(day.isoformat(), org_id, case_id, event_key)
    return queued


def _remind(deps: Deps, org_id: str, case_id: str, event_key: str, now: dt.datetime) -> int:
    case = deps.cases.load_case(org_id, case_id)
    case_type = deps.case_types.get_case_type(org_id, case.case_type or "") if case.exists else None
    if case_type is None or not actions.asks(case, case_type, event_key):
        return 0  # cleared, replaced, closed or gone since: nothing to remind of
    reminders = {
        actions.reminder_slot(pid): Notification(
            id=notification_id(org_id, case_id, event_key, actions.reminder_slot(pid)),
            channel=party.subscriber.channel,
            state=State.CREATED,
            updated_at=now,
        )
        for pid, party in case.parties.items()
        if party.role in PERSON_ROLES and CHANNELS.get(party.subscriber.channel) is not None
    }
    deps.ledger.add_notifications(NotificationRef(org_id, case_id, event_key), reminders)
    for slot in reminders:
        deps.queue.send(NotificationRef(org_id, case_id, event_key, slot).body())
    return len(reminders)
