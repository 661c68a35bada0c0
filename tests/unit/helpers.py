"""Builders shared by the unit tests."""

from __future__ import annotations

import copy
from typing import Any

from chalicelib import case_types, config, delivery, ingest, worker
from chalicelib.adapters.memory_store import MemoryStore
from chalicelib.adapters.queues import ListQueue
from chalicelib.adapters.secretbox import FernetBox
from chalicelib.channels import OutgoingMessage
from chalicelib.models.inbound import CaseTypeIn, EventIn
from chalicelib.wiring import Services

CASE_ID = "HVC-2026-000123"

HVC_CASE_TYPE: dict[str, Any] = {
    "name": "Klacht afvalinzameling",
    "public_name": {"nl": "Klacht over afvalinzameling", "en": "Waste collection complaint"},
    "service_norm_days": 14,
    "retention_days": 365,
    "statuses": [
        {"code": "ontvangen", "name": "Klacht ontvangen", "notify": False,
         "text": {"nl": "We hebben uw klacht ontvangen."}},
        {"code": "in_behandeling", "name": "Zaak in behandeling genomen", "notify": True,
         "text": {"nl": "Uw klacht over ((case.description)) is in behandeling genomen.",
                  "en": "Your complaint about ((case.description)) is being handled."}},
        {"code": "toegewezen", "name": "Toegewezen aan afdeling", "public": False, "notify": True},
        {"code": "opgeschort", "name": "Zaak opgeschort", "notify": True,
         "text": {"nl": "Uw klacht is opgeschort. Reden: ((status.explanation))"}},
        {"code": "afgehandeld", "name": "Zaak afgehandeld", "notify": True, "final": True,
         "text": {"nl": "Uw klacht is afgehandeld."}},
    ],
}


class FakeChannel:
    """Records what it is asked to send; raises the queued errors first, one per send."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.sent: list[OutgoingMessage] = []
        self.attempts = 0
        self.errors: list[Exception] = []

    def send(self, message: OutgoingMessage) -> str:
        self.attempts += 1
        if self.errors:
            raise self.errors.pop(0)
        self.sent.append(message)
        return f"{self.name}-provider-{len(self.sent)}"


def build_services(sms: FakeChannel, email: FakeChannel) -> Services:
    return Services(
        settings=config.settings(),
        store=MemoryStore(),
        queue=ListQueue(),
        secrets=FernetBox("unit-test-secret-key"),
        channel_factories={"sms": lambda: sms, "email": lambda: email},
    )


def case_type_in(**changes: Any) -> CaseTypeIn:
    data = copy.deepcopy(HVC_CASE_TYPE)
    data.update(changes)
    return CaseTypeIn.model_validate(data)


def put_case_type(svc: Services, org_id: str, code: str, **changes: Any):
    return case_types.put(svc, org_id, code, case_type_in(**changes))


def event_in(
    status: str = "in_behandeling",
    at: str = "2026-11-28T10:00:00+01:00",
    *,
    case: dict[str, Any] | None = None,
    subscriber: dict[str, Any] | None | str = "default",
    **extra: Any,
) -> EventIn:
    body: dict[str, Any] = {
        "case": case
        or {"id": CASE_ID, "case_type": "klacht", "description": "container niet geleegd",
            "expected_end_date": "2026-12-12"},
        "status": status,
        "occurred_at": at,
        **extra,
    }
    if subscriber == "default":
        body["subscriber"] = {"channel": "sms", "phone": "06 12345678", "email": None, "language": "nl"}
    elif subscriber is not None:
        body["subscriber"] = subscriber
    return EventIn.model_validate(body)


def accept(svc: Services, data: EventIn, org_id: str = "hvc") -> dict[str, Any]:
    return ingest.accept(svc, org_id, data)


def drain(svc: Services) -> list[str]:
    """Deliver every queued message once, as the worker would; returns the outcomes."""
    queue: Any = svc.queue
    messages, queue.messages = list(queue.messages), []
    return [worker.process(svc, m) for m in messages]


def notification_of(svc: Services, event_key: str, org_id: str = "hvc", case_id: str = CASE_ID):
    return svc.store.load_case(org_id, case_id).event(event_key).notification
