"""The Attempts port's contract (failed sign-ins per address and window), held against both tables."""

from __future__ import annotations

from chalicelib.adapters.attempt_store import AttemptStore
from tests.integration.tables import InMemory, OnDynamoDB

ADDRESS = "a" * 64  # a keyed hash, as the service stores it


class AttemptsContract:
    def test_failures_count_per_kind_address_and_window(self, table):
        store = AttemptStore(table)
        assert store.failures("operator", ADDRESS, 7) == 0
        for _ in range(3):
            store.count_failure("operator", ADDRESS, 7, expires_at=9_000)
        store.count_failure("operator", "b" * 64, 7, expires_at=9_000)
        store.count_failure("operator", ADDRESS, 8, expires_at=9_900)
        assert store.failures("operator", ADDRESS, 7) == 3
        assert store.failures("operator", "b" * 64, 7) == 1
        assert store.failures("operator", ADDRESS, 8) == 1
        assert store.failures("client", ADDRESS, 7) == 0

    def test_a_counter_expires_with_its_window(self, table):
        store = AttemptStore(table)
        store.count_failure("operator", ADDRESS, 7, expires_at=9_000)
        store.count_failure("operator", ADDRESS, 7, expires_at=9_999)  # the first expiry stays
        assert table.get(f"ATTEMPTS#operator#{ADDRESS}", "WINDOW#7")["expires_at"] == 9_000


class TestAttemptsInMemory(AttemptsContract, InMemory):
    pass


class TestAttemptsOnDynamoDB(AttemptsContract, OnDynamoDB):
    pass
