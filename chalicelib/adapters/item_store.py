"""The Store's item-level operations, written once on top of each adapter's primitives.

Both adapters (`MemoryStore`, `DynamoDBStore`) inherit this and provide `_put`, `_get`,
`_query` and `_delete` (and the operations that need their own conditional writes); the Store
contract tests hold both to the same behaviour. Keys are in `chalicelib.models.stored`.
"""

from __future__ import annotations

import secrets
from typing import Any

from chalicelib import clock
from chalicelib.models.domain import CaseType, ClientCredentials, Event, Organisation, SubscriberChange
from chalicelib.models.stored import (
    CaseTypeItem,
    ClientItem,
    EventItem,
    OrganisationItem,
    SubscriberChangeItem,
    TokenItem,
    case_pk,
    held_key,
    org_pk,
    suppression_key,
    token_pk,
)


class ItemStore:
    """Operations that are the same whatever holds the items."""

    def _put(self, item: dict[str, Any], *, only_if_new: bool = False) -> bool:
        raise NotImplementedError

    def _get(self, pk: str, sk: str) -> dict[str, Any] | None:
        raise NotImplementedError

    def _query(self, pk: str, sk_prefix: str = "") -> list[dict[str, Any]]:
        raise NotImplementedError

    def _delete(self, pk: str, sk: str) -> None:
        raise NotImplementedError

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

    def get_case_type(self, org_id: str, code: str) -> CaseType | None:
        item = self._get(org_pk(org_id), f"CASETYPE#{code}")
        return CaseTypeItem.model_validate(item).domain() if item else None

    def add_event(self, org_id: str, case_id: str, event: Event) -> bool:
        return self._put(EventItem.of(org_id, case_id, event).item(), only_if_new=True)

    def add_subscriber_change(self, org_id: str, case_id: str, change: SubscriberChange) -> None:
        self._put(SubscriberChangeItem.of(org_id, case_id, change, secrets.token_hex(4)).item())

    def put_tracking_token(self, org_id: str, token_hash: str, case_id: str) -> None:
        self._put(TokenItem(pk=token_pk(org_id, token_hash), case_id=case_id).item())

    def find_tracking_token(self, org_id: str, token_hash: str) -> str | None:
        item = self._get(token_pk(org_id, token_hash), "TOKEN")
        return TokenItem.model_validate(item).case_id if item else None

    def delete_case(self, org_id: str, case_id: str, token_hash: str) -> None:
        # Item by item: a case holds a handful of items, and a retry after a partial failure
        # simply deletes what is left.
        for item in self._query(case_pk(org_id, case_id)):
            self._delete(item["pk"], item["sk"])
        self._delete(token_pk(org_id, token_hash), "TOKEN")

    def suppress_address(self, org_id: str, address_hash: str, reason: str) -> None:
        pk, sk = suppression_key(org_id, address_hash)
        self._put({"pk": pk, "sk": sk, "reason": reason, "at": clock.now().isoformat()})

    def address_suppressed(self, org_id: str, address_hash: str) -> bool:
        return self._get(*suppression_key(org_id, address_hash)) is not None

    def held_for_morning(self, day: str) -> list[tuple[str, str, str]]:
        return [(i["org"], i["case"], i["ev"]) for i in self._query(held_key(day, "", "", "")[0])]
