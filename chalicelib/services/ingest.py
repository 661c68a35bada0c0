"""Accepting a status event: validate against the case type, store once, decide, enqueue.

Idempotency rests on one conditional put: the event's item key is a hash of its identity
(`event_id`, or status + `occurred_at`, within its case). A replay finds the item and answers
from it; a different payload under the same identity is a conflict.
"""

from __future__ import annotations

import datetime as dt

from chalicelib.domain import clock, links, privacy
from chalicelib.domain.answers import EventAccepted, NotificationRefOut
from chalicelib.domain.channels import CHANNELS
from chalicelib.domain.errors import EventConflict, invalid
from chalicelib.domain.events import fingerprint, identity_key, notification_id
from chalicelib.domain.inbound import EventIn, subscriber_of
from chalicelib.domain.messages import NotificationRef, RetentionSweep
from chalicelib.domain.models import Case, CaseType, Event, Notification, State, Subscriber
from chalicelib.domain.retention import expiry, expiry_of
from chalicelib.services.deps import Deps


def accept(deps: Deps, org_id: str, data: EventIn) -> EventAccepted:
    case_type = deps.case_types.get_case_type(org_id, data.case.case_type)
    if case_type is None:
        raise invalid("case.case_type", f"there is no case type '{data.case.case_type}'")
    if case_type.status(data.status) is None:
        raise invalid("status", f"case type '{case_type.code}' has no status '{data.status}'")
    initiator = initiator_hash(deps, data)
    key, print_ = identity_key(data), fingerprint(data, initiator)
    case = deps.cases.load_case(org_id, data.case.id)
    existing = case.event(key)
    if existing is not None:
        answer_ = _replay(deps, case, existing, print_)
        if case_type.is_final(existing.status):
            # The first attempt may have stopped before asking for the sweep; asking twice is harmless.
            deps.queue.send(RetentionSweep(org_id, case.id).body())
        return answer_
    if case.exists and case.case_type != case_type.code:
        raise invalid("case.case_type", f"case '{case.id}' has case type '{case.case_type}'")
    event = new_event(case, case_type, data, key, print_, initiator)
    if not case.exists:
        # Before the event: a crash in between leaves a harmless token, never a case without one.
        deps.cases.put_tracking_token(org_id, links.token_hash_of(deps.settings.token_key, org_id, case.id), case.id)
    if not deps.cases.add_event(org_id, case.id, event):
        # The same identity won a race with us: answer as a replay of the winner.
        case = deps.cases.load_case(org_id, data.case.id)
        winner = case.event(key)
        assert winner is not None  # it was just refused because it exists
        return _replay(deps, case, winner, print_)
    if event.expires_at != expiry_of(case, case_type):
        # The case closed (or reopened) with this event: its other items follow, once per case,
        # in the worker, so accepting the event stays one write.
        deps.queue.send(RetentionSweep(org_id, case.id).body())
    if event.notification is not None and event.notification.state == State.CREATED:
        deps.queue.send(NotificationRef(org_id, case.id, key).body())
    return answer(deps, org_id, case.id, event)


def new_event(case: Case, case_type: CaseType, data: EventIn, key: str, print_: str, initiator: str | None) -> Event:
    """The event as stored: whether it is the newest, and the notification it asks for."""
    now = clock.now()
    order = case_type.order(data.status)
    current = case.current
    newer = current is None or (data.occurred_at, order) > current.rank
    subscriber = subscriber_of(data.subscriber) if data.subscriber else None
    notification = None
    status = case_type.status(data.status)
    if newer and status is not None and status.notify:
        notification = _notification(case, key, subscriber or case.subscriber, now)
    event = Event(
        key=key,
        event_id=data.event_id,
        case_type=case_type.code,
        description=data.case.description,
        expected_end_date=data.case.expected_end_date,
        status=data.status,
        order=order,
        occurred_at=data.occurred_at.astimezone(now.tzinfo),
        explanation=data.explanation,
        subscriber=subscriber,
        received_at=now,
        fingerprint=print_,
        notification=notification,
        initiator=initiator,
        current_status=data.status if newer or current is None else current.status,
    )
    # Retention: a closing event carries its case's expiry; an older event joins a closed case's.
    if not newer:
        return event.model_copy(update={"expires_at": expiry_of(case, case_type)})
    closing = case_type.is_final(event.status)
    return event.model_copy(update={"expires_at": expiry(case_type, event) if closing else None})


def _notification(case: Case, key: str, subscriber: Subscriber | None, now: dt.datetime) -> Notification:
    spec = CHANNELS.get(subscriber.channel if subscriber else None)
    sendable = spec is not None and subscriber is not None and bool(subscriber.contact(spec.contact.name))
    return Notification(
        id=notification_id(case.org_id, case.id, key),
        channel=subscriber.channel if subscriber else "none",
        state=State.CREATED if sendable else State.SUPPRESSED,
        updated_at=now,
    )


def initiator_hash(deps: Deps, data: EventIn) -> str | None:
    if data.case.initiator is None:
        return None
    kind, number = data.case.initiator.kind_and_number
    return privacy.identity_hash(deps.settings.identity_key, kind, number)


def _replay(deps: Deps, case: Case, event: Event, print_: str) -> EventAccepted:
    if event.fingerprint != print_:
        raise EventConflict("This event's identity was used before with a different payload.")
    if event.notification is not None and event.notification.state == State.CREATED:
        # The first attempt may have stopped between storing and enqueueing. Enqueueing again is
        # safe: the worker's conditional claim lets only one message reach the provider.
        deps.queue.send(NotificationRef(case.org_id, case.id, event.key).body())
    return answer(deps, case.org_id, case.id, event)


def answer(deps: Deps, org_id: str, case_id: str, event: Event) -> EventAccepted:
    n = event.notification
    return EventAccepted(
        event_id=event.event_id or event.key,
        case_id=case_id,
        status=event.status,
        current_status=event.current_status,
        notification=NotificationRefOut(id=n.id, channel=n.channel, state=n.state) if n else None,
        tracking_url=links.tracking_url(deps.settings.public_url, deps.settings.token_key, org_id, case_id),
    )
