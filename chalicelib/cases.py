"""The organisation's view of a case, and the subscriber it registers for it."""

from __future__ import annotations

import re
from typing import Any

from chalicelib import clock, retention
from chalicelib.ingest import subscriber_of, tracking_url
from chalicelib.models.domain import Case, Subscriber, SubscriberChange
from chalicelib.models.inbound import CASE_ID, SubscriberIn
from chalicelib.problems import NotFound
from chalicelib.wiring import Services
from chalicelib.delivery_view import delivery_summary


def mask_phone(phone: str | None) -> str | None:
    """+31612345678 -> +316******78: enough to recognise, not enough to call."""
    if not phone:
        return None
    return phone[:4] + "*" * (len(phone) - 6) + phone[-2:]


def mask_email(email: str | None) -> str | None:
    """jan.jansen@example.nl -> j*********@example.nl"""
    if not email:
        return None
    local, _, domain = email.partition("@")
    return local[:1] + "*" * max(len(local) - 1, 1) + "@" + domain


def masked(subscriber: Subscriber | None) -> dict[str, Any] | None:
    if subscriber is None:
        return None
    return {
        "channel": subscriber.channel,
        "language": subscriber.language,
        "phone": mask_phone(subscriber.phone),
        "email": mask_email(subscriber.email),
    }


def _load(svc: Services, org_id: str, case_id: str) -> Case:
    # An id no event could have created is not looked up (nor echoed): a key of any length
    # from the URL would otherwise reach DynamoDB, whose key size limit makes it a 500.
    if not re.match(CASE_ID, case_id):
        raise NotFound("There is no such case.")
    case = svc.store.load_case(org_id, case_id)
    if not case.exists:
        raise NotFound(f"There is no case '{case_id}'.")
    return case


def view(svc: Services, org_id: str, case_id: str) -> dict[str, Any]:
    case = _load(svc, org_id, case_id)
    case_type = svc.store.get_case_type(org_id, case.case_type)
    names = {s.code: s.name for s in case_type.statuses} if case_type else {}
    final = {s.code for s in case_type.statuses if s.final} if case_type else set()
    current = case.current
    return {
        "id": case.id,
        "case_type": case.case_type,
        "description": case.description,
        "current_status": {
            "code": current.status,
            "name": names.get(current.status, current.status),
            "since": current.occurred_at.isoformat(),
        },
        "closed": current.status in final,
        "history": [
            {
                "status": e.status,
                "name": names.get(e.status, e.status),
                "occurred_at": e.occurred_at.isoformat(),
                "explanation": e.explanation,
            }
            for e in case.history
        ],
        "expected_end_date": case.expected_end_date.isoformat() if case.expected_end_date else None,
        "subscriber": masked(case.subscriber),
        "preference_changes": [
            {"at": c.at.isoformat(), "origin": c.origin, **masked(c.subscriber)} for c in case.preference_trail
        ],
        "notifications": [
            {
                "id": e.notification.id,
                "status": e.status,
                "channel": e.notification.channel,
                "state": e.notification.state,
                "attempts": e.notification.attempts,
                "last_error": e.notification.error,
                "updated_at": e.notification.updated_at.isoformat(),
                **delivery_summary(e.notification),
            }
            for e in case.history
            if e.notification is not None
        ],
        "tracking_url": tracking_url(svc, org_id, case.id),
    }


def set_subscriber(svc: Services, org_id: str, case_id: str, data: SubscriberIn) -> dict[str, Any]:
    # No 404 for a case without events: a case system (ZGW) registers the preference when the
    # zaak is created, before its first status; that first event then uses it.
    if not re.match(CASE_ID, case_id):
        raise NotFound("There is no such case.")
    case = svc.store.load_case(org_id, case_id)
    change = SubscriberChange(subscriber=subscriber_of(data), at=clock.now(), origin="organisation",
                              expires_at=_expiry(svc, case))
    svc.store.add_subscriber_change(org_id, case_id, change)
    return masked(change.subscriber)


def _expiry(svc: Services, case: Case) -> int | None:
    """A change to a closed case expires with the case (see chalicelib/retention.py)."""
    return retention.expiry_of(case, svc.store.get_case_type(case.org_id, case.case_type or ""))


def erase_subscriber(svc: Services, org_id: str, case_id: str) -> None:
    """The right to erasure: every phone number and e-mail address of the case goes at once.

    What stays is the channel and language of each preference (no personal data) and, as the
    newest preference, channel 'none': nothing is sent for this case until a new subscriber is
    registered. A notification already queued finds no address when it is sent and is
    suppressed."""
    case = _load(svc, org_id, case_id)
    svc.store.erase_contact_data(org_id, case_id)
    erased = SubscriberChange(subscriber=Subscriber(channel="none", language=_language(case)),
                              at=clock.now(), origin="organisation", expires_at=_expiry(svc, case))
    svc.store.add_subscriber_change(org_id, case_id, erased)


def _language(case: Case) -> str:
    return case.subscriber.language if case.subscriber else "nl"
