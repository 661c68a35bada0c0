"""The Cases port's contract, held against both tables."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from chalicelib.adapters.case_store import CaseStore
from chalicelib.adapters.case_type_store import CaseTypeStore
from chalicelib.domain.models import Subscriber, SubscriberChange
from tests.integration.tables import EMAIL, SMS, T0, InMemory, OnDynamoDB, case_type, event

EXPIRY = 1_900_000_000


class CasesContract:
    @pytest.fixture
    def store(self, table: Any) -> CaseStore:
        return CaseStore(table)

    def test_unknown_case_does_not_exist(self, store):
        case = store.load_case("hvc", "HVC-1")
        assert case.exists is False and case.events == () and case.subscriber_changes == ()
        assert (case.org_id, case.id) == ("hvc", "HVC-1")

    def test_add_event_twice_with_the_same_key_keeps_the_first(self, store):
        first = event(explanation="eerste")
        assert store.add_event("hvc", "HVC-1", first) is True
        assert store.add_event("hvc", "HVC-1", event(explanation="tweede")) is False
        assert store.load_case("hvc", "HVC-1").events == (first,)

    def test_events_come_back_equal(self, store):
        events = [
            event("a" * 32, "ontvangen", notification=False, subscriber=SMS, minutes=0),
            event("b" * 32, "toegewezen", notification=False, minutes=5),
            event("c" * 32, "afgehandeld", subscriber=EMAIL, explanation="afgehandeld", minutes=10),
        ]
        for e in events:
            assert store.add_event("hvc", "HVC-1", e) is True
        case = store.load_case("hvc", "HVC-1")
        assert case.exists
        assert sorted(case.events, key=lambda e: e.key) == events
        assert case.subscriber == EMAIL

    def test_same_event_key_in_another_case_or_organisation_is_another_event(self, store):
        assert store.add_event("hvc", "HVC-1", event()) is True
        assert store.add_event("hvc", "HVC-2", event()) is True
        assert store.add_event("other", "HVC-1", event()) is True
        assert len(store.load_case("hvc", "HVC-1").events) == 1

    def test_cases_do_not_leak_into_each_other(self, store, table):
        store.add_event("hvc", "HVC-1", event())
        store.add_event("hvc", "HVC-10", event("d" * 32))
        store.put_tracking_token("hvc", "h" * 64, "HVC-1")
        CaseTypeStore(table).put_case_type("hvc", case_type())
        assert [e.key for e in store.load_case("hvc", "HVC-1").events] == ["k" * 32]
        assert store.load_case("hvc", "HVC").exists is False

    def test_subscriber_changes_come_back(self, store):
        store.add_event("hvc", "HVC-1", event(subscriber=SMS))
        first = SubscriberChange(subscriber=EMAIL, at=T0 + dt.timedelta(hours=1), origin="organisation")
        second = SubscriberChange(
            subscriber=Subscriber(channel="portal"), at=T0 + dt.timedelta(hours=2), origin="citizen"
        )
        store.add_subscriber_change("hvc", "HVC-1", first)
        store.add_subscriber_change("hvc", "HVC-1", second)
        case = store.load_case("hvc", "HVC-1")
        assert sorted(case.subscriber_changes, key=lambda c: c.at) == [first, second]
        assert case.subscriber == Subscriber(channel="portal")

    def test_two_subscriber_changes_at_the_same_moment_are_both_kept(self, store):
        store.add_event("hvc", "HVC-1", event())
        for s in (SMS, EMAIL):
            store.add_subscriber_change("hvc", "HVC-1", SubscriberChange(subscriber=s, at=T0, origin="organisation"))
        assert len(store.load_case("hvc", "HVC-1").subscriber_changes) == 2

    def test_tracking_token_is_found_by_its_hash_within_its_organisation(self, store):
        store.put_tracking_token("hvc", "a" * 64, "HVC-1")
        assert store.find_tracking_token("hvc", "a" * 64) == "HVC-1"
        assert store.find_tracking_token("hvc", "b" * 64) is None
        assert store.find_tracking_token("other", "a" * 64) is None

    def test_delete_case_removes_its_events_preferences_and_token_and_nothing_else(self, store, table):
        store.add_event("hvc", "HVC-1", event(subscriber=SMS))
        store.add_subscriber_change("hvc", "HVC-1", SubscriberChange(subscriber=EMAIL, at=T0, origin="organisation"))
        store.put_tracking_token("hvc", "a" * 64, "HVC-1")
        store.add_event("hvc", "HVC-10", event())
        store.put_tracking_token("hvc", "b" * 64, "HVC-10")
        CaseTypeStore(table).put_case_type("hvc", case_type())

        store.delete_case("hvc", "HVC-1", "a" * 64)

        case = store.load_case("hvc", "HVC-1")
        assert case.exists is False and case.subscriber_changes == ()
        assert store.find_tracking_token("hvc", "a" * 64) is None
        assert store.load_case("hvc", "HVC-10").exists
        assert store.find_tracking_token("hvc", "b" * 64) == "HVC-10"
        assert CaseTypeStore(table).get_case_type("hvc", "klacht") is not None
        store.delete_case("hvc", "HVC-1", "a" * 64)  # again: nothing left, no error

    def test_expire_case_stamps_every_item_and_the_token_once_then_clears_them(self, store, table):
        store.add_event("hvc", "HVC-1", event("a" * 32, subscriber=SMS))
        store.add_event("hvc", "HVC-1", event("b" * 32).model_copy(update={"expires_at": EXPIRY}))
        store.add_subscriber_change("hvc", "HVC-1", SubscriberChange(subscriber=EMAIL, at=T0, origin="citizen"))
        store.put_tracking_token("hvc", "t" * 64, "HVC-1")
        store.add_event("hvc", "HVC-2", event("c" * 32))

        # the event that carries the expiry already is left alone: 2 items of the case + the token
        assert store.expire_case("hvc", "HVC-1", "t" * 64, EXPIRY) == 3
        case = store.load_case("hvc", "HVC-1")
        assert {e.expires_at for e in case.events} == {EXPIRY}
        assert [c.expires_at for c in case.subscriber_changes] == [EXPIRY]
        assert table.get("ORG#hvc#TOKEN#" + "t" * 64, "TOKEN")["expires_at"] == EXPIRY
        assert store.load_case("hvc", "HVC-2").events[0].expires_at is None
        assert store.expire_case("hvc", "HVC-1", "t" * 64, EXPIRY) == 0  # nothing left to write

        assert store.expire_case("hvc", "HVC-1", "t" * 64, None) == 4  # a reopened case keeps its items
        assert {e.expires_at for e in store.load_case("hvc", "HVC-1").events} == {None}
        assert "expires_at" not in table.get("ORG#hvc#TOKEN#" + "t" * 64, "TOKEN")

    def test_expire_case_of_a_case_without_a_token_item_writes_only_the_case(self, store):
        store.add_event("hvc", "HVC-1", event())
        assert store.expire_case("hvc", "HVC-1", "n" * 64, EXPIRY) == 1
        assert store.find_tracking_token("hvc", "n" * 64) is None

    def test_erase_contact_data_removes_every_number_and_address_and_keeps_the_rest(self, store):
        both = Subscriber(channel="sms", phone="+31612345678", email="jan@example.nl", language="en")
        store.add_event("hvc", "HVC-1", event("a" * 32, subscriber=both))
        store.add_event("hvc", "HVC-1", event("b" * 32, notification=False))
        store.add_subscriber_change("hvc", "HVC-1", SubscriberChange(subscriber=EMAIL, at=T0, origin="citizen"))
        store.add_event("hvc", "HVC-2", event(subscriber=SMS))

        assert store.erase_contact_data("hvc", "HVC-1") == 2  # the event with a subscriber, the change
        case = store.load_case("hvc", "HVC-1")
        subscribers = [e.subscriber for e in case.events if e.subscriber] + [
            c.subscriber for c in case.subscriber_changes
        ]
        assert subscribers and all(s.phone is None and s.email is None for s in subscribers)
        assert sorted((s.channel, s.language) for s in subscribers) == [("email", "en"), ("sms", "en")]
        assert store.load_case("hvc", "HVC-2").subscriber == SMS
        assert store.erase_contact_data("hvc", "HVC-1") == 0


class TestCasesInMemory(CasesContract, InMemory):
    pass


class TestCasesOnDynamoDB(CasesContract, OnDynamoDB):
    pass
