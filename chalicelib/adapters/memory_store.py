"""The store in memory, for unit tests and as the reference the DynamoDB store is held to.

It keeps the same items as DynamoDB (through the same stored models), under a lock, so the
contract tests catch a difference in behaviour rather than in representation.
"""

from __future__ import annotations

import copy
import secrets
import threading
from typing import Any

from chalicelib import clock
from chalicelib.models.domain import (
    Case,
    CaseType,
    ClientCredentials,
    Event,
    Organisation,
    SubscriberChange,
)
from chalicelib.models.stored import (
    CaseTypeItem,
    ClientItem,
    EventItem,
    OrganisationItem,
    SubscriberChangeItem,
    TokenItem,
    cap_key,
    case_pk,
    held_key,
    org_pk,
    suppression_key,
    token_pk,
)
from chalicelib.zgw.store import ZgwStoreMixin


class MemoryStore(ZgwStoreMixin):
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

    def create_organisation(self, org: Organisation) -> bool:
        return self._put(OrganisationItem.of(org).item(), only_if_new=True)

    def get_organisation(self, org_id: str) -> Organisation | None:
        item = self._get(org_pk(org_id), "ORG")
        return OrganisationItem.model_validate(item).domain() if item else None

    def put_client(self, client: ClientCredentials) -> None:
        self._put(ClientItem.of(client).item())

    def get_client(self, org_id: str, client_id: str) -> ClientCredentials | None:
        item = self._get(org_pk(org_id), f"CLIENT#{client_id}")
        return ClientItem.model_validate(item).domain() if item else None

    def put_case_type(self, org_id: str, case_type: CaseType) -> bool:
        item = CaseTypeItem.of(org_id, case_type).item()
        with self._lock:
            new = (item["pk"], item["sk"]) not in self.items
            self.items[(item["pk"], item["sk"])] = item
        return new

    def get_case_type(self, org_id: str, code: str) -> CaseType | None:
        item = self._get(org_pk(org_id), f"CASETYPE#{code}")
        return CaseTypeItem.model_validate(item).domain() if item else None

    def list_case_types(self, org_id: str) -> list[CaseType]:
        return [CaseTypeItem.model_validate(i).domain() for i in self._query(org_pk(org_id), "CASETYPE#")]

    def load_case(self, org_id: str, case_id: str) -> Case:
        items = self._query(case_pk(org_id, case_id))
        events = [EventItem.model_validate(i).domain() for i in items if i["sk"].startswith("EVENT#")]
        changes = [SubscriberChangeItem.model_validate(i).domain() for i in items if i["sk"].startswith("SUB#")]
        return Case(org_id=org_id, id=case_id, events=tuple(events), subscriber_changes=tuple(changes))

    def add_event(self, org_id: str, case_id: str, event: Event) -> bool:
        return self._put(EventItem.of(org_id, case_id, event).item(), only_if_new=True)

    def add_subscriber_change(self, org_id: str, case_id: str, change: SubscriberChange) -> None:
        self._put(SubscriberChangeItem.of(org_id, case_id, change, secrets.token_hex(4)).item())

    def put_tracking_token(self, org_id: str, token_hash: str, case_id: str) -> None:
        self._put(TokenItem(pk=token_pk(org_id, token_hash), case_id=case_id).item())

    def find_tracking_token(self, org_id: str, token_hash: str) -> str | None:
        item = self._get(token_pk(org_id, token_hash), "TOKEN")
        return TokenItem.model_validate(item).case_id if item else None

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
            if provider_id is not None:
                notification["pid"] = provider_id
            if error is not None:
                notification["err"] = error
            if channel is not None:
                notification["ch"] = channel
            if error_class is not None:
                notification["ec"] = error_class
            if fallback is not None:
                notification["fb"] = fallback
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

    def suppress_address(self, org_id: str, address_hash: str, reason: str) -> None:
        pk, sk = suppression_key(org_id, address_hash)
        self._put({"pk": pk, "sk": sk, "reason": reason, "at": clock.now().isoformat()})

    def address_suppressed(self, org_id: str, address_hash: str) -> bool:
        return self._get(*suppression_key(org_id, address_hash)) is not None

    def hold_for_morning(self, day: str, org_id: str, case_id: str, event_key: str) -> None:
        pk, sk = held_key(day, org_id, case_id, event_key)
        self._put({"pk": pk, "sk": sk, "org": org_id, "case": case_id, "ev": event_key, "expires_at": _expiry(3)})

    def held_for_morning(self, day: str) -> list[tuple[str, str, str]]:
        return [(i["org"], i["case"], i["ev"]) for i in self._query(held_key(day, "", "", "")[0])]

    def release_held(self, day: str, org_id: str, case_id: str, event_key: str) -> None:
        with self._lock:
            self.items.pop(held_key(day, org_id, case_id, event_key), None)

    def _delete(self, pk: str, sk: str) -> None:
        with self._lock:
            self.items.pop((pk, sk), None)

    def delete_case(self, org_id: str, case_id: str, token_hash: str) -> None:
        for item in self._query(case_pk(org_id, case_id)):
            self._delete(item["pk"], item["sk"])
        self._delete(token_pk(org_id, token_hash), "TOKEN")

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
