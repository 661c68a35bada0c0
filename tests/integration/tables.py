"""The two item tables every store contract runs against: in memory, and DynamoDB on moto.

A contract class takes the `make_table` fixture; `InMemory` and `OnDynamoDB` provide it, so
`class TestXInMemory(XContract, InMemory)` and `class TestXOnDynamoDB(XContract, OnDynamoDB)`
hold both adapters to the same behaviour."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from chalicelib.adapters.dynamodb_table import DynamoDBTable
from chalicelib.adapters.memory_table import MemoryTable
from chalicelib.domain.case_types import to_domain
from chalicelib.domain.models import CaseType, Event, Notification, Organisation, Party, State, Subscriber
from chalicelib.domain.parties import INITIATOR
from local.resources import create_table
from tests.builders import case_type_in

T0 = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)
SMS = Subscriber(channel="sms", phone="+31612345678", language="nl")
EMAIL = Subscriber(channel="email", email="jan@example.nl", language="en")


class Tables:
    """A table for each test, made by the subclass's `make_table`."""

    @pytest.fixture
    def table(self, make_table: Callable[[], Any]) -> Any:
        return make_table()


class InMemory(Tables):
    @pytest.fixture
    def make_table(self) -> Callable[[], Any]:
        return MemoryTable


class OnDynamoDB(Tables):
    @pytest.fixture
    def make_table(self, atomic_moto_requests: None) -> Iterator[Callable[[], Any]]:
        with mock_aws():
            create_table(boto3.client("dynamodb"), "zaakstatus")
            yield lambda: DynamoDBTable(lambda: boto3.client("dynamodb"), "zaakstatus")


def organisation(org_id: str = "hvc", name: str = "HVC") -> Organisation:
    return Organisation(id=org_id, name=name, email_from=f"noreply@{org_id}.example", sms_from="HVC", created_at=T0)


def case_type(code: str = "klacht", name: str = "Klacht") -> CaseType:
    """The demo case type (tests/builders.py) as the domain holds it."""
    return to_domain(code, case_type_in(name=name))


def event(
    key: str = "k" * 32,
    status: str = "afgehandeld",
    *,
    notification: bool = True,
    subscriber: Subscriber | None = None,
    explanation: str | None = None,
    minutes: int = 0,
    notified: tuple[str, ...] = (INITIATOR,),
    parties: tuple[Party, ...] = (),
) -> Event:
    """An event; with `notification`, one notification (state created) for each party `notified`."""
    at = T0 + dt.timedelta(minutes=minutes)
    return Event(
        key=key,
        event_id=f"evt-{key[:6]}",
        case_type="klacht",
        description="container niet geleegd",
        expected_end_date=dt.date(2026, 12, 12),
        status=status,
        order=2,
        occurred_at=at,
        explanation=explanation,
        subscriber=subscriber,
        received_at=at + dt.timedelta(seconds=1),
        fingerprint="f" * 32,
        current_status=status,
        notifications={
            pid: Notification(id=f"n-{key[:6]}-{pid}", channel="sms", state=State.CREATED, updated_at=at)
            for pid in notified
        }
        if notification
        else {},
        parties=parties,
    )
