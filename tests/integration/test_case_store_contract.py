"""The Cases port's contract, held against both tables (its part about parties, shares and
sub-cases: case_parties_contract.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from chalicelib.adapters.case_store import CaseStore
from chalicelib.adapters.case_type_store import CaseTypeStore
from chalicelib.adapters.items import case_pk, shared_key, token_pk
from chalicelib.domain.citizen_action import Action
from chalicelib.domain.key_dates import Result
from chalicelib.domain.models import Subscriber, SubscriberChange
from chalicelib.domain.parties import INITIATOR, Beyond, SharedCase
from tests.integration.case_parties_contract import EXPIRY, LAWYER, CasePartiesContract, party_change
from tests.integration.tables import EMAIL, SMS, T0, InMemory, OnDynamoDB, case_type, event


class CasesContract(CasePartiesContract):
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

    def test_an_events_key_dates_and_result_come_back(self, store):
        dated = event("a" * 32, "ontvangen", minutes=0).model_copy(
            update={"dates": {"eerste_betaling": dt.date(2027, 1, 17)}}
        )
        decided = event("b" * 32, "afgehandeld", minutes=5).model_copy(
            update={"result": Result(code="afgewezen", text="Uw aanvraag is afgewezen.")}
        )
        store.add_event("hvc", "HVC-1", dated)
        store.add_event("hvc", "HVC-1", decided)
        assert sorted(store.load_case("hvc", "HVC-1").events, key=lambda e: e.key) == [dated, decided]

    def test_an_events_action_its_clearing_and_the_cases_confidentiality_come_back(self, store):
        photo = Action(text="Stuur een foto", deadline=dt.date(2026, 12, 15), url="https://www.hvc.example/foto")
        asking = event("a" * 32, "ontvangen", minutes=0).model_copy(
            update={"action": photo, "confidentiality": "vertrouwelijk"}
        )
        clearing = event("b" * 32, "in_behandeling", minutes=5).model_copy(update={"clears_action": True})
        store.add_event("hvc", "HVC-1", asking)
        store.add_event("hvc", "HVC-1", clearing)

        case = store.load_case("hvc", "HVC-1")
        assert sorted(case.events, key=lambda e: e.key) == [asking, clearing]
        assert case.confidentiality == "vertrouwelijk"

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

    def test_a_tracking_token_finds_its_case_and_party_within_its_organisation(self, store, table):
        store.put_tracking_token("hvc", "a" * 64, "HVC-1")
        store.put_tracking_token("hvc", "b" * 64, "HVC-1", LAWYER, EXPIRY)
        assert store.find_tracking_token("hvc", "a" * 64) == ("HVC-1", INITIATOR)
        assert store.find_tracking_token("hvc", "b" * 64) == ("HVC-1", LAWYER)
        assert store.find_tracking_token("hvc", "c" * 64) is None
        assert store.find_tracking_token("other", "a" * 64) is None
        assert table.get(token_pk("hvc", "b" * 64), "TOKEN")["expires_at"] == EXPIRY
        assert "expires_at" not in table.get(token_pk("hvc", "a" * 64), "TOKEN")

    def test_a_tracking_token_put_again_names_the_party_of_the_last_put(self, store):
        store.put_tracking_token("hvc", "a" * 64, "HVC-1", LAWYER)
        store.put_tracking_token("hvc", "a" * 64, "HVC-1")
        assert store.find_tracking_token("hvc", "a" * 64) == ("HVC-1", INITIATOR)

    def test_deleting_a_tracking_token_kills_only_that_link(self, store):
        store.put_tracking_token("hvc", "a" * 64, "HVC-1")
        store.put_tracking_token("hvc", "b" * 64, "HVC-1", LAWYER)
        store.put_tracking_token("other", "b" * 64, "O-1", LAWYER)

        store.delete_tracking_token("hvc", "b" * 64)

        assert store.find_tracking_token("hvc", "b" * 64) is None
        assert store.find_tracking_token("hvc", "a" * 64) == ("HVC-1", INITIATOR)
        assert store.find_tracking_token("other", "b" * 64) == ("O-1", LAWYER)
        store.delete_tracking_token("hvc", "b" * 64)  # again: nothing left, no error

    def test_delete_case_removes_its_partition_token_lookups_and_shares_and_nothing_else(self, store, table):
        store.add_event("hvc", "HVC-1", event(subscriber=SMS))
        store.add_subscriber_change("hvc", "HVC-1", SubscriberChange(subscriber=EMAIL, at=T0, origin="organisation"))
        store.add_subscriber_change("hvc", "HVC-1", party_change(LAWYER, EMAIL, "Mr. De Vries", "representative"))
        store.link_subcase("hvc", "HVC-1", "dcmr", "D-1")
        store.put_tracking_token("hvc", "a" * 64, "HVC-1")
        store.put_tracking_token("hvc", "p" * 64, "HVC-1", LAWYER)
        store.share_case("hvc", "HVC-1", "dcmr", "commissioner", None)
        store.share_case("hvc", "HVC-1", "rws", "chain_partner", None)
        store.add_event("hvc", "HVC-10", event())
        store.put_tracking_token("hvc", "b" * 64, "HVC-10")
        store.share_case("hvc", "HVC-10", "dcmr", "chain_partner", None)
        CaseTypeStore(table).put_case_type("hvc", case_type())
        beyond = Beyond(token_hashes=("a" * 64, "p" * 64), shared_with=("dcmr", "rws"))

        store.delete_case("hvc", "HVC-1", beyond)

        case = store.load_case("hvc", "HVC-1")
        assert case.known is False and case.subscriber_changes == () and case.subcases == ()
        assert table.query(case_pk("hvc", "HVC-1")) == []
        assert store.find_tracking_token("hvc", "a" * 64) is None
        assert store.find_tracking_token("hvc", "p" * 64) is None
        assert store.shared_with("rws") == []
        assert store.shared_with("dcmr") == [SharedCase(owner="hvc", case_id="HVC-10", role="chain_partner")]
        assert store.load_case("hvc", "HVC-10").exists
        assert store.find_tracking_token("hvc", "b" * 64) == ("HVC-10", INITIATOR)
        assert CaseTypeStore(table).get_case_type("hvc", "klacht") is not None
        store.delete_case("hvc", "HVC-1", beyond)  # again: nothing left, no error

    def test_expire_case_stamps_every_item_its_token_lookups_and_shares_once_then_clears_them(self, store, table):
        store.add_event("hvc", "HVC-1", event("a" * 32, subscriber=SMS))
        store.add_event("hvc", "HVC-1", event("b" * 32).model_copy(update={"expires_at": EXPIRY}))
        store.add_subscriber_change("hvc", "HVC-1", SubscriberChange(subscriber=EMAIL, at=T0, origin="citizen"))
        store.put_tracking_token("hvc", "t" * 64, "HVC-1")
        store.put_tracking_token("hvc", "p" * 64, "HVC-1", LAWYER)
        store.share_case("hvc", "HVC-1", "dcmr", "commissioner", None)
        store.add_event("hvc", "HVC-2", event("c" * 32))
        store.share_case("hvc", "HVC-2", "dcmr", "commissioner", None)
        beyond = Beyond(token_hashes=("t" * 64, "p" * 64), shared_with=("dcmr",))
        share = shared_key("dcmr", "hvc", "HVC-1")

        # the event that carries the expiry already is left alone: 2 items of the case, 2 tokens, the share
        assert store.expire_case("hvc", "HVC-1", beyond, EXPIRY) == 5
        case = store.load_case("hvc", "HVC-1")
        assert {e.expires_at for e in case.events} == {EXPIRY}
        assert [c.expires_at for c in case.subscriber_changes] == [EXPIRY]
        for token in ("t" * 64, "p" * 64):
            assert table.get(token_pk("hvc", token), "TOKEN")["expires_at"] == EXPIRY
        assert table.get(*share)["expires_at"] == EXPIRY
        assert store.load_case("hvc", "HVC-2").events[0].expires_at is None
        assert "expires_at" not in table.get(*shared_key("dcmr", "hvc", "HVC-2"))
        assert store.expire_case("hvc", "HVC-1", beyond, EXPIRY) == 0  # nothing left to write
        assert store.find_tracking_token("hvc", "p" * 64) == ("HVC-1", LAWYER)  # stamped, not changed
        assert store.shared_with("dcmr")[0].role == "commissioner"

        assert store.expire_case("hvc", "HVC-1", beyond, None) == 6  # a reopened case keeps its items
        assert {e.expires_at for e in store.load_case("hvc", "HVC-1").events} == {None}
        assert "expires_at" not in table.get(token_pk("hvc", "p" * 64), "TOKEN")
        assert "expires_at" not in table.get(*share)

    def test_expire_case_creates_no_token_or_share_item_that_is_not_there(self, store, table):
        store.add_event("hvc", "HVC-1", event())
        beyond = Beyond(token_hashes=("n" * 64,), shared_with=("dcmr",))
        assert store.expire_case("hvc", "HVC-1", beyond, EXPIRY) == 1
        assert store.find_tracking_token("hvc", "n" * 64) is None
        assert store.shared_with("dcmr") == []
        assert table.get(token_pk("hvc", "n" * 64), "TOKEN") is None

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
