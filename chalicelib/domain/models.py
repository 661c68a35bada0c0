"""The domain: organisations, case types, cases folded from their events, notifications."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.base import Domain
from chalicelib.domain.citizen_action import Action
from chalicelib.domain.confidentiality import OPEN, Limits
from chalicelib.domain.documents import Document
from chalicelib.domain.key_dates import KeyDate, Result
from chalicelib.domain.org_contact import Contact
from chalicelib.domain.organisation import ClientCredentials, Organisation
from chalicelib.domain.parties import (
    INITIATOR,
    PERSON_ROLES,
    Origin,
    Party,
    PartyInfo,
    Subscriber,
    SubscriberChange,
    fold,
)

__all__ = ["Domain", "Origin", "Party", "PartyInfo", "Subscriber", "SubscriberChange"]  # re-exported
__all__ += ["ClientCredentials", "Organisation"]  # domain/organisation.py


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


class Status(Domain):
    code: str
    name: str
    notify: bool | tuple[str, ...] = False  # True: every person/business party; or the roles told
    final: bool = False
    public: bool = True
    text: dict[str, str] = {}
    text_business: dict[str, str] = {}  # the text for a business party ("uw onderneming")
    text_fallback: dict[str, str] = {}  # read when a placeholder of the text has no value

    def notifies(self, role: str) -> bool:
        """Whether reaching this status sends a message to a party with `role`. Organisation
        parties (commissioner, chain partner) are told only where their role is listed."""
        if isinstance(self.notify, bool):
            return self.notify and role in PERSON_ROLES
        return role in self.notify

    def text_for(self, kind: str, language: str) -> str:
        """The text a party of `kind` reads: a business its own where the case type gives one."""
        if kind == "business" and self.text_business:
            return text_in(self.text_business, language)
        return text_in(self.text, language)


class CaseType(Domain):
    code: str
    name: str
    public_name: dict[str, str] = {}
    service_norm_days: int | None = None
    retention_days: int = 365
    statuses: tuple[Status, ...]
    confidentiality: Limits = Limits.model_construct()  # unvalidated: Limits() would build it at import
    contact: Contact | None = None  # its own desk; wins over the organisation's
    dates: tuple[KeyDate, ...] = ()  # the case's key dates, set and moved by events
    notify_documents: bool = False  # a document added tells the person and business parties

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
    clears_error: bool = False  # it went out: an earlier error is stale (a fallback's says why, it stays)

    def cleared(self) -> tuple[str, ...]:
        return ("error", "error_class") if self.clears_error else ()

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
    subscriber: Subscriber | None  # the initiator's preference (v1's subscriber)
    received_at: dt.datetime
    fingerprint: str  # hash of the payload: a replay must match it, or it is a conflict
    current_status: str  # the case's current status right after this event was accepted
    notifications: dict[str, Notification] = {}  # by party id
    parties: tuple[Party, ...] = ()  # parties the event registered (besides `subscriber`)
    parent: tuple[str, str] | None = None  # (organisation, case id) this case is a sub-case of
    initiator: str | None = None  # keyed hash of the initiator's BSN/KvK (privacy.identity_hash)
    expires_at: int | None = None  # epoch seconds (DynamoDB TTL); set once the case is closed
    action: Action | None = None  # what the citizen is asked to do (domain/actions.py)
    clears_action: bool | None = None  # True: `"action": null`, the case asks nothing any more
    confidentiality: str | None = None  # the case's vertrouwelijkheidaanduiding, when the event gave one
    dates: dict[str, dt.date] = {}  # key dates this event sets or moves, by code
    result: Result | None = None  # the decision, given with the final status

    @property
    def rank(self) -> tuple[dt.datetime, int]:
        return (self.occurred_at, self.order)

    @property
    def notification(self) -> Notification | None:
        """The initiator's notification (v1's one notification per event), else the first."""
        return self.notifications.get(INITIATOR) or next(iter(self.notifications.values()), None)


class Case(Domain):
    """A case folded from what its partition holds; nothing about it is stored twice."""

    org_id: str
    id: str
    events: tuple[Event, ...]
    subscriber_changes: tuple[SubscriberChange, ...] = ()
    subcases: tuple[tuple[str, str], ...] = ()  # (organisation, case id) of each sub-case
    documents: tuple[Document, ...] = ()  # the case file's documents shown to its parties

    @property
    def exists(self) -> bool:
        return bool(self.events)

    @property
    def known(self) -> bool:
        """It has events, or parties registered before its first event."""
        return self.exists or bool(self.subscriber_changes)

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
    def confidentiality(self) -> str:
        """The level its events gave last (domain/confidentiality.py); open until one gives one."""
        value: str | None = self._latest("confidentiality")
        return value or OPEN

    @property
    def parent(self) -> tuple[str, str] | None:
        """(organisation, case id) of the case this is a sub-case of."""
        value: tuple[str, str] | None = self._latest("parent")
        return value

    @property
    def expected_end_date(self) -> dt.date | None:
        value: dt.date | None = self._latest("expected_end_date")
        return value

    @property
    def preference_trail(self) -> list[SubscriberChange]:
        """Every change of every party, oldest first: from events and from PUTs."""
        from_events: list[SubscriberChange] = []
        for e in self.events:
            if e.subscriber is not None:
                from_events.append(SubscriberChange(subscriber=e.subscriber, at=e.received_at, origin="organisation"))
            from_events += [
                SubscriberChange(
                    subscriber=p.subscriber, at=e.received_at, origin="organisation", party_id=p.party_id, info=p.info
                )
                for p in e.parties
            ]
        return sorted([*from_events, *self.subscriber_changes], key=lambda c: c.at)

    @property
    def _folded(self) -> tuple[dict[str, Party], dict[str, int]]:
        # Not cached: `model_copy(update=...)` would carry a cached fold over to the new case.
        return fold(self.preference_trail)

    @property
    def parties(self) -> dict[str, Party]:
        """The parties as they are now, by id."""
        return self._folded[0]

    def party(self, party_id: str) -> Party | None:
        return self.parties.get(party_id)

    def link_generation(self, party_id: str) -> int | None:
        """The generation of the party's live link; None when it has none. The initiator's link
        is the case's own: it lives while nobody erased the initiator, registered or not."""
        party = self.parties.get(party_id)
        if party is not None:
            return party.generation
        if party_id == INITIATOR and not self._folded[1].get(INITIATOR):
            return 0
        return None

    @property
    def subscriber(self) -> Subscriber | None:
        """The initiator's preference (v1's subscriber)."""
        party = self.parties.get(INITIATOR)
        return party.subscriber if party else None

    def shared_with(self) -> list[str]:
        """The organisations on this deployment a commissioner or chain-partner party names."""
        return sorted({org for p in self.parties.values() if (org := p.shares_with)})
