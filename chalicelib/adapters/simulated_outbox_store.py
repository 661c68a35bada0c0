"""The simulator's outbox on the item table (port: `SimulatedOutbox`).

| item                         | pk                       | sk                          |
|------------------------------|--------------------------|-----------------------------|
| a test tenant's message      | ORG#<tenant>#TESTOUTBOX  | MSG#<time>#<random>         |

A test tenant's messages share a partition whose sort keys begin with the time they were taken,
so the latest are one Query read backwards; each expires (TTL) a week after it was taken. The
addresses are a test tenant's only (a live organisation's messages never come here).
"""

from __future__ import annotations

import datetime as dt
import secrets

from pydantic import Field

from chalicelib.adapters.items import Stored
from chalicelib.adapters.table import Table
from chalicelib.domain.test_mode import SimulatedMessage

KEPT = dt.timedelta(days=7)
PREFIX = "MSG#"


def outbox_pk(tenant: str) -> str:
    return f"ORG#{tenant}#TESTOUTBOX"


class SimulatedItem(Stored):
    pk: str
    sk: str
    channel: str = Field(alias="ch")
    to: str
    subject: str | None = Field(default=None, alias="subj")
    body: str
    at: dt.datetime
    case_id: str = Field(alias="case")
    status: str | None = Field(default=None, alias="st")
    outcome: str = Field(alias="out")
    expires_at: int  # TTL attribute (epoch seconds)

    @classmethod
    def of(cls, tenant: str, message: SimulatedMessage) -> SimulatedItem:
        # Microseconds and a random tail: messages of the same instant keep apart, in time order.
        sk = f"{PREFIX}{message.at.astimezone(dt.UTC):%Y-%m-%dT%H:%M:%S.%f}#{secrets.token_hex(4)}"
        expires_at = int((message.at + KEPT).timestamp())
        return cls(pk=outbox_pk(tenant), sk=sk, expires_at=expires_at, **message.model_dump())

    def domain(self) -> SimulatedMessage:
        return SimulatedMessage(**self.model_dump(exclude={"pk", "sk", "expires_at"}))


class SimulatedOutboxStore:
    def __init__(self, table: Table) -> None:
        self.table = table

    def add(self, tenant: str, message: SimulatedMessage) -> None:
        self.table.put(SimulatedItem.of(tenant, message).item())

    def latest(self, tenant: str, limit: int) -> list[SimulatedMessage]:
        items = self.table.query(outbox_pk(tenant), PREFIX, limit=limit, newest_first=True)
        return [SimulatedItem.model_validate(i).domain() for i in items]
