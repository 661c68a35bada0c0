"""The CitizenIndex port's contract (case references, sign-in links, sessions), held against both tables."""

from __future__ import annotations

import concurrent.futures

from chalicelib.adapters.citizen_index_store import CitizenIndexStore
from chalicelib.domain.citizen import CaseRef, CitizenLink, CitizenSession
from tests.integration.tables import T0, InMemory, OnDynamoDB

KEY = "a:" + "a" * 32  # an address's keyed hash, as the service stores it
NOW = int(T0.timestamp())


def session(token_hash: str = "s" * 64, identity: str | None = None) -> CitizenSession:
    return CitizenSession(
        token_hash=token_hash,
        address_hash=None if identity else "a" * 32,
        identity_hash=identity,
        csrf="c" * 43,
        created_at=NOW,
        seen_at=NOW,
        expires_at=NOW + 8 * 3600,
    )


class CitizenIndexContract:
    def test_references_of_every_organisation_are_found_under_their_key(self, table):
        store = CitizenIndexStore(table)
        store.put_ref(KEY, CaseRef(org_id="hvc", case_id="Z-1#a", party_id="initiator"))
        store.put_ref(KEY, CaseRef(org_id="dcmr", case_id="Z-2", party_id="p1"), expires_at=NOW + 60)
        store.put_ref("i:bsn:" + "b" * 64, CaseRef(org_id="hvc", case_id="Z-3", party_id="initiator"))
        assert store.refs(KEY) == [
            CaseRef(org_id="dcmr", case_id="Z-2", party_id="p1"),
            CaseRef(org_id="hvc", case_id="Z-1#a", party_id="initiator"),
        ]
        assert store.refs("a:" + "c" * 32) == []

    def test_a_deleted_reference_is_gone_at_once(self, table):
        store = CitizenIndexStore(table)
        ref = CaseRef(org_id="hvc", case_id="Z-1", party_id="initiator")
        store.put_ref(KEY, ref)
        store.put_ref(KEY, ref)  # twice is once
        store.delete_ref(KEY, ref)
        assert store.refs(KEY) == []

    def test_of_simultaneous_uses_of_a_link_only_one_gets_it(self, table):
        store = CitizenIndexStore(table)
        link = CitizenLink(token_hash="m" * 64, address_hash="a" * 32, expires_at=NOW + 900)
        store.put_link(link)
        assert store.peek_link(link.token_hash) == link  # looking does not use it
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            taken = list(pool.map(lambda _: store.take_link(link.token_hash), range(4)))
        assert [t for t in taken if t is not None] == [link]
        assert store.take_link(link.token_hash) is None
        assert store.peek_link(link.token_hash) is None

    def test_a_session_by_address_or_identity_is_stored_touched_and_deleted(self, table):
        store = CitizenIndexStore(table)
        store.put_session(session())
        store.put_session(session("t" * 64, identity="bsn:" + "b" * 64))
        assert store.get_session("t" * 64) == session("t" * 64, identity="bsn:" + "b" * 64)
        store.touch_session("s" * 64, NOW + 120)
        assert store.get_session("s" * 64) == session().model_copy(update={"seen_at": NOW + 120})
        store.delete_session("s" * 64)
        assert store.get_session("s" * 64) is None
        store.touch_session("s" * 64, NOW + 180)  # a touch after sign-out brings nothing back
        assert store.get_session("s" * 64) is None


class TestCitizenIndexInMemory(CitizenIndexContract, InMemory):
    pass


class TestCitizenIndexOnDynamoDB(CitizenIndexContract, OnDynamoDB):
    pass
