"""The Reports port's contract, held against both tables: counters added atomically per case
type, day and kind, read back per organisation or case type; due items listed up to a day."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from chalicelib.adapters.report_store import ReportStore
from chalicelib.domain.reporting import DayCounts, Due, Tally
from tests.integration.tables import InMemory, OnDynamoDB

D = dt.date(2026, 11, 30)


class ReportsContract:
    @pytest.fixture
    def store(self, table: Any) -> ReportStore:
        return ReportStore(table)

    def test_counts_add_up_per_case_type_day_and_kind_and_start_at_nothing(self, store):
        assert store.day_counts("hvc") == []
        store.count("hvc", Tally("klacht", "2026-11-28", "E", {"o": 1, "s:ontvangen": 1}))
        store.count("hvc", Tally("klacht", "2026-11-28", "E", {"s:ontvangen": -1, "s:in_behandeling": 1}))
        store.count("hvc", Tally("klacht", "2026-11-28", "L", {"c": 1, "l:3": 1, "w": 1}))
        store.count("hvc", Tally("melding", "2026-11-29", "N", {"n:sms:fragments": 2}))
        store.count("svb", Tally("klacht", "2026-11-28", "E", {"o": 5}))

        assert store.day_counts("hvc") == [
            DayCounts("klacht", "2026-11-28", {"o": 1, "s:ontvangen": 0, "s:in_behandeling": 1}),
            DayCounts("klacht", "2026-11-28", {"c": 1, "l:3": 1, "w": 1}),
            DayCounts("melding", "2026-11-29", {"n:sms:fragments": 2}),
        ]
        assert [d.counts for d in store.day_counts("hvc", "melding")] == [{"n:sms:fragments": 2}]
        assert store.day_counts("hvc", "klach") == []  # a code, not a prefix of one

    def test_concurrent_counts_are_not_lost(self, store):
        tally = Tally("klacht", "2026-11-28", "E", {"o": 1})
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda _: store.count("hvc", tally), range(40)))
        assert store.day_counts("hvc")[0].counts == {"o": 40}

    def test_due_items_are_listed_before_a_day_earliest_first_and_dropped(self, store):
        late = Due(D - dt.timedelta(days=9), "klacht", "HVC-1")
        later = Due(D - dt.timedelta(days=1), "melding", "HVC-0")
        today = Due(D, "klacht", "HVC-2")
        for due in (today, later, late):
            store.put_due("hvc", due)
        store.put_due("svb", Due(D - dt.timedelta(days=3), "klacht", "SVB-1"))

        assert store.due_before("hvc", D) == [late, later]
        assert store.due_before("hvc", D + dt.timedelta(days=1)) == [late, later, today]
        store.drop_due("hvc", late)
        store.drop_due("hvc", late)  # gone already: nothing happens
        assert store.due_before("hvc", D) == [later]
        assert store.due_before("dcmr", D) == []

    def test_a_query_takes_a_prefix_or_an_upper_bound_not_both(self, table):
        with pytest.raises(ValueError):
            table.query("ORG#hvc#DUE", "2026", below="2026-11-30")


class TestReportsInMemory(ReportsContract, InMemory):
    pass


class TestReportsOnDynamoDB(ReportsContract, OnDynamoDB):
    pass
