"""The ZGW items of the Store, written once on top of each adapter's primitives.

Both adapters (`MemoryStore`, `DynamoDBStore`) inherit this mixin and provide `_put`, `_get`,
`_query` and `_delete`; the Store contract tests hold both to the same behaviour.

| item | pk | sk |
|---|---|---|
| connection | `ORG#<org>` | `ZGW#CONNECTION` |
| organisations with a connection (for the scheduled reconciliation) | `ZGW#CONNECTIONS` | `ORG#<org>` |
| inbox message (hub notification, until processed) | `ORG#<org>#ZGWINBOX#<key>` | `MSG` |
| zaak → case link (refreshed by each status, expires after a year unused) | `ORG#<org>#ZAAK#<sha256(zaak URL)[:32]>` | `ZAAK` |

The initiator's BSN/KvK is not here: ingest keeps its keyed hash on the event (`case.initiator`).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from chalicelib import clock
from chalicelib.models.stored import org_pk
from chalicelib.zgw.models import Connection, ZaakLink

CONNECTION_SK = "ZGW#CONNECTION"
INDEX_PK = "ZGW#CONNECTIONS"
INBOX_TTL = dt.timedelta(days=14)  # as long as SQS keeps the message (and its dead letter)
LINK_TTL = dt.timedelta(days=400)


def inbox_pk(org_id: str, key: str) -> str:
    return f"ORG#{org_id}#ZGWINBOX#{key}"


def zaak_pk(org_id: str, zaak_hash: str) -> str:
    return f"ORG#{org_id}#ZAAK#{zaak_hash}"


class ZgwStoreMixin:
    # provided by the adapter
    def _put(self, item: dict[str, Any], *, only_if_new: bool = False) -> bool: ...  # pragma: no cover
    def _get(self, pk: str, sk: str) -> dict[str, Any] | None: ...  # pragma: no cover
    def _query(self, pk: str, sk_prefix: str = "") -> list[dict[str, Any]]: ...  # pragma: no cover
    def _delete(self, pk: str, sk: str) -> None: ...  # pragma: no cover

    def put_zgw_connection(self, connection: Connection) -> None:
        doc = connection.model_dump_json()
        self._put({"pk": org_pk(connection.org_id), "sk": CONNECTION_SK, "doc": doc})
        self._put({"pk": INDEX_PK, "sk": org_pk(connection.org_id)})

    def get_zgw_connection(self, org_id: str) -> Connection | None:
        item = self._get(org_pk(org_id), CONNECTION_SK)
        return Connection.model_validate_json(item["doc"]) if item else None

    def list_zgw_organisations(self) -> list[str]:
        return sorted(i["sk"].removeprefix("ORG#") for i in self._query(INDEX_PK, "ORG#"))

    def put_zgw_inbox(self, org_id: str, key: str, message: dict[str, Any]) -> bool:
        expires = int((clock.now() + INBOX_TTL).timestamp())
        item = {"pk": inbox_pk(org_id, key), "sk": "MSG", "doc": json.dumps(message), "expires_at": expires}
        return self._put(item, only_if_new=True)

    def get_zgw_inbox(self, org_id: str, key: str) -> dict[str, Any] | None:
        item = self._get(inbox_pk(org_id, key), "MSG")
        return json.loads(item["doc"]) if item else None

    def delete_zgw_inbox(self, org_id: str, key: str) -> None:
        self._delete(inbox_pk(org_id, key), "MSG")

    def put_zgw_zaak(self, org_id: str, zaak_hash: str, link: ZaakLink) -> None:
        expires = int((clock.now() + LINK_TTL).timestamp())
        self._put({"pk": zaak_pk(org_id, zaak_hash), "sk": "ZAAK", "case": link.case_id, "expires_at": expires})

    def get_zgw_zaak(self, org_id: str, zaak_hash: str) -> ZaakLink | None:
        item = self._get(zaak_pk(org_id, zaak_hash), "ZAAK")
        return ZaakLink(case_id=item["case"]) if item else None

    def delete_zgw_zaak(self, org_id: str, zaak_hash: str) -> None:
        self._delete(zaak_pk(org_id, zaak_hash), "ZAAK")
