"""Cases on the item table (port: `Cases`): a case is its partition, read with one Query."""

from __future__ import annotations

import secrets

from chalicelib.adapters.items import EventItem, SubscriberChangeItem, TokenItem, case_pk, token_pk
from chalicelib.adapters.table import Change, Condition, Table
from chalicelib.domain.models import Case, Event, SubscriberChange


class CaseStore:
    def __init__(self, table: Table) -> None:
        self.table = table

    def load_case(self, org_id: str, case_id: str) -> Case:
        items = self.table.query(case_pk(org_id, case_id))
        events = [EventItem.model_validate(i).domain() for i in items if i["sk"].startswith("EVENT#")]
        changes = [SubscriberChangeItem.model_validate(i).domain() for i in items if i["sk"].startswith("SUB#")]
        return Case(org_id=org_id, id=case_id, events=tuple(events), subscriber_changes=tuple(changes))

    def add_event(self, org_id: str, case_id: str, event: Event) -> bool:
        return self.table.put(EventItem.of(org_id, case_id, event).item(), only_if_new=True)

    def add_subscriber_change(self, org_id: str, case_id: str, change: SubscriberChange) -> None:
        self.table.put(SubscriberChangeItem.of(org_id, case_id, change, secrets.token_hex(4)).item())

    def put_tracking_token(self, org_id: str, token_hash: str, case_id: str) -> None:
        self.table.put(TokenItem(pk=token_pk(org_id, token_hash), case_id=case_id).item())

    def find_tracking_token(self, org_id: str, token_hash: str) -> str | None:
        item = self.table.get(token_pk(org_id, token_hash), "TOKEN")
        return TokenItem.model_validate(item).case_id if item else None

    def delete_case(self, org_id: str, case_id: str, token_hash: str) -> None:
        # Item by item: a case holds a handful of items, and a retry after a partial failure
        # simply deletes what is left.
        for item in self.table.query(case_pk(org_id, case_id)):
            self.table.delete(item["pk"], item["sk"])
        self.table.delete(token_pk(org_id, token_hash), "TOKEN")

    def expire_case(self, org_id: str, case_id: str, token_hash: str, expires_at: int | None) -> int:
        targets = [i for i in self.table.query(case_pk(org_id, case_id)) if i.get("expires_at") != expires_at]
        token = self.table.get(token_pk(org_id, token_hash), "TOKEN")
        if token is not None and token.get("expires_at") != expires_at:
            targets.append(token)
        change = Change(remove=("expires_at",)) if expires_at is None else Change(set={"expires_at": expires_at})
        for item in targets:
            # Only items that still exist: one gone meanwhile (TTL, deletion) needs no expiry.
            self.table.update(item["pk"], item["sk"], change, Condition(exists=True))
        return len(targets)

    def erase_contact_data(self, org_id: str, case_id: str) -> int:
        written = 0
        for item in self.table.query(case_pk(org_id, case_id)):
            sub = item.get("sub")
            if isinstance(sub, dict) and {"ph", "em"} & set(sub):
                self.table.update(item["pk"], item["sk"], Change(remove=("sub.ph", "sub.em")), Condition(exists=True))
                written += 1
        return written
