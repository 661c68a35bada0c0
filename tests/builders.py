"""Builders shared by every test layer: the one demo case type, events, fake senders, and the
service's dependencies in memory."""

from __future__ import annotations

import copy
from typing import Any

from chalicelib import bootstrap
from chalicelib.adapters.memory_blobs import MemoryBlobs
from chalicelib.adapters.memory_identities import MemoryIdentities
from chalicelib.adapters.memory_metrics import RecordedMetrics
from chalicelib.adapters.memory_poster import RecordedPoster
from chalicelib.adapters.memory_queue import ListQueue
from chalicelib.adapters.memory_table import MemoryTable
from chalicelib.adapters.secretbox import FernetBox
from chalicelib.adapters.senders import LazySenders
from chalicelib.domain.channels import OutgoingMessage
from chalicelib.domain.inbound import CaseTypeIn, EventIn
from chalicelib.domain.messages import NotificationRef
from chalicelib.domain.models import Notification
from chalicelib.services import case_types, ingest, jobs
from chalicelib.services.deps import Deps
from local.seed import HVC_KLACHT

CASE_ID = "HVC-2026-000123"

# HVC's complaint series as the local run seeds it, with one internal status (the organisation's
# own step, which the citizen never sees and which never notifies) between the public ones.
INTERNAL_STATUS: dict[str, Any] = {
    "code": "toegewezen",
    "name": "Toegewezen aan afdeling",
    "public": False,
    "notify": True,
}
HVC_CASE_TYPE: dict[str, Any] = copy.deepcopy(
    {**HVC_KLACHT, "statuses": [*HVC_KLACHT["statuses"][:2], INTERNAL_STATUS, *HVC_KLACHT["statuses"][2:]]}
)


def hvc_case_type(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(HVC_CASE_TYPE)
    data.update(changes)
    return data


def event_body(status: str = "in_behandeling", at: str = "2026-11-28T10:00:00+01:00", **extra: Any) -> dict[str, Any]:
    """A notifying event as a case system posts it, with an SMS subscriber."""
    body = {
        "case": {
            "id": CASE_ID,
            "case_type": "klacht",
            "description": "container niet geleegd",
            "expected_end_date": "2026-12-12",
        },
        "status": status,
        "occurred_at": at,
        "subscriber": {"channel": "sms", "phone": "06 12345678", "email": None, "language": "nl"},
    }
    body.update(extra)
    return body


def event_in(
    status: str = "in_behandeling",
    at: str = "2026-11-28T10:00:00+01:00",
    *,
    case: dict[str, Any] | None = None,
    subscriber: dict[str, Any] | None | str = "default",
    **extra: Any,
) -> EventIn:
    body = event_body(status, at, **extra)
    if case is not None:
        body["case"] = case
    if subscriber is None:
        del body["subscriber"]
    elif subscriber != "default":
        body["subscriber"] = subscriber
    return EventIn.model_validate(body)


def case_type_in(**changes: Any) -> CaseTypeIn:
    return CaseTypeIn.model_validate(hvc_case_type(**changes))


class FakeSender:
    """A channel's provider that records what it is asked to send; raises the queued errors
    first, one per send."""

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


def memory_deps(**senders: Any) -> Deps:
    """The service on in-memory adapters: one item table, list queues, recorded metrics and webhook POSTs."""
    return bootstrap.build(
        MemoryTable(),
        LazySenders({name: (lambda s=sender: s) for name, sender in senders.items()}),
        FernetBox("unit-test-secret-key"),
        queue=ListQueue(),
        zgw_queue=ListQueue(),
        metrics=RecordedMetrics(),
        webhook_poster=RecordedPoster(),
        blobs=MemoryBlobs(),
        sender_identities=MemoryIdentities(verify_locally=True),  # as the local run: verified at once
    )


def put_case_type(deps: Deps, org_id: str, code: str, **changes: Any) -> Any:
    return case_types.put(deps, org_id, code, case_type_in(**changes))


def accept(deps: Deps, data: EventIn, org_id: str = "hvc") -> dict[str, Any]:
    """The event's answer as the API would send it."""
    return ingest.accept(deps, org_id, data).json_body()


def drain(deps: Deps) -> list[str]:
    """Deliver every queued message once, as the worker would; returns the outcomes."""
    queue: Any = deps.queue
    messages, queue.messages = list(queue.messages), []
    return [jobs.process(deps, m) for m in messages]


def drain_all(deps: Deps, rounds: int = 5) -> list[str]:
    """Deliver until the queue stays empty (a fallback is a new message)."""
    outcomes: list[str] = []
    for _ in range(rounds):
        queue: Any = deps.queue
        if not queue.messages:
            break
        outcomes += drain(deps)
    return outcomes


def ref(event_key: str, org_id: str = "hvc", case_id: str = CASE_ID) -> NotificationRef:
    return NotificationRef(org_id, case_id, event_key)


def notification_of(deps: Deps, event_key: str, org_id: str = "hvc", case_id: str = CASE_ID) -> Notification | None:
    event = deps.cases.load_case(org_id, case_id).event(event_key)
    return event.notification if event else None
