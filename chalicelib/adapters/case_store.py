"""Cases on the item table (port: `Cases`): a case is its partition, read with one Query; its
parties' token lookups and its shares live beside it (`Beyond`)."""

from __future__ import annotations

import secrets

from chalicelib.adapters.document_store import PREFIX as DOCUMENT
from chalicelib.adapters.document_store import DocumentItem
from chalicelib.adapters.items import (
    EventItem,
    SharedItem,
    SubscriberChangeItem,
    TokenItem,
    case_pk,
    shared_key,
    token_pk,
)
from chalicelib.adapters.table import Change, Condition, Item, Table
from chalicelib.domain.models import Case, Event, SubscriberChange
from chalicelib.domain.parties import INITIATOR, Beyond, SharedCase

CONTACT_PATHS = ("ph", "em")
PERSONAL_INFO = ("nm", "idh")  # a party's name and the keyed hash of its BSN/KvK/RSIN


class CaseStore:
    def __init__(self, table: Table) -> None:
        self.table = table

    def load_case(self, org_id: str, case_id: str) -> Case:
        items = self.table.query(case_pk(org_id, case_id))
        events = [EventItem.model_validate(i).domain() for i in items if i["sk"].startswith("EVENT#")]
        changes = [SubscriberChangeItem.model_validate(i).domain() for i in items if i["sk"].startswith("SUB#")]
        subcases = [_subcase(i["sk"]) for i in items if i["sk"].startswith("SUBCASE#")]
        documents = [DocumentItem.model_validate(i).domain() for i in items if i["sk"].startswith(DOCUMENT)]
        return Case(
            org_id=org_id,
            id=case_id,
            events=tuple(events),
            subscriber_changes=tuple(changes),
            subcases=tuple(subcases),
            documents=tuple(documents),
        )

    def add_event(self, org_id: str, case_id: str, event: Event) -> bool:
        return self.table.put(EventItem.of(org_id, case_id, event).item(), only_if_new=True)

    def add_subscriber_change(self, org_id: str, case_id: str, change: SubscriberChange) -> None:
        self.table.put(SubscriberChangeItem.of(org_id, case_id, change, secrets.token_hex(4)).item())

    def put_tracking_token(
        self, org_id: str, token_hash: str, case_id: str, party_id: str = INITIATOR, expires_at: int | None = None
    ) -> None:
        pid = None if party_id == INITIATOR else party_id
        token = TokenItem(pk=token_pk(org_id, token_hash), case_id=case_id, party_id=pid, expires_at=expires_at)
        self.table.put(token.item())

    def find_tracking_token(self, org_id: str, token_hash: str) -> tuple[str, str] | None:
        item = self.table.get(token_pk(org_id, token_hash), "TOKEN")
        if item is None:
            return None
        token = TokenItem.model_validate(item)
        return token.case_id, token.party_id or INITIATOR

    def delete_tracking_token(self, org_id: str, token_hash: str) -> None:
        self.table.delete(token_pk(org_id, token_hash), "TOKEN")

    def delete_case(self, org_id: str, case_id: str, beyond: Beyond) -> None:
        # Item by item: a case holds a handful of items, and a retry after a partial failure
        # simply deletes what is left.
        for item in self.table.query(case_pk(org_id, case_id)):
            self.table.delete(item["pk"], item["sk"])
        for key in self._beyond_keys(org_id, case_id, beyond):
            self.table.delete(*key)

    def expire_case(self, org_id: str, case_id: str, beyond: Beyond, expires_at: int | None) -> int:
        targets = [i for i in self.table.query(case_pk(org_id, case_id)) if i.get("expires_at") != expires_at]
        for key in self._beyond_keys(org_id, case_id, beyond):
            item = self.table.get(*key)
            if item is not None and item.get("expires_at") != expires_at:
                targets.append(item)
        change = Change(remove=("expires_at",)) if expires_at is None else Change(set={"expires_at": expires_at})
        for item in targets:
            # Only items that still exist: one gone meanwhile (TTL, deletion) needs no expiry.
            self.table.update(item["pk"], item["sk"], change, Condition(exists=True))
        return len(targets)

    def erase_contact_data(self, org_id: str, case_id: str, party_id: str | None = None) -> int:
        written = 0
        for item in self.table.query(case_pk(org_id, case_id)):
            paths = _contact_paths(item, party_id)
            if paths:
                self.table.update(item["pk"], item["sk"], Change(remove=paths), Condition(exists=True))
                written += 1
        return written

    def share_case(self, owner: str, case_id: str, with_org: str, role: str, expires_at: int | None) -> None:
        pk, sk = shared_key(with_org, owner, case_id)
        self.table.put(SharedItem(pk=pk, sk=sk, role=role, expires_at=expires_at).item())

    def unshare_case(self, owner: str, case_id: str, with_org: str) -> None:
        self.table.delete(*shared_key(with_org, owner, case_id))

    def shared_with(self, org_id: str) -> list[SharedCase]:
        pk, _ = shared_key(org_id, "", "")
        shared = []
        for item in self.table.query(pk):
            owner, _, case_id = item["sk"].partition("#")
            shared.append(SharedCase(owner=owner, case_id=case_id, role=item["role"]))
        return shared

    def link_subcase(self, parent_org: str, parent_case: str, org_id: str, case_id: str) -> None:
        # In the parent's partition, so the parent's one Query finds its sub-cases, and its
        # retention covers the link.
        self.table.put({"pk": case_pk(parent_org, parent_case), "sk": f"SUBCASE#{org_id}#{case_id}"})

    @staticmethod
    def _beyond_keys(org_id: str, case_id: str, beyond: Beyond) -> list[tuple[str, str]]:
        tokens = [(token_pk(org_id, h), "TOKEN") for h in beyond.token_hashes]
        return tokens + [shared_key(org, org_id, case_id) for org in beyond.shared_with]


def _subcase(sk: str) -> tuple[str, str]:
    org_id, _, case_id = sk.removeprefix("SUBCASE#").partition("#")
    return org_id, case_id


def _contact_paths(item: Item, party_id: str | None) -> tuple[str, ...]:
    """The paths of one party's (or every party's) contact data, name and identity hash on the
    item: what erasure removes."""
    paths: list[str] = []
    mine = party_id is None or (item.get("pid") or INITIATOR) == party_id
    if mine:
        paths += [f"sub.{p}" for p in CONTACT_PATHS if p in (item.get("sub") or {})]
        paths += [f"i.{p}" for p in PERSONAL_INFO if p in (item.get("i") or {})]
        if "ini" in item:  # an event's initiator hash (BSN/KvK): the initiator's identity
            paths.append("ini")
    for pid, part in (item.get("pts") or {}).items():
        if party_id is None or pid == party_id:
            paths += [f"pts.{pid}.sub.{p}" for p in CONTACT_PATHS if p in part.get("sub", {})]
            paths += [f"pts.{pid}.i.{p}" for p in PERSONAL_INFO if p in part.get("i", {})]
    return tuple(paths)
