"""The domain: organisations, case types, cases folded from their events, notifications."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict


class State:
    """Delivery states, in GOV.UK Notify's words."""

    CREATED = "created"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    TEMPORARY_FAILURE = "temporary-failure"
    PERMANENT_FAILURE = "permanent-failure"
    TECHNICAL_FAILURE = "technical-failure"
    SUPPRESSED = "suppressed"

    CLAIMABLE = (CREATED, TEMPORARY_FAILURE)
    FINAL = (SENT, DELIVERED, PERMANENT_FAILURE, TECHNICAL_FAILURE, SUPPRESSED)


class Domain(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class Organisation(Domain):
    id: str
    name: str
    email_from: str
    sms_from: str
    created_at: dt.datetime
    quiet_hours: bool = True  # no SMS in the quiet hours (Europe/Amsterdam); they wait for the morning
    sms_fragments: int = 3  # SMS budget in fragments; a longer text is shortened, link kept


class ClientCredentials(Domain):
    org_id: str
    client_id: str
    secret_encrypted: str  # Fernet token or base64 KMS ciphertext
    created_at: dt.datetime


class Status(Domain):
    code: str
    name: str
    notify: bool = False
    final: bool = False
    public: bool = True
    text: dict[str, str] = {}


class CaseType(Domain):
    code: str
    name: str
    public_name: dict[str, str] = {}
    service_norm_days: int | None = None
    retention_days: int = 365
    statuses: tuple[Status, ...]

    def status(self, code: str) -> Status | None:
        return next((s for s in self.statuses if s.code == code), None)

    def order(self, code: str) -> int:
        return next((i for i, s in enumerate(self.statuses) if s.code == code), -1)

    def public_name_in(self, language: str) -> str:
        return self.public_name.get(language) or self.public_name.get("nl") or self.name

    def is_final(self, code: str) -> bool:
        status = self.status(code)
        return status is not None and status.final


def text_in(texts: dict[str, str], language: str) -> str:
    """The text in the reader's language, Dutch as fallback."""
    return texts.get(language) or texts.get("nl") or ""


class Subscriber(Domain):
    channel: str  # a registered channel's name, or `portal` / `none` (nothing is sent)
    phone: str | None = None
    email: str | None = None
    language: str = "nl"

    def contact(self, field: str) -> str | None:
        """The value of a contact field (`phone`, `email`)."""
        value = getattr(self, field, None) if field in ("phone", "email") else None
        return value if isinstance(value, str) else None


class Notification(Domain):
    id: str
    channel: str
    state: str
    attempts: int = 0
    provider_id: str | None = None
    error: str | None = None
    updated_at: dt.datetime
    error_class: str | None = None  # retryable / permanent / unconfirmed / technical / limit
    fallback: bool = False  # the preferred channel failed for good; this is the other one


@dataclass(frozen=True)
class NotificationChange:
    """A move of a notification to `state`, and what it records on the way."""

    state: str
    count_attempt: bool = False
    provider_id: str | None = None
    error: str | None = None
    channel: str | None = None
    error_class: str | None = None
    fallback: bool | None = None

    def recorded(self) -> dict[str, Any]:
        """The fields this change sets (None leaves a field as it is)."""
        fields = {
            "provider_id": self.provider_id,
            "error": self.error,
            "channel": self.channel,
            "error_class": self.error_class,
            "fallback": self.fallback,
        }
        return {name: value for name, value in fields.items() if value is not None}


class Event(Domain):
    key: str  # hash of the event's identity: the idempotency key
    event_id: str | None
    case_type: str
    description: str | None
    expected_end_date: dt.date | None
    status: str
    order: int  # the status's place in the case type when accepted; breaks occurred_at ties
    occurred_at: dt.datetime
    explanation: str | None
    subscriber: Subscriber | None
    received_at: dt.datetime
    fingerprint: str  # hash of the payload: a replay must match it, or it is a conflict
    current_status: str  # the case's current status right after this event was accepted
    notification: Notification | None
    initiator: str | None = None  # keyed hash of the initiator's BSN/KvK (privacy.identity_hash)
    expires_at: int | None = None  # epoch seconds (DynamoDB TTL); set once the case is closed

    @property
    def rank(self) -> tuple[dt.datetime, int]:
        return (self.occurred_at, self.order)


Origin = Literal["organisation", "citizen"]


class SubscriberChange(Domain):
    subscriber: Subscriber
    at: dt.datetime
    origin: Origin
    expires_at: int | None = None  # epoch seconds (DynamoDB TTL); set when the case is closed


class Case(Domain):
    """A case folded from what its partition holds; nothing about it is stored twice."""

    org_id: str
    id: str
    events: tuple[Event, ...]
    subscriber_changes: tuple[SubscriberChange, ...] = ()

    @property
    def exists(self) -> bool:
        return bool(self.events)

    def event(self, key: str) -> Event | None:
        return next((e for e in self.events if e.key == key), None)

    @property
    def current(self) -> Event | None:
        return max(self.events, key=lambda e: e.rank, default=None)

    def current_public(self, case_type: CaseType) -> Event | None:
        """The newest status the citizen may see (internal steps are the organisation's own)."""
        return max(self.public_history(case_type), key=lambda e: e.rank, default=None)

    def public_history(self, case_type: CaseType) -> list[Event]:
        public = {s.code for s in case_type.statuses if s.public}
        return [e for e in self.history if e.status in public]

    @property
    def history(self) -> list[Event]:
        return sorted(self.events, key=lambda e: e.rank)

    def _latest(self, attribute: str) -> Any:
        for event in sorted(self.events, key=lambda e: e.received_at, reverse=True):
            value = getattr(event, attribute)
            if value is not None:
                return value
        return None

    @property
    def case_type(self) -> str | None:
        value: str | None = self._latest("case_type")
        return value

    @property
    def description(self) -> str | None:
        value: str | None = self._latest("description")
        return value

    @property
    def expected_end_date(self) -> dt.date | None:
        value: dt.date | None = self._latest("expected_end_date")
        return value

    @property
    def preference_trail(self) -> list[SubscriberChange]:
        """Every preference the case has had, oldest first: from events and from PUTs."""
        from_events = [
            SubscriberChange(subscriber=e.subscriber, at=e.received_at, origin="organisation")
            for e in self.events
            if e.subscriber is not None
        ]
        return sorted([*from_events, *self.subscriber_changes], key=lambda c: c.at)

    @property
    def subscriber(self) -> Subscriber | None:
        trail = self.preference_trail
        return trail[-1].subscriber if trail else None
