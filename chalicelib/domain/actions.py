"""The action a case asks of its citizen now, folded from its events, and what that means for
its messages.

Events in the case's order (`Case.history`): one with an action sets it (the same action again
changes nothing), one with `"action": null` clears it, the others leave it. A closed case asks
nothing. The event that set the action asked now is its origin: its message carries the action,
even when its status tells nobody, and the reminder three days before the deadline goes out
only while that event's action is still the one asked.

A reminder is a notification of its own on the origin event, in the slot `<party>~reminder`
(`NotificationRef.party` names the party), so it is claimed, capped and sent like any other.
"""

from __future__ import annotations

from collections.abc import Callable

from chalicelib.domain import dates
from chalicelib.domain.citizen_action import Action, message
from chalicelib.domain.messages import SLOT_SEPARATOR, NotificationRef
from chalicelib.domain.models import Case, CaseType, Event
from chalicelib.domain.notice_answers import ActionOut
from chalicelib.domain.parties import PERSON_ROLES

REMINDER = "reminder"
PLACEHOLDERS = ("action.text", "action.deadline")


def _origin(events: list[Event]) -> Event | None:
    origin: Event | None = None
    for event in events:
        if event.clears_action:
            origin = None
        elif event.action is not None and (origin is None or origin.action != event.action):
            origin = event
    return origin


def origin(case: Case, case_type: CaseType | None) -> Event | None:
    """The event that set the action the case asks now; None when it asks none."""
    current = case.current
    if current is None or (case_type is not None and case_type.is_final(current.status)):
        return None
    return _origin(case.history)


def current(case: Case, case_type: CaseType | None) -> Action | None:
    event = origin(case, case_type)
    return event.action if event else None


def asks(case: Case, case_type: CaseType | None, event_key: str) -> bool:
    """The action the case asks now is the one the event `event_key` set."""
    event = origin(case, case_type)
    return event is not None and event.key == event_key


def as_of(case: Case, event: Event) -> Action | None:
    """The action asked right after `event` (for the placeholders of its text)."""
    before = [e for e in case.history if e.rank < event.rank and e.key != event.key]
    found = _origin([*before, event])
    return found.action if found else None


def placeholder_values(case: Case, event: Event, language: str) -> dict[str, str]:
    action = as_of(case, event)
    return {
        "action.text": action.text if action else "",
        "action.deadline": dates.long_date(action.deadline if action else None, language),
    }


def notifies_with_action(
    notifies: Callable[[str], bool], case: Case, case_type: CaseType, event: Event
) -> Callable[[str], bool]:
    """Who an event tells: whom its status tells, and every person and business when it sets a
    new action (`case`: before the event)."""
    after = case.model_copy(update={"events": (*case.events, event)})
    if not asks(after, case_type, event.key):
        return notifies
    return lambda role: notifies(role) or role in PERSON_ROLES


def reminder_slot(party_id: str) -> str:
    return f"{party_id}{SLOT_SEPARATOR}{REMINDER}"


def is_reminder(ref: NotificationRef) -> bool:
    return ref.purpose == REMINDER


def _asked_of(case: Case, ref: NotificationRef) -> bool:
    """An action is asked of the citizen: of persons and businesses, not of organisation parties."""
    party = case.party(ref.party)
    return party is not None and party.role in PERSON_ROLES and not party.is_organisation


def still_news(case: Case, case_type: CaseType, ref: NotificationRef, status_current: bool) -> bool:
    """Whether a message still says something new: its status is the newest the party reads, or
    it asks the case's current action (a reminder only that)."""
    if status_current and not is_reminder(ref):
        return True
    return _asked_of(case, ref) and asks(case, case_type, ref.event_key)


def with_action(text: str, case: Case, case_type: CaseType, ref: NotificationRef, language: str) -> str:
    """A message's text and then the action its event asks, while the case still asks it; a
    reminder is the action alone."""
    event = origin(case, case_type)
    if event is None or event.key != ref.event_key or event.action is None or not _asked_of(case, ref):
        return text
    if is_reminder(ref):
        return message(event.action, language, reminder=True)
    asked = message(event.action, language)
    return f"{text}\n{asked}" if text else asked


def out(case: Case, case_type: CaseType) -> ActionOut | None:
    """The tracking view's `action`."""
    action = current(case, case_type)
    if action is None:
        return None
    return ActionOut(text=action.text, deadline=action.deadline.isoformat(), url=action.url)
