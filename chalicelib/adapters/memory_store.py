"""The store in memory, for unit tests and as the reference the DynamoDB store is held to.

It keeps the same items as DynamoDB (through the same stored models), under a lock, so the
contract tests catch a difference in behaviour rather than in representation.
"""

from __future__ import annotations

import copy
import threading
from typing import Any

from chalicelib import clock
from chalicelib.models.domain import (
    Case,
    CaseType,
)
from chalicelib.models.stored import (
    CaseTypeItem,
    EventItem,
    SubscriberChangeItem,
    cap_key,
    case_pk,
    notification_fields,
    held_key,
    org_pk,
    token_pk,
)
from chalicelib.adapters.item_store import ItemStore
from chalicelib.zgw.store import ZgwStoreMixin


class MemoryStore(ItemStore, ZgwStoreMixin):
    def __init__(self) -> None:
        self.items: dict[tuple[str, str], dict[str, Any]] = {}
        self._lock = threading.Lock()

    def _put(self, item: dict[str, Any], *, only_if_new: bool = False) -> bool:
        key = (item["pk"], item["sk"])
        with self._lock:
            if only_if_new and key in self.items:
                return False
            self.items[key] = copy.deepcopy(item)
            return True

    def _get(self, pk: str, sk: str) -> dict[str, Any] | None:
        with self._lock:
            item = self.items.get((pk, sk))
            return copy.deepcopy(item) if item else None

    def _query(self, pk: str, sk_prefix: str = "") -> list[dict[str, Any]]:
        with self._lock:
            return [
                copy.deepcopy(item)
                for (p, s), item in sorted(self.items.items())
                if p == pk and s.startswith(sk_prefix)
            ]

    def put_case_type(self, org_id: str, case_type: CaseType) -> bool:
        item = CaseTypeItem.of(org_id, case_type).item()
        with self._lock:
            new = (item["pk"], item["sk"]) not in self.items
            self.items[(item["pk"], item["sk"])] = item
        return new

    def list_case_types(self, org_id: str) -> list[CaseType]:
        return [CaseTypeItem.model_validate(i).domain() for i in self._query(org_pk(org_id), "CASETYPE#")]

    def load_case(self, org_id: str, case_id: str) -> Case:
        items = self._query(case_pk(org_id, case_id))
        events = [EventItem.model_validate(i).domain() for i in items if i["sk"].startswith("EVENT#")]
        changes = [SubscriberChangeItem.model_validate(i).domain() for i in items if i["sk"].startswith("SUB#")]
        return Case(org_id=org_id, id=case_id, events=tuple(events), subscriber_changes=tuple(changes))

    def transition_notification(
        self,
        org_id: str,
        case_id: str,
        event_key: str,
        from_states: tuple[str, ...],
        to_state: str,
        *,
        count_attempt: bool = False,
        provider_id: str | None = None,
        error: str | None = None,
        channel: str | None = None,
        error_class: str | None = None,
        fallback: bool | None = None,
    ) -> bool:
        with self._lock:
            item = self.items.get((case_pk(org_id, case_id), f"EVENT#{event_key}"))
            notification = (item or {}).get("n")
            if notification is None or notification["state"] not in from_states:
                return False
            notification["state"] = to_state
            notification["upd"] = clock.now().isoformat().replace("+00:00", "Z")
            if count_attempt:
                notification["att"] += 1
            notification.update(notification_fields(
                provider_id=provider_id, error=error, channel=channel, error_class=error_class, fallback=fallback,
            ))
            return True

    # delivery bookkeeping: caps, suppressions, quiet hours
    def count_recipient_message(self, org_id: str, recipient: str, day: str, limit: int) -> bool:
        pk, sk = cap_key(org_id, recipient, day)
        with self._lock:
            item = self.items.setdefault((pk, sk), {"pk": pk, "sk": sk, "c": 0, "expires_at": _expiry(2)})
            if item["c"] >= limit:
                return False
            item["c"] += 1
            return True

    def hold_for_morning(self, day: str, org_id: str, case_id: str, event_key: str) -> None:
        pk, sk = held_key(day, org_id, case_id, event_key)
        self._put({"pk": pk, "sk": sk, "org": org_id, "case": case_id, "ev": event_key, "expires_at": _expiry(3)})

    def release_held(self, day: str, org_id: str, case_id: str, event_key: str) -> None:
        with self._lock:
            self.items.pop(held_key(day, org_id, case_id, event_key), None)

    def _delete(self, pk: str, sk: str) -> None:
        with self._lock:
            self.items.pop((pk, sk), None)

    # security and privacy: client revocation, retention (TTL), erasure
    def delete_client(self, org_id: str, client_id: str) -> bool:
        with self._lock:
            return self.items.pop((org_pk(org_id), f"CLIENT#{client_id}"), None) is not None

    def expire_case(self, org_id: str, case_id: str, token_hash: str, expires_at: int | None) -> int:
        pk, written = case_pk(org_id, case_id), 0
        with self._lock:
            for (p, s), item in self.items.items():
                if (p == pk or (p, s) == (token_pk(org_id, token_hash), "TOKEN")) and item.get("expires_at") != expires_at:
                    if expires_at is None:
                        item.pop("expires_at", None)
                    else:
                        item["expires_at"] = expires_at
                    written += 1
        return written

    def erase_contact_data(self, org_id: str, case_id: str) -> int:
        pk, written = case_pk(org_id, case_id), 0
        with self._lock:
            for (p, _), item in self.items.items():
                sub = item.get("sub")
                if p == pk and isinstance(sub, dict) and {"ph", "em"} & set(sub):
                    sub.pop("ph", None)
                    sub.pop("em", None)
                    written += 1
        return written


def _expiry(days: int) -> int:
    return int(clock.now().timestamp()) + days * 86400
