"""Accepting a status event: validate against the case type, store once, decide, enqueue.

Idempotency rests on one conditional put: the event's item key is a hash of its identity
(`event_id`, or status + `occurred_at`, within its case). A replay finds the item and answers
from it; a different payload under the same identity is a conflict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from chalicelib.domain import actions as domain_actions
from chalicelib.domain import clock, privacy, schedule
from chalicelib.domain.answers import EventAccepted, NotificationRefOut
from chalicelib.domain.channels import CHANNELS
from chalicelib.domain.errors import EventConflict, invalid, invalid_all
from chalicelib.domain.events import fingerprint, identity_key, notification_id
from chalicelib.domain.inbound import EventIn, subscriber_of
from chalicelib.domain.messages import SLOT_SEPARATOR, NotificationRef, RetentionSweep
from chalicelib.domain.models import Case, CaseType, Event, Notification, State
from chalicelib.domain.parties import INITIATOR, Party
from chalicelib.domain.retention import expiry, expiry_of
from chalicelib.domain.webhook_jobs import WebhookFanOut
from chalicelib.services import actions, citizen_index, parties, phone_countries, report_hooks, subcases
from chalicelib.services.deps import Deps


def accept(deps: Deps, org_id: str, data: EventIn) -> EventAccepted:
    case_type = deps.case_types.get_case_type(org_id, data.case.case_type)
    if case_type is None:
        raise invalid("case.case_type", f"there is no case type '{data.case.case_type}'")
    if case_type.status(data.status) is None:
        raise invalid("status", f"case type '{case_type.code}' has no status '{data.status}'")
    if problems := schedule.problems_of(case_type, data.status, data.dates, data.result is not None):
        raise invalid_all("The event has", problems)
    phones = [(f"parties[{i}].phone", p.phone) for i, p in enumerate(data.parties)]
    phone = data.subscriber.phone if data.subscriber else None
    phone_countries.check_phones(deps, org_id, [("subscriber.phone", phone), *phones])
    initiator = initiator_hash(deps, data)
    registered = parties.parties_of_event(deps, [(p.party_id, p) for p in data.parties])
    identities = {p.party_id: p.info.identity for p in registered}
    key, print_ = identity_key(data), fingerprint(data, deps.settings.identity_key, initiator, identities)
    parent = subcases.check_parent(deps, org_id, data)
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
    parties.check_organisations(deps, org_id, [(f"parties[{i}].", p) for i, p in enumerate(data.parties)])
    event = new_event(case, case_type, data, key, print_, initiator, registered, parent)
    after = case.model_copy(update={"events": (*case.events, event)})
    # Before the event: a crash in between leaves harmless tokens, never a party without one.
    parties.follow(deps, case, after, expiry_of(after, case_type))
    citizen_index.follow(deps, case, after, expiry_of(after, case_type))
    if parent is not None and parent != case.parent:  # first named on any event, not only the first
        subcases.link(deps, org_id, case.id, parent)
    if not deps.cases.add_event(org_id, case.id, event):
        # The same identity won a race with us: answer as a replay of the winner.
        case = deps.cases.load_case(org_id, data.case.id)
        winner = case.event(key)
        assert winner is not None  # it was just refused because it exists
        return _replay(deps, case, winner, print_)
    report_hooks.event_stored(deps, case_type, case, event)  # counters and the due item: new events only
    if event.expires_at != expiry_of(case, case_type):
        # The case closed (or reopened, or got its first event after parties registered before
        # it): its other items follow, once per case, in the worker, so accepting stays one write.
        deps.queue.send(RetentionSweep(org_id, case.id).body())
    _enqueue(deps, after, event)
    return answer(deps, after, event)


def _enqueue(deps: Deps, case: Case, event: Event) -> None:
    """The event's notifications to send, and, when it became the case's current status and
    anyone may want it, the fan-out to webhooks (the worker finds which ones do)."""
    scope = deps.config_scope
    version = scope.current(case.org_id) if scope is not None else None  # read already: no request
    for party_id, n in event.notifications.items():
        if n.state == State.CREATED:
            deps.queue.send(NotificationRef(case.org_id, case.id, event.key, party_id, version).body())
    actions.schedule(deps, case, event)  # the action's reminder, when the event asks one
    current = case.current
    if current is not None and current.key == event.key and (case.shared_with() or _has_webhooks(deps, case.org_id)):
        deps.queue.send(WebhookFanOut(case.org_id, case.id, event.key).body())


def _has_webhooks(deps: Deps, org_id: str) -> bool:
    # Read per event (one small query): an organisation without webhooks and an unshared case
    # put nothing more on the queue. A shared case's receivers are found by the fan-out.
    return bool(deps.webhooks.list_webhooks(org_id))


def new_event(
    case: Case,
    case_type: CaseType,
    data: EventIn,
    key: str,
    print_: str,
    initiator: str | None,
    registered: tuple[Party, ...] = (),
    parent: tuple[str, str] | None = None,
) -> Event:
    """The event as stored: whether it is the newest, and the notifications it asks for."""
    now = clock.now()
    order = case_type.order(data.status)
    current = case.current
    newer = current is None or (data.occurred_at, order) > current.rank
    subscriber = subscriber_of(data.subscriber) if data.subscriber else None
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
        parties=registered,
        parent=parent,
        initiator=initiator,
        current_status=data.status if newer or current is None else current.status,
        dates=data.dates,
        result=data.result.domain() if data.result else None,
        action=data.action.domain() if data.action else None,
        clears_action=True if "action" in data.model_fields_set and data.action is None else None,
        confidentiality=data.case.confidentiality,
    )
    status = case_type.status(data.status)
    if newer and status is not None:
        told = case.model_copy(update={"events": (*case.events, event)}).parties
        notifies = schedule.notifies_with_dates(status.notifies, case, case_type, event)  # a moved date may tell
        notifies = domain_actions.notifies_with_action(notifies, case, case_type, event)  # so may a new action
        event = event.model_copy(update={"notifications": _notifications(case, key, notifies, told, now)})
    # Retention: a closing event carries its case's expiry; an older event joins a closed case's.
    if not newer:
        return event.model_copy(update={"expires_at": expiry_of(case, case_type)})
    closing = case_type.is_final(event.status)
    return event.model_copy(update={"expires_at": expiry(case_type, event) if closing else None})


def _notifications(
    case: Case, key: str, notifies: Callable[[str], bool], told: dict[str, Party], now: dt.datetime
) -> dict[str, Notification]:
    """One notification per party whose role the status tells. A case with no party at all
    records the initiator's as suppressed (nobody to tell), as a case without subscriber did."""
    chosen = {pid: p for pid, p in told.items() if notifies(p.role)}
    notifications = {pid: _notification(case, key, pid, p, now) for pid, p in chosen.items()}
    if not told and notifies(INITIATOR):
        notifications[INITIATOR] = _notification(case, key, INITIATOR, None, now)
    return notifications


def _notification(case: Case, key: str, party_id: str, party: Party | None, now: dt.datetime) -> Notification:
    subscriber = party.subscriber if party else None
    spec = CHANNELS.get(subscriber.channel if subscriber else None)
    sendable = spec is not None and subscriber is not None and bool(subscriber.contact(spec.contact.name))
    return Notification(
        id=notification_id(case.org_id, case.id, key, party_id),
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
    # The first attempt may have stopped between storing and enqueueing. Enqueueing again is
    # safe: the worker's conditional claim lets only one message reach the provider.
    _enqueue(deps, case, event)
    return answer(deps, case, event)


def answer(deps: Deps, case: Case, event: Event) -> EventAccepted:
    n = event.notification
    return EventAccepted(
        event_id=event.event_id or event.key,
        case_id=case.id,
        status=event.status,
        current_status=event.current_status,
        notification=NotificationRefOut(id=n.id, channel=n.channel, state=n.state) if n else None,
        notifications=[
            NotificationRefOut(id=n.id, channel=n.channel, state=n.state, party_id=pid)
            for pid, n in event.notifications.items()
            if SLOT_SEPARATOR not in pid  # a reminder added later is not this event's own message
        ],
        tracking_url=parties.link(deps, case, INITIATOR),
    )
