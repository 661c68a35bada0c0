"""The DynamoDB items of each domain object, and their keys: one table, `pk` + `sk`, TTL
attribute `expires_at`. Both table adapters (DynamoDB and memory) hold exactly these items.

| item                         | pk                                   | sk                              |
|------------------------------|--------------------------------------|---------------------------------|
| organisation                 | ORG#<org>                            | ORG                             |
| API client                   | ORG#<org>                            | CLIENT#<client_id>              |
| sub-case partner             | ORG#<org>                            | PARTNER#<partner org>           |
| case type                    | ORG#<org>                            | CASETYPE#<code>                 |
| status event (+notification) | ORG#<org>#CASE#<case_id>             | EVENT#<identity hash>           |
| party change                 | ORG#<org>#CASE#<case_id>             | SUB#<time>#<random>             |
| sub-case of this case        | ORG#<org>#CASE#<case_id>             | SUBCASE#<org>#<case_id>         |
| document (+its messages)     | ORG#<org>#CASE#<case_id>             | DOC#<doc_id> (document_store)   |
| tracking token lookup        | ORG#<org>#TOKEN#<sha256(token)>      | TOKEN                           |
| case shared with org B       | SHARED#<B>                           | <owner org>#<case_id>           |
| messages to a recipient/day  | ORG#<org>#CAP#<hmac(address)>        | DAY#<yyyy-mm-dd>                |
| unusable address             | ORG#<org>#SUPP#<hmac(address)>       | SUPP                            |
| SMS held for quiet hours     | QUIET#<morning's date>               | <org>#<event>#<party>#<case_id> |
| ZGW connection               | ORG#<org>                            | ZGW#CONNECTION                  |
| organisations with one       | ZGW#CONNECTIONS                      | ORG#<org>                       |
| hub message until processed  | ORG#<org>#ZGWINBOX#<key>             | MSG                             |
| zaak -> case link            | ORG#<org>#ZAAK#<sha256(zaak URL)>    | ZAAK                            |

A case is the items in its partition: its current status, history, parties and notifications
are folded from one strongly consistent Query, so accepting an event is one put. Event
attributes have short names: an item under 1 KB costs one write unit. No key holds personal
data: addresses only as keyed hashes, tokens only as SHA-256.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chalicelib.domain.models import (
    CaseType,
    ClientCredentials,
    Event,
    Notification,
    Organisation,
    Party,
    PartyInfo,
    Subscriber,
    SubscriberChange,
)
from chalicelib.domain.sms_countries import DEFAULT_SMS_COUNTRIES


def org_pk(org_id: str) -> str:
    return f"ORG#{org_id}"


def case_pk(org_id: str, case_id: str) -> str:
    return f"ORG#{org_id}#CASE#{case_id}"


def token_pk(org_id: str, token_hash: str) -> str:
    return f"ORG#{org_id}#TOKEN#{token_hash}"


class Stored(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="ignore", defer_build=True)

    def item(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


class OrganisationItem(Stored):
    pk: str
    sk: str = "ORG"
    name: str
    email_from: str
    sms_from: str
    created_at: dt.datetime
    quiet_hours: bool = True
    sms_fragments: int = 3
    contact: dict[str, Any] | None = None  # {"phone", "email", "url", "hours"}
    sms_countries: list[str] = Field(default_factory=lambda: list(DEFAULT_SMS_COUNTRIES))  # absent: default

    @classmethod
    def of(cls, org: Organisation) -> OrganisationItem:
        return cls(pk=org_pk(org.id), **org.model_dump(exclude={"id"}))

    def domain(self) -> Organisation:
        return Organisation(id=self.pk.removeprefix("ORG#"), **self.model_dump(exclude={"pk", "sk"}))


class ClientItem(Stored):
    pk: str
    sk: str
    secret_encrypted: str
    created_at: dt.datetime
    mode: str = "live"  # "test": a test client (chalicelib/domain/test_mode.py)

    @classmethod
    def of(cls, client: ClientCredentials) -> ClientItem:
        data = client.model_dump(include={"secret_encrypted", "created_at", "mode"})
        return cls(pk=org_pk(client.org_id), sk=f"CLIENT#{client.client_id}", **data)

    def domain(self) -> ClientCredentials:
        ids = {"org_id": self.pk.removeprefix("ORG#"), "client_id": self.sk.removeprefix("CLIENT#")}
        return ClientCredentials(**ids, **self.model_dump(exclude={"pk", "sk"}))


class CaseTypeItem(Stored):
    pk: str
    sk: str
    doc: str  # the case type as JSON: read whole, never queried into

    @classmethod
    def of(cls, org_id: str, case_type: CaseType) -> CaseTypeItem:
        return cls(pk=org_pk(org_id), sk=f"CASETYPE#{case_type.code}", doc=case_type.model_dump_json())

    def domain(self) -> CaseType:
        return CaseType.model_validate_json(self.doc)


class SubscriberPart(Stored):
    channel: str = Field(alias="ch")
    phone: str | None = Field(default=None, alias="ph")
    email: str | None = Field(default=None, alias="em")
    language: str = Field(alias="lg")


class NotificationPart(Stored):
    id: str
    channel: str = Field(alias="ch")
    state: str
    attempts: int = Field(default=0, alias="att")
    provider_id: str | None = Field(default=None, alias="pid")
    error: str | None = Field(default=None, alias="err")
    updated_at: dt.datetime = Field(alias="upd")
    error_class: str | None = Field(default=None, alias="ec")
    fallback: bool = Field(default=False, alias="fb")


class PartyInfoPart(Stored):
    role: str = Field(alias="r")
    kind: str = Field(alias="k")
    name: str | None = Field(default=None, alias="nm")
    identity: str | None = Field(default=None, alias="idh")  # keyed hash, never the number
    organisation: str | None = Field(default=None, alias="org")


class PartyPart(Stored):
    info: PartyInfoPart = Field(alias="i")
    subscriber: SubscriberPart = Field(alias="sub")

    @classmethod
    def of(cls, party: Party) -> PartyPart:
        return cls(
            info=PartyInfoPart(**party.info.model_dump()), subscriber=SubscriberPart(**party.subscriber.model_dump())
        )

    def domain(self, party_id: str) -> Party:
        return Party(
            party_id=party_id,
            info=PartyInfo(**self.info.model_dump()),
            subscriber=Subscriber(**self.subscriber.model_dump()),
        )


class EventItem(Stored):
    pk: str
    sk: str
    event_id: str | None = Field(default=None, alias="eid")
    case_type: str = Field(alias="ct")
    description: str | None = Field(default=None, alias="ds")
    expected_end_date: dt.date | None = Field(default=None, alias="eed")
    status: str = Field(alias="st")
    order: int = Field(alias="ord")
    occurred_at: dt.datetime = Field(alias="at")
    explanation: str | None = Field(default=None, alias="ex")
    subscriber: SubscriberPart | None = Field(default=None, alias="sub")
    received_at: dt.datetime = Field(alias="rcv")
    fingerprint: str = Field(alias="fp")
    current_status: str = Field(alias="cur")
    notifications: dict[str, NotificationPart] | None = Field(default=None, alias="ns")  # by party id
    parties: dict[str, PartyPart] | None = Field(default=None, alias="pts")  # by party id
    initiator: str | None = Field(default=None, alias="ini")  # keyed hash, never the number
    parent: dict[str, str] | None = Field(default=None, alias="par")  # {"o": org, "c": case}
    expires_at: int | None = None  # TTL attribute (epoch seconds)
    action: dict[str, Any] | None = Field(default=None, alias="act")  # {"text", "deadline", "url"}
    clears_action: bool | None = Field(default=None, alias="acx")
    confidentiality: str | None = Field(default=None, alias="vl")
    dates: dict[str, dt.date] | None = Field(default=None, alias="kd")  # key dates: code -> day
    result: dict[str, str] | None = Field(default=None, alias="res")  # {"code", "text"}

    @classmethod
    def of(cls, org_id: str, case_id: str, event: Event) -> EventItem:
        data = event.model_dump(exclude={"key", "notifications", "parties", "parent", "dates"})
        data["dates"] = event.dates or None
        return cls(
            pk=case_pk(org_id, case_id),
            sk=f"EVENT#{event.key}",
            notifications={p: NotificationPart(**n.model_dump()) for p, n in event.notifications.items()} or None,
            parties={p.party_id: PartyPart.of(p) for p in event.parties} or None,
            parent={"o": event.parent[0], "c": event.parent[1]} if event.parent else None,
            **data,
        )

    def domain(self) -> Event:
        data = self.model_dump(exclude={"pk", "sk", "subscriber", "notifications", "parties", "parent"})
        data["dates"] = self.dates or {}
        return Event(
            key=self.sk.removeprefix("EVENT#"),
            subscriber=Subscriber(**self.subscriber.model_dump()) if self.subscriber else None,
            notifications={p: Notification(**n.model_dump()) for p, n in (self.notifications or {}).items()},
            parties=tuple(part.domain(pid) for pid, part in (self.parties or {}).items()),
            parent=(self.parent["o"], self.parent["c"]) if self.parent else None,
            **data,
        )


class SubscriberChangeItem(Stored):
    pk: str
    sk: str
    subscriber: SubscriberPart = Field(alias="sub")
    at: dt.datetime
    origin: str
    party_id: str | None = Field(default=None, alias="pid")  # absent: the initiator
    info: PartyInfoPart | None = Field(default=None, alias="i")
    removed: bool | None = Field(default=None, alias="rm")
    expires_at: int | None = None  # TTL attribute (epoch seconds)

    @classmethod
    def of(cls, org_id: str, case_id: str, change: SubscriberChange, unique: str) -> SubscriberChangeItem:
        return cls(
            pk=case_pk(org_id, case_id),
            sk=f"SUB#{change.at.isoformat()}#{unique}",
            subscriber=SubscriberPart(**change.subscriber.model_dump()),
            at=change.at,
            origin=change.origin,
            party_id=None if change.party_id == "initiator" else change.party_id,
            info=PartyInfoPart(**change.info.model_dump()) if change.info else None,
            removed=change.removed or None,
            expires_at=change.expires_at,
        )

    def domain(self) -> SubscriberChange:
        return SubscriberChange(
            subscriber=Subscriber(**self.subscriber.model_dump()),
            at=self.at,
            origin=self.origin,
            party_id=self.party_id or "initiator",
            info=PartyInfo(**self.info.model_dump()) if self.info else None,
            removed=bool(self.removed),
            expires_at=self.expires_at,
        )


class TokenItem(Stored):
    pk: str
    sk: str = "TOKEN"
    case_id: str = Field(alias="case")
    party_id: str | None = Field(default=None, alias="pid")  # absent: the initiator
    expires_at: int | None = None  # TTL attribute (epoch seconds), set when the case closes


def shared_key(shared_with: str, owner: str, case_id: str) -> tuple[str, str]:
    # The case id goes last because it is the only part that may hold '#'.
    return f"SHARED#{shared_with}", f"{owner}#{case_id}"


class SharedItem(Stored):
    """A case an organisation party gives another organisation read access to."""

    pk: str
    sk: str
    role: str
    expires_at: int | None = None


# Delivery bookkeeping. Addresses appear only as keyed hashes (domain.privacy.address_hash).
def cap_key(org_id: str, recipient: str, day: str) -> tuple[str, str]:
    return f"ORG#{org_id}#CAP#{recipient}", f"DAY#{day}"


def suppression_key(org_id: str, address_hash: str) -> tuple[str, str]:
    return f"ORG#{org_id}#SUPP#{address_hash}", "SUPP"


def held_key(day: str, org_id: str, case_id: str, event_key: str, party_id: str = "initiator") -> tuple[str, str]:
    # The cross-organisation partition: the morning release reads all of a day at once.
    # The case id goes last because it is the only part that may hold '#'.
    return f"QUIET#{day}", f"{org_id}#{event_key}#{party_id}#{case_id}"


def notification_path(field: str, party_id: str = "initiator") -> str:
    """Where a party's notification's field is stored on its event item (`ns.<party>.<alias>`)."""
    alias = NotificationPart.model_fields[field].alias or field
    return f"ns.{party_id}.{alias}"
