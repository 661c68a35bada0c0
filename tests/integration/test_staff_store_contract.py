"""The Staff port's contract (members, sign-in links, sessions), held against both tables."""

from __future__ import annotations

import concurrent.futures

from chalicelib.adapters.staff_store import StaffStore
from chalicelib.domain.staff import SignInLink, StaffMember, StaffSession
from tests.integration.tables import T0, InMemory, OnDynamoDB

ADDRESS = "a" * 32  # a keyed hash, as the service stores it
NOW = int(T0.timestamp())


def member(org_id: str = "hvc", role: str = "agent", address: str = ADDRESS) -> StaffMember:
    return StaffMember(org_id=org_id, address_hash=address, role=role, created_at=T0, updated_at=T0)  # type: ignore[arg-type]


def session(token_hash: str = "s" * 64) -> StaffSession:
    return StaffSession(
        token_hash=token_hash,
        org_id="hvc",
        address_hash=ADDRESS,
        role="admin",
        csrf="c" * 43,
        created_at=NOW,
        seen_at=NOW,
        expires_at=NOW + 8 * 3600,
    )


class StaffContract:
    def test_a_member_is_put_found_and_replaced(self, table):
        store = StaffStore(table)
        assert store.put_member(member()) is True
        assert store.put_member(member(role="admin")) is False
        assert store.get_member("hvc", ADDRESS) == member(role="admin")
        assert store.get_member("other", ADDRESS) is None

    def test_memberships_are_every_organisation_of_one_address(self, table):
        store = StaffStore(table)
        store.put_member(member("hvc"))
        store.put_member(member("dcmr", "viewer"))
        store.put_member(member("hvc", address="b" * 32))
        assert [(m.org_id, m.role) for m in store.memberships(ADDRESS)] == [("dcmr", "viewer"), ("hvc", "agent")]
        assert store.memberships("c" * 32) == []

    def test_a_deleted_member_is_gone(self, table):
        store = StaffStore(table)
        store.put_member(member())
        assert store.delete_member("hvc", ADDRESS) is True
        assert store.delete_member("hvc", ADDRESS) is False
        assert store.get_member("hvc", ADDRESS) is None

    def test_a_link_can_be_looked_at_and_then_taken_once(self, table):
        store = StaffStore(table)
        link = SignInLink(token_hash="l" * 64, org_id="hvc", address_hash=ADDRESS, expires_at=NOW + 900)
        store.put_link(link)
        assert store.peek_link(link.token_hash) == link
        assert store.take_link(link.token_hash) == link
        assert store.take_link(link.token_hash) is None
        assert store.peek_link(link.token_hash) is None

    def test_of_simultaneous_uses_of_a_link_only_one_gets_it(self, table):
        store = StaffStore(table)
        link = SignInLink(token_hash="m" * 64, org_id="hvc", address_hash=ADDRESS, expires_at=NOW + 900)
        store.put_link(link)
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            taken = list(pool.map(lambda _: store.take_link(link.token_hash), range(4)))
        assert [t for t in taken if t is not None] == [link]

    def test_a_session_is_stored_touched_and_deleted(self, table):
        store = StaffStore(table)
        store.put_session(session())
        assert store.get_session("s" * 64) == session()
        store.touch_session("s" * 64, NOW + 120)
        assert store.get_session("s" * 64) == session().model_copy(update={"seen_at": NOW + 120})
        store.delete_session("s" * 64)
        assert store.get_session("s" * 64) is None

    def test_touching_a_deleted_session_does_not_bring_it_back(self, table):
        store = StaffStore(table)
        store.touch_session("t" * 64, NOW)
        assert store.get_session("t" * 64) is None


class TestStaffInMemory(StaffContract, InMemory):
    pass


class TestStaffOnDynamoDB(StaffContract, OnDynamoDB):
    pass
