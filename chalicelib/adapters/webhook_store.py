"""Webhooks and their deliveries on the item table (port: `Webhooks`).

| item                  | pk                         | sk                          |
|-----------------------|----------------------------|-----------------------------|
| webhook               | ORG#<org>                  | WEBHOOK#<name>              |
| delivery to a webhook | ORG#<org>#WEBHOOK#<name>   | DLV#<event received>.<id>   |

A webhook sits in its organisation's partition (listed with one Query). Its deliveries have a
partition of their own whose sort keys begin with the time their event was received, so the
latest 50 are one Query read backwards; each expires (TTL) 30 days after it was made. A delivery
holds its CloudEvent body (keys and status words only, no contact data) so every try sends the
same bytes. Every write of a delivery after the first is conditional on its `due`: a claim or an
outcome of a worker whose claim was taken over changes nothing.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from chalicelib.adapters.items import Stored, org_pk
from chalicelib.adapters.table import Change, Condition, Table
from chalicelib.domain.webhooks import Delivery, Webhook

WEBHOOK_PREFIX = "WEBHOOK#"
DELIVERY_PREFIX = "DLV#"  # then the event's receipt time (sortable), so the newest come first


def webhook_key(org_id: str, name: str) -> tuple[str, str]:
    return org_pk(org_id), f"{WEBHOOK_PREFIX}{name}"


def deliveries_pk(org_id: str, name: str) -> str:
    return f"ORG#{org_id}#WEBHOOK#{name}"


class WebhookItem(Stored):
    pk: str
    sk: str
    url: str
    events: list[str]
    cases: str
    secret: str  # encrypted (SecretBox)
    generation: str = Field(alias="gen")
    created_at: dt.datetime
    updated_at: dt.datetime

    @classmethod
    def of(cls, hook: Webhook) -> WebhookItem:
        pk, sk = webhook_key(hook.org_id, hook.name)
        data = hook.model_dump(exclude={"org_id", "name", "secret_encrypted", "events"})
        return cls(pk=pk, sk=sk, secret=hook.secret_encrypted, events=list(hook.events), **data)

    def domain(self) -> Webhook:
        return Webhook(
            org_id=self.pk.removeprefix("ORG#"),
            name=self.sk.removeprefix(WEBHOOK_PREFIX),
            url=self.url,
            events=tuple(self.events),
            cases=self.cases,
            secret_encrypted=self.secret,
            generation=self.generation,
            created_at=self.created_at,
            updated_at=self.updated_at,
        )


class DeliveryItem(Stored):
    pk: str
    sk: str
    org_id: str = Field(alias="org")
    name: str
    id: str
    type: str = Field(alias="ty")
    generation: str = Field(alias="gen")
    body: str
    status: str = Field(alias="st")
    attempts: int = Field(default=0, alias="att")
    last_error: str | None = Field(default=None, alias="err")
    due: int
    created_at: dt.datetime = Field(alias="cr")
    updated_at: dt.datetime = Field(alias="upd")
    expires_at: int  # TTL attribute (epoch seconds)

    @classmethod
    def of(cls, delivery: Delivery) -> DeliveryItem:
        return cls(
            pk=deliveries_pk(delivery.org_id, delivery.name),
            sk=DELIVERY_PREFIX + delivery.key,
            **delivery.model_dump(exclude={"stamp"}),
        )

    def domain(self) -> Delivery:
        stamp = self.sk.removeprefix(DELIVERY_PREFIX).rsplit(".", 1)[0]
        return Delivery(stamp=stamp, **self.model_dump(exclude={"pk", "sk"}))


def _path(field: str) -> str:
    return DeliveryItem.model_fields[field].alias or field


class WebhookStore:
    def __init__(self, table: Table) -> None:
        self.table = table

    def put_webhook(self, hook: Webhook) -> bool:
        return self.table.replace(WebhookItem.of(hook).item())

    def get_webhook(self, org_id: str, name: str) -> Webhook | None:
        item = self.table.get(*webhook_key(org_id, name))
        return WebhookItem.model_validate(item).domain() if item else None

    def list_webhooks(self, org_id: str) -> list[Webhook]:
        return [WebhookItem.model_validate(i).domain() for i in self.table.query(org_pk(org_id), WEBHOOK_PREFIX)]

    def delete_webhook(self, org_id: str, name: str) -> bool:
        return self.table.delete(*webhook_key(org_id, name))

    def add_delivery(self, delivery: Delivery) -> bool:
        return self.table.put(DeliveryItem.of(delivery).item(), only_if_new=True)

    def get_delivery(self, org_id: str, name: str, key: str) -> Delivery | None:
        item = self.table.get(deliveries_pk(org_id, name), DELIVERY_PREFIX + key)
        return DeliveryItem.model_validate(item).domain() if item else None

    def latest_deliveries(self, org_id: str, name: str, limit: int) -> list[Delivery]:
        items = self.table.query(deliveries_pk(org_id, name), DELIVERY_PREFIX, limit=limit, newest_first=True)
        return [DeliveryItem.model_validate(i).domain() for i in items]

    def update_delivery(self, delivery: Delivery, expected_due: int) -> bool:
        sets = {
            _path("status"): delivery.status,
            _path("attempts"): delivery.attempts,
            _path("due"): delivery.due,
            _path("updated_at"): delivery.updated_at.isoformat().replace("+00:00", "Z"),
        }
        if delivery.last_error is not None:
            sets[_path("last_error")] = delivery.last_error
        change = Change(set=sets, remove=() if delivery.last_error is not None else (_path("last_error"),))
        condition = Condition(exists=True, one_of=(_path("due"), (expected_due,)))
        pk, sk = deliveries_pk(delivery.org_id, delivery.name), DELIVERY_PREFIX + delivery.key
        return self.table.update(pk, sk, change, condition)
