"""Accepting a status event: validate against the case type, store once, decide, enqueue.

Idempotency rests on one conditional put: the event's item key is a hash of its identity
(`event_id`, or status + `occurred_at`, within its case). A replay finds the item and answers
from it; a different payload under the same identity is a conflict.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from chalicelib import clock, privacy, retention, tokens
from chalicelib.models.domain import Case, Event, Notification, State, Subscriber
from chalicelib.models.inbound import EventIn, SubscriberIn
from chalicelib.problems import Conflict, invalid
from chalicelib.wiring import Services

NOTIFICATION_NAMESPACE = uuid.UUID("6f0b8f52-5d0e-4d55-9a53-7a1d1b7c2f10")
SENDABLE_CHANNELS = ("sms", "email")


def identity_key(data: EventIn) -> str:
    if data.event_id is not None:
        identity = f"id\0{data.event_id}"
    else:
        identity = f"at\0{data.status}\0{_utc(data)}"
    return hashlib.sha256(identity.encode()).hexdigest()[:32]


def _utc(data: EventIn) -> str:
    return data.occurred_at.astimezone(clock.now().tzinfo).isoformat()


def fingerprint(data: EventIn, initiator: str | None = None) -> str:
    payload = data.model_dump(mode="json")
    payload["occurred_at"] = _utc(data)  # the same instant written in another zone is the same event
    # An unkeyed hash over a BSN could be brute-forced (10^9 values): the keyed hash stands in.
    # Without an initiator the payload is as before, so earlier events keep their fingerprint.
    payload["case"].pop("initiator", None)
    if initiator is not None:
        payload["case"]["initiator"] = initiator
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def subscriber_of(data: SubscriberIn) -> Subscriber:
    return Subscriber(channel=data.channel, phone=data.phone, email=data.email, language=data.language)


def tracking_url(svc: Services, org_id: str, case_id: str) -> str:
    token = tokens.derive(svc.settings.token_key, org_id, case_id)
    return f"{svc.settings.public_url}/track/{token}"


def accept(svc: Services, org_id: str, data: EventIn) -> dict[str, Any]:
    case_type = svc.store.get_case_type(org_id, data.case.case_type)
    if case_type is None:
        raise invalid("case.case_type", f"there is no case type '{data.case.case_type}'")
    status = case_type.status(data.status)
    if status is None:
        raise invalid("status", f"case type '{case_type.code}' has no status '{data.status}'")

    initiator = initiator_hash(svc, data)
    key, print_ = identity_key(data), fingerprint(data, initiator)
    case = svc.store.load_case(org_id, data.case.id)
    existing = case.event(key)
    if existing is not None:
        answer_ = _replay(svc, org_id, case, existing, print_)
        if case_type.status(existing.status).final:
            # The first attempt may have stopped before asking for the sweep; asking twice is harmless.
            retention.request(svc, org_id, case.id)
        return answer_
    if case.exists and case.case_type != case_type.code:
        raise invalid("case.case_type", f"case '{case.id}' has case type '{case.case_type}'")

    now = clock.now()
    order = case_type.order(status.code)
    current = case.current
    newer = current is None or (data.occurred_at, order) > current.rank
    was_closed = retention.expiry_of(case, case_type)
    subscriber = subscriber_of(data.subscriber) if data.subscriber else case.subscriber
    notification = None
    if newer and status.notify:
        channel = subscriber.channel if subscriber else "none"
        sendable = channel in SENDABLE_CHANNELS and subscriber is not None and subscriber.address
        notification = Notification(
            id=str(uuid.uuid5(NOTIFICATION_NAMESPACE, f"{org_id}/{case.id}/{key}")),
            channel=channel,
            state=State.CREATED if sendable else State.SUPPRESSED,
            updated_at=now,
        )
    event = Event(
        key=key,
        event_id=data.event_id,
        case_type=case_type.code,
        description=data.case.description,
        expected_end_date=data.case.expected_end_date,
        status=status.code,
        order=order,
        occurred_at=data.occurred_at.astimezone(now.tzinfo),
        explanation=data.explanation,
        subscriber=subscriber_of(data.subscriber) if data.subscriber else None,
        received_at=now,
        fingerprint=print_,
        current_status=status.code if newer else current.status,
        notification=notification,
        initiator=initiator,
    )
    # Retention: a closing event carries its case's expiry; an older event joins a closed case's.
    expires_at = (retention.expiry(case_type, event) if status.final else None) if newer else was_closed
    event = event.model_copy(update={"expires_at": expires_at})
    if not case.exists:
        # Before the event: a crash in between leaves a harmless token, never a case without one.
        token = tokens.derive(svc.settings.token_key, org_id, case.id)
        svc.store.put_tracking_token(org_id, tokens.lookup_hash(token), case.id)
    if not svc.store.add_event(org_id, case.id, event):
        # The same identity won a race with us: answer as a replay of the winner.
        case = svc.store.load_case(org_id, data.case.id)
        return _replay(svc, org_id, case, case.event(key), print_)
    if newer and expires_at != was_closed:
        # The case closed (or reopened) with this event: its other items follow, once per case,
        # in the worker, so accepting the event stays one write.
        retention.request(svc, org_id, case.id)
    if notification is not None and notification.state == State.CREATED:
        enqueue(svc, org_id, case.id, key)
    return answer(svc, org_id, case.id, event)


def initiator_hash(svc: Services, data: EventIn) -> str | None:
    if data.case.initiator is None:
        return None
    kind, number = data.case.initiator.kind_and_number
    return privacy.identity_hash(svc.settings.identity_key, kind, number)


def _replay(svc: Services, org_id: str, case: Case, event: Event, print_: str) -> dict[str, Any]:
    if event.fingerprint != print_:
        raise Conflict("This event's identity was used before with a different payload.")
    if event.notification is not None and event.notification.state == State.CREATED:
        # The first attempt may have stopped between storing and enqueueing. Enqueueing again is
        # safe: the worker's conditional claim lets only one message reach the provider.
        enqueue(svc, org_id, case.id, event.key)
    return answer(svc, org_id, case.id, event)


def enqueue(svc: Services, org_id: str, case_id: str, event_key: str) -> None:
    # Keys only: contact data and texts are read from the store by the worker.
    svc.queue.send({"org": org_id, "case": case_id, "event": event_key})


def answer(svc: Services, org_id: str, case_id: str, event: Event) -> dict[str, Any]:
    n = event.notification
    return {
        "event_id": event.event_id or event.key,
        "case_id": case_id,
        "status": event.status,
        "current_status": event.current_status,
        "notification": {"id": n.id, "channel": n.channel, "state": n.state} if n else None,
        "tracking_url": tracking_url(svc, org_id, case_id),
    }
