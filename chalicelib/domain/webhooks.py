"""Outbound webhooks, as rules: what an organisation registers, which events a status change
makes, a delivery and its retry schedule (contract-v2 §3). The CloudEvent and its signature are
in `domain/webhook_events.py`; the use cases in `services/webhooks.py` and
`services/webhook_delivery.py`."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
from typing import Literal

from pydantic import Field, field_validator

from chalicelib.domain.inbound import Inbound
from chalicelib.domain.models import Case, CaseType, Domain, Event

NAME = r"^[a-z0-9][a-z0-9_-]{0,63}$"
# `/v1/webhooks/twilio/status` is a route: API Gateway would never reach `twilio`'s deliveries.
RESERVED_NAMES = frozenset({"twilio"})
STATUS_CHANGED = "case.status_changed"
CLOSED = "case.closed"
DOCUMENT_ADDED = "case.document_added"  # a document became downloadable (services/document_webhooks.py)
KEY_DATE_CHANGED = "case.key_date_changed"  # in the contract; nothing emits it yet
EventType = Literal["case.status_changed", "case.closed", "case.document_added", "case.key_date_changed"]
CaseScope = Literal["own", "shared", "all"]
TYPE_PREFIX = "nl.zaakstatus."  # the CloudEvent `type` is this + the event type
SECRET_PREFIX = "whsec_"
MAX_WEBHOOKS = 20  # per organisation: each one costs a delivery per event

# Retry: the wait after the n-th failed attempt; an attempt per entry plus the first: 11 tries,
# the waits adding up to 85,870 s (23.9 h). None is over SQS's 12-hour visibility limit.
SCHEDULE_S = (10, 60, 300, 900, 1_800, 3_600, 7_200, 14_400, 28_800, 28_800)
MAX_ATTEMPTS = len(SCHEDULE_S) + 1
LEASE_S = 60  # a claimed delivery is another worker's again after this (the POST times out at 10 s)
DELIVERY_TTL = dt.timedelta(days=30)
LATEST = 50  # deliveries listed


class DeliveryStatus:
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


class WebhookIn(Inbound):
    url: str = Field(min_length=1, max_length=2048, description="https URL (checked by the outbound-URL guard)")
    events: list[EventType] = Field(min_length=1, max_length=4)
    cases: CaseScope = Field(description="own: the organisation's cases; shared: cases shared with it; all: both")

    @field_validator("events")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("name each event type once")
        return value


class Webhook(Domain):
    org_id: str
    name: str
    url: str
    events: tuple[str, ...]
    cases: str
    secret_encrypted: str  # SecretBox ciphertext of `whsec_...`
    generation: str  # new with each creation: a delivery of a deleted webhook never goes to a new one
    created_at: dt.datetime
    updated_at: dt.datetime

    def wants(self, event_type: str, own_case: bool) -> bool:
        scope = ("own", "all") if own_case else ("shared", "all")
        return event_type in self.events and self.cases in scope


class Delivery(Domain):
    """One event to one webhook: its CloudEvent body, kept as sent (so every try is the same), and
    where its tries stand. `due` (epoch seconds) is when it may be tried next; a claim moves it a
    lease ahead, so of two workers only one tries at a time."""

    org_id: str  # the webhook's organisation
    name: str
    id: str  # = the CloudEvent id = `webhook-id`
    stamp: str  # when its event was received, sortable: deliveries are listed newest first
    type: str
    generation: str
    body: str
    status: str = DeliveryStatus.PENDING
    attempts: int = 0
    last_error: str | None = None
    due: int = 0
    created_at: dt.datetime
    updated_at: dt.datetime
    expires_at: int

    @property
    def key(self) -> str:
        return f"{self.stamp}.{self.id}"


def new_secret() -> str:
    """`whsec_` + base64 of 32 random bytes (Standard Webhooks)."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def new_generation() -> str:
    return secrets.token_hex(8)


def delivery_id(owner_org: str, case_id: str, event_key: str, event_type: str, org_id: str, name: str) -> str:
    """The same for the same event to the same webhook: a fan-out run twice makes no duplicate."""
    identity = "\0".join((owner_org, case_id, event_key, event_type, org_id, name))
    return hashlib.sha256(identity.encode()).hexdigest()[:32]


def stamp_of(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def event_types(case: Case, event: Event, case_type: CaseType) -> list[str]:
    """What a status event makes: status_changed when it became the case's current status (newer
    than every event received before it, as ingest decides), and closed as well when that status
    is final. An older event that arrived late makes none."""
    earlier = [e for e in case.events if e.received_at < event.received_at]
    if event.current_status != event.status or any(e.rank >= event.rank for e in earlier):
        return []
    return [STATUS_CHANGED, CLOSED] if case_type.is_final(event.status) else [STATUS_CHANGED]


def retry_after(attempts: int) -> int | None:
    """Seconds until the next try after `attempts` failed ones; None when the horizon is reached."""
    return SCHEDULE_S[attempts - 1] if 1 <= attempts < MAX_ATTEMPTS else None


def epoch(moment: dt.datetime) -> int:
    return int(moment.timestamp())
