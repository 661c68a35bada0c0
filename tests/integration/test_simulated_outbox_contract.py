"""The SimulatedOutbox port's contract (test mode's outbox), held against both tables."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from chalicelib.adapters.simulated_outbox_store import SimulatedOutboxStore
from chalicelib.domain.test_mode import SimulatedMessage
from tests.integration.tables import T0, InMemory, OnDynamoDB


def message(n: int = 0, **changes: Any) -> SimulatedMessage:
    data = {
        "channel": "sms",
        "to": "+31600000001",
        "body": f"Uw klacht is in behandeling ({n}).",
        "at": T0 + dt.timedelta(milliseconds=n),
        "case_id": f"T-{n}",
        "status": "in_behandeling",
        "outcome": "delivered",
    }
    return SimulatedMessage.model_validate({**data, **changes})


class SimulatedOutboxContract:
    @pytest.fixture
    def store(self, table: Any) -> SimulatedOutboxStore:
        return SimulatedOutboxStore(table)

    def test_a_message_reads_back_whole(self, store):
        mail = message(subject="Uw klacht", channel="email", to="delivered@simulator.zaakstatus.nl", status=None)

        store.add("hvc~test", mail)

        assert store.latest("hvc~test", 100) == [mail]

    def test_the_latest_come_newest_first_and_at_most_the_limit(self, store):
        for n in range(5):
            store.add("hvc~test", message(n))

        assert [m.case_id for m in store.latest("hvc~test", 3)] == ["T-4", "T-3", "T-2"]

    def test_messages_of_the_same_instant_are_all_kept(self, store):
        store.add("hvc~test", message(0, outcome="temporary-failure"))
        store.add("hvc~test", message(0))

        assert sorted(m.outcome for m in store.latest("hvc~test", 10)) == ["delivered", "temporary-failure"]

    def test_each_tenant_reads_only_its_own(self, store):
        store.add("hvc~test", message(1))
        store.add("svb~test", message(2))

        assert [m.case_id for m in store.latest("hvc~test", 10)] == ["T-1"]
        assert store.latest("hvc", 10) == []

    def test_a_message_expires_a_week_after_it_was_taken(self, store, table):
        store.add("hvc~test", message(0))

        [item] = table.query("ORG#hvc~test#TESTOUTBOX")
        assert item["expires_at"] == int((T0 + dt.timedelta(days=7)).timestamp())
        assert "+31600000001" not in item["pk"] + item["sk"]  # no address in a key


class TestSimulatedOutboxInMemory(SimulatedOutboxContract, InMemory):
    pass


class TestSimulatedOutboxOnDynamoDB(SimulatedOutboxContract, OnDynamoDB):
    pass
