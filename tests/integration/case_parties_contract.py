"""The Cases port's contract about parties, shares and sub-cases: part of `CasesContract`
(test_case_store_contract.py), which runs it against both tables."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from chalicelib.adapters.case_store import CaseStore
from chalicelib.adapters.items import case_pk
from chalicelib.domain.models import Subscriber, SubscriberChange
from chalicelib.domain.parties import INITIATOR, Party, PartyInfo, SharedCase
from tests.integration.tables import EMAIL, SMS, T0, event

EXPIRY = 1_900_000_000
LAWYER = "advocaat-1"  # a party id with a dash: a path segment in update expressions
HOUR = dt.timedelta(hours=1)


def party(party_id: str, role: str, name: str | None, subscriber: Subscriber, kind: str = "person") -> Party:
    return Party(party_id=party_id, info=PartyInfo(role=role, kind=kind, name=name), subscriber=subscriber)


def party_change(
    party_id: str, subscriber: Subscriber, name: str | None = None, role: str = "co_initiator", at: dt.datetime = T0
) -> SubscriberChange:
    info = PartyInfo(role=role, name=name) if name else None
    return SubscriberChange(subscriber=subscriber, at=at, origin="organisation", party_id=party_id, info=info)


# Three parties' contact data and names, on events and in changes (see `_case_of_three_parties`).
JAN = ("+31611111111", "jan@example.nl", "Jan Jansen")  # the initiator
LAWYER_DATA = ("+31622222222", "mr@advocaten.example", "Mr. De Vries")
PIET = ("+31633333333", "piet@example.org", "Piet Pieters")  # a co-initiator


class CasePartiesContract:
    @pytest.fixture
    def store(self, table: Any) -> CaseStore:
        return CaseStore(table)

    @staticmethod
    def _case_of_three_parties(store: CaseStore) -> None:
        """HVC-1: the initiator (an event's subscriber, a party on another event, a named change, a
        citizen's change), a lawyer (a party on an event, a named change), a co-initiator (a named
        change). HVC-2: another case."""
        jan = Subscriber(channel="sms", phone=JAN[0], email=JAN[1], language="en")
        lawyer = Subscriber(channel="email", phone=LAWYER_DATA[0], email=LAWYER_DATA[1])
        piet = Subscriber(channel="sms", phone=PIET[0], email=PIET[1])
        on_event = (party(LAWYER, "representative", LAWYER_DATA[2], lawyer),)
        store.add_event("hvc", "HVC-1", event("a" * 32, subscriber=jan, parties=on_event, notified=(INITIATOR, LAWYER)))
        initiator = (party(INITIATOR, INITIATOR, JAN[2], jan),)
        store.add_event("hvc", "HVC-1", event("b" * 32, notification=False, parties=initiator, minutes=5))
        store.add_event("hvc", "HVC-1", event("c" * 32, notification=False, minutes=10))  # nobody's data
        store.add_subscriber_change("hvc", "HVC-1", party_change(INITIATOR, jan, JAN[2], INITIATOR, at=T0 + HOUR))
        by_citizen = Subscriber(channel="sms", phone=JAN[0], language="en")
        store.add_subscriber_change(
            "hvc", "HVC-1", SubscriberChange(subscriber=by_citizen, at=T0 + 2 * HOUR, origin="citizen")
        )
        store.add_subscriber_change(
            "hvc", "HVC-1", party_change(LAWYER, lawyer, LAWYER_DATA[2], "representative", T0 + HOUR)
        )
        store.add_subscriber_change("hvc", "HVC-1", party_change("piet", piet, PIET[2], at=T0 + HOUR))
        store.add_event("hvc", "HVC-2", event(subscriber=Subscriber(channel="sms", phone=JAN[0])))

    @staticmethod
    def _stored(table: Any, case_id: str = "HVC-1") -> str:
        return json.dumps(table.query(case_pk("hvc", case_id)), default=str)

    @staticmethod
    def _parties(store: CaseStore) -> dict[str, tuple[Any, ...]]:
        parties = store.load_case("hvc", "HVC-1").parties
        return {
            pid: (
                p.role,
                p.subscriber.channel,
                p.subscriber.language,
                p.subscriber.phone,
                p.subscriber.email,
                p.info.name,
            )
            for pid, p in parties.items()
        }

    def test_erasing_every_party_leaves_no_number_address_or_name_in_the_case(self, store, table):
        self._case_of_three_parties(store)
        assert all(trace in self._stored(table) for trace in JAN + LAWYER_DATA + PIET)  # they were there

        # events a (initiator + lawyer) and b (initiator as a party), and the four changes
        assert store.erase_contact_data("hvc", "HVC-1", None) == 6

        assert [t for t in JAN + LAWYER_DATA + PIET if t in self._stored(table)] == []
        assert self._parties(store) == {
            INITIATOR: (INITIATOR, "sms", "en", None, None, None),
            LAWYER: ("representative", "email", "nl", None, None, None),
            "piet": ("co_initiator", "sms", "nl", None, None, None),
        }
        assert JAN[0] in self._stored(table, "HVC-2")  # another case keeps its data
        assert store.erase_contact_data("hvc", "HVC-1") == 0

    def test_erasing_one_party_leaves_the_other_parties_contact_data(self, store, table):
        self._case_of_three_parties(store)

        assert store.erase_contact_data("hvc", "HVC-1", LAWYER) == 2  # event a's party, the lawyer's change

        stored = self._stored(table)
        assert [t for t in LAWYER_DATA if t in stored] == []
        assert all(trace in stored for trace in JAN + PIET)
        parties = self._parties(store)
        assert parties[LAWYER] == ("representative", "email", "nl", None, None, None)
        assert parties[INITIATOR] == (INITIATOR, "sms", "en", JAN[0], None, JAN[2])  # the citizen's change is newest
        assert parties["piet"] == ("co_initiator", "sms", "nl", *PIET)
        assert store.erase_contact_data("hvc", "HVC-1", LAWYER) == 0

    def test_erasing_the_initiator_reaches_its_subscriber_its_party_entries_and_its_changes_only(self, store, table):
        self._case_of_three_parties(store)

        # event a's subscriber, event b's initiator party, the named change, the citizen's change
        assert store.erase_contact_data("hvc", "HVC-1", INITIATOR) == 4

        stored = self._stored(table)
        assert [t for t in JAN if t in stored] == []
        assert all(trace in stored for trace in LAWYER_DATA + PIET)
        assert self._parties(store)[INITIATOR] == (INITIATOR, "sms", "en", None, None, None)
        assert store.erase_contact_data("hvc", "HVC-1", "nobody") == 0

    def test_party_changes_come_back_with_who_the_party_is_and_its_removal(self, store):
        info = PartyInfo(role="representative", name="Mr. De Vries", identity="bsn:" + "h" * 64)
        registered = SubscriberChange(
            subscriber=EMAIL, at=T0, origin="organisation", party_id=LAWYER, info=info, expires_at=EXPIRY
        )
        removed = SubscriberChange(
            subscriber=Subscriber(channel="none"), at=T0 + HOUR, origin="organisation", party_id=LAWYER, removed=True
        )
        store.add_subscriber_change("hvc", "HVC-1", registered)
        assert store.load_case("hvc", "HVC-1").party(LAWYER).info == info
        store.add_subscriber_change("hvc", "HVC-1", removed)

        case = store.load_case("hvc", "HVC-1")
        assert case.known and not case.exists  # registered before the first event
        assert sorted(case.subscriber_changes, key=lambda c: c.at) == [registered, removed]
        assert case.parties == {} and case.link_generation(LAWYER) is None

    def test_an_events_parties_notifications_parent_and_initiator_come_back_equal(self, store):
        lawyer = party(LAWYER, "representative", "Mr. De Vries", EMAIL)
        company = party("bv", "interested", "Bakkerij B.V.", SMS, kind="business")
        stored = event(notified=(INITIATOR, LAWYER), parties=(lawyer, company)).model_copy(
            update={"parent": ("dcmr", "D#1"), "initiator": "kvk:" + "h" * 64}
        )
        store.add_event("hvc", "HVC-1", stored)
        case = store.load_case("hvc", "HVC-1")
        assert case.events == (stored,)
        assert set(case.events[0].notifications) == {INITIATOR, LAWYER}
        assert case.parent == ("dcmr", "D#1") and set(case.parties) == {LAWYER, "bv"}

    # shares and sub-cases

    def test_a_share_is_listed_for_the_organisation_it_names_only_and_goes_on_unshare(self, store):
        store.share_case("hvc", "HVC#1", "dcmr", "commissioner", None)  # a case id may hold '#'
        store.share_case("hvc", "HVC-2", "dcmr", "chain_partner", EXPIRY)
        store.share_case("gouda", "G-1", "dcmr", "commissioner", None)
        store.share_case("hvc", "HVC-3", "rws", "commissioner", None)

        def listed(org: str) -> list[SharedCase]:
            return sorted(store.shared_with(org), key=lambda c: (c.owner, c.case_id))

        assert listed("dcmr") == [
            SharedCase(owner="gouda", case_id="G-1", role="commissioner"),
            SharedCase(owner="hvc", case_id="HVC#1", role="commissioner"),
            SharedCase(owner="hvc", case_id="HVC-2", role="chain_partner"),
        ]
        assert listed("rws") == [SharedCase(owner="hvc", case_id="HVC-3", role="commissioner")]
        assert listed("hvc") == [] and listed("gouda") == [] and listed("dcm") == []

        store.unshare_case("hvc", "HVC#1", "dcmr")
        store.unshare_case("hvc", "HVC-3", "dcmr")  # not shared with dcmr: rws keeps its share
        store.unshare_case("hvc", "HVC#1", "dcmr")  # again: nothing left, no error

        assert [c.case_id for c in listed("dcmr")] == ["G-1", "HVC-2"]
        assert listed("rws") == [SharedCase(owner="hvc", case_id="HVC-3", role="commissioner")]

    def test_sharing_a_case_again_replaces_the_role(self, store):
        store.share_case("hvc", "HVC-1", "dcmr", "commissioner", None)
        store.share_case("hvc", "HVC-1", "dcmr", "chain_partner", None)
        assert store.shared_with("dcmr") == [SharedCase(owner="hvc", case_id="HVC-1", role="chain_partner")]

    def test_a_subcase_is_recorded_with_its_parent_only_and_once(self, store):
        store.add_event("hvc", "HVC-1", event())
        store.link_subcase("hvc", "HVC-1", "dcmr", "D#1")
        store.link_subcase("hvc", "HVC-1", "gouda", "G-1")
        store.link_subcase("hvc", "HVC-1", "dcmr", "D#1")  # linked twice is linked once

        parent = store.load_case("hvc", "HVC-1")
        assert sorted(parent.subcases) == [("dcmr", "D#1"), ("gouda", "G-1")]
        assert len(parent.events) == 1 and parent.subscriber_changes == ()
        assert store.load_case("dcmr", "D#1").subcases == ()
        assert store.load_case("hvc", "HVC-2").subcases == ()
