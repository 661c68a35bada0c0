"""The DynamoDB items of each domain object, and their keys: one table, `pk` + `sk`, TTL
attribute `expires_at`. Both table adapters (DynamoDB and memory) hold exactly these items.

| item                         | pk                                   | sk                              |
|------------------------------|--------------------------------------|---------------------------------|
| organisation                 | ORG#<org>                            | ORG                             |
| API client                   | ORG#<org>                            | CLIENT#<client_id>              |
| case type                    | ORG#<org>                            | CASETYPE#<code>                 |
| status event (+notification) | ORG#<org>#CASE#<case_id>             | EVENT#<identity hash>           |
| preference change            | ORG#<org>#CASE#<case_id>             | SUB#<time>#<random>             |
| tracking token lookup        | ORG#<org>#TOKEN#<sha256(token)>      | TOKEN                           |
| messages to a recipient/day  | ORG#<org>#CAP#<hmac(address)>        | DAY#<yyyy-mm-dd>                |
| unusable address             | ORG#<org>#SUPP#<hmac(address)>       | SUPP                            |
| SMS held for quiet hours     | QUIET#<morning's date>               | <org>#<event key>#<case_id>     |
| ZGW connection               | ORG#<org>                            | ZGW#CONNECTION                  |
| organisations with one       | ZGW#CONNECTIONS                      | ORG#<org>                       |
| hub message until processed  | ORG#<org>#ZGWINBOX#<key>             | MSG                             |
| zaak -> case link            | ORG#<org>#ZAAK#<sha256(zaak URL)>    | ZAAK                            |

A case is the items in its partition: its current status, history, subscriber and notifications
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
    Subscriber,
    SubscriberChange,
)


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

    @classmethod
    def of(cls, client: ClientCredentials) -> ClientItem:
        return cls(
            pk=org_pk(client.org_id),
            sk=f"CLIENT#{client.client_id}",
            secret_encrypted=client.secret_encrypted,
            created_at=client.created_at,
        )

    def domain(self) -> ClientCredentials:
        return ClientCredentials(
            org_id=self.pk.removeprefix("ORG#"),
            client_id=self.sk.removeprefix("CLIENT#"),
            secret_encrypted=self.secret_encrypted,
            created_at=self.created_at,
        )


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
    notification: NotificationPart | None = Field(default=None, alias="n")
    initiator: str | None = Field(default=None, alias="ini")  # keyed hash, never the number
    expires_at: int | None = None  # TTL attribute (epoch seconds)

    @classmethod
    def of(cls, org_id: str, case_id: str, event: Event) -> EventItem:
        data = event.model_dump(exclude={"key"})
        return cls(pk=case_pk(org_id, case_id), sk=f"EVENT#{event.key}", **data)

    def domain(self) -> Event:
        data = self.model_dump(exclude={"pk", "sk", "subscriber", "notification"})
        return Event(
            key=self.sk.removeprefix("EVENT#"),
            subscriber=Subscriber(**self.subscriber.model_dump()) if self.subscriber else None,
            notification=Notification(**self.notification.model_dump()) if self.notification else None,
            **data,
        )


class SubscriberChangeItem(Stored):
    pk: str
    sk: str
    subscriber: SubscriberPart = Field(alias="sub")
    at: dt.datetime
    origin: str
    expires_at: int | None = None  # TTL attribute (epoch seconds)

    @classmethod
    def of(cls, org_id: str, case_id: str, change: SubscriberChange, unique: str) -> SubscriberChangeItem:
        return cls(
            pk=case_pk(org_id, case_id),
            sk=f"SUB#{change.at.isoformat()}#{unique}",
            subscriber=SubscriberPart(**change.subscriber.model_dump()),
            at=change.at,
            origin=change.origin,
            expires_at=change.expires_at,
        )

    def domain(self) -> SubscriberChange:
        return SubscriberChange(
            subscriber=Subscriber(**self.subscriber.model_dump()),
            at=self.at,
            origin=self.origin,
            expires_at=self.expires_at,
        )


class TokenItem(Stored):
    pk: str
    sk: str = "TOKEN"
    case_id: str = Field(alias="case")
    expires_at: int | None = None  # TTL attribute (epoch seconds), set when the case closes


# Delivery bookkeeping. Addresses appear only as keyed hashes (domain.privacy.address_hash).
def cap_key(org_id: str, recipient: str, day: str) -> tuple[str, str]:
    return f"ORG#{org_id}#CAP#{recipient}", f"DAY#{day}"


def suppression_key(org_id: str, address_hash: str) -> tuple[str, str]:
    return f"ORG#{org_id}#SUPP#{address_hash}", "SUPP"


def held_key(day: str, org_id: str, case_id: str, event_key: str) -> tuple[str, str]:
    # The one cross-organisation partition: the morning release reads all of a day at once.
    # The case id goes last because it is the only part that may hold '#'.
    return f"QUIET#{day}", f"{org_id}#{event_key}#{case_id}"


def notification_path(field: str) -> str:
    """Where a notification's field is stored on its event item (`n.<alias>`)."""
    alias = NotificationPart.model_fields[field].alias or field
    return f"n.{alias}"


# ZGW
ZGW_CONNECTION_SK = "ZGW#CONNECTION"
ZGW_INDEX_PK = "ZGW#CONNECTIONS"


def zgw_inbox_pk(org_id: str, key: str) -> str:
    return f"ORG#{org_id}#ZGWINBOX#{key}"


def zaak_pk(org_id: str, zaak_hash: str) -> str:
    return f"ORG#{org_id}#ZAAK#{zaak_hash}"
