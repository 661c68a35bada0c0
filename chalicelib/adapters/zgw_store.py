"""The ZGW items on the item table (port: `ZgwStore`).

The initiator's BSN/KvK is not here: ingest keeps its keyed hash on the event (`case.initiator`).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from chalicelib.adapters.items import org_pk
from chalicelib.adapters.table import Table
from chalicelib.domain import clock
from chalicelib.domain.zgw.models import Connection, ZaakLink

INBOX_TTL = dt.timedelta(days=14)  # as long as SQS keeps the message (and its dead letter)
LINK_TTL = dt.timedelta(days=400)  # refreshed by each status; a year unused and it goes


# Keys (see the table in chalicelib/adapters/items.py)
ZGW_CONNECTION_SK = "ZGW#CONNECTION"
ZGW_INDEX_PK = "ZGW#CONNECTIONS"


def zgw_inbox_pk(org_id: str, key: str) -> str:
    return f"ORG#{org_id}#ZGWINBOX#{key}"


def zaak_pk(org_id: str, zaak_hash: str) -> str:
    return f"ORG#{org_id}#ZAAK#{zaak_hash}"


class ZgwItemStore:
    def __init__(self, table: Table) -> None:
        self.table = table

    def put_zgw_connection(self, connection: Connection) -> None:
        self.table.put({"pk": org_pk(connection.org_id), "sk": ZGW_CONNECTION_SK, "doc": connection.model_dump_json()})
        self.table.put({"pk": ZGW_INDEX_PK, "sk": org_pk(connection.org_id)})

    def get_zgw_connection(self, org_id: str) -> Connection | None:
        item = self.table.get(org_pk(org_id), ZGW_CONNECTION_SK)
        return Connection.model_validate_json(item["doc"]) if item else None

    def list_zgw_organisations(self) -> list[str]:
        return sorted(i["sk"].removeprefix("ORG#") for i in self.table.query(ZGW_INDEX_PK, "ORG#"))

    def put_zgw_inbox(self, org_id: str, key: str, message: dict[str, Any]) -> bool:
        expires = int((clock.now() + INBOX_TTL).timestamp())
        item = {"pk": zgw_inbox_pk(org_id, key), "sk": "MSG", "doc": json.dumps(message), "expires_at": expires}
        return self.table.put(item, only_if_new=True)

    def get_zgw_inbox(self, org_id: str, key: str) -> dict[str, Any] | None:
        item = self.table.get(zgw_inbox_pk(org_id, key), "MSG")
        return json.loads(item["doc"]) if item else None

    def delete_zgw_inbox(self, org_id: str, key: str) -> None:
        self.table.delete(zgw_inbox_pk(org_id, key), "MSG")

    def put_zgw_zaak(self, org_id: str, zaak_hash: str, link: ZaakLink) -> None:
        expires = int((clock.now() + LINK_TTL).timestamp())
        self.table.put({"pk": zaak_pk(org_id, zaak_hash), "sk": "ZAAK", "case": link.case_id, "expires_at": expires})

    def get_zgw_zaak(self, org_id: str, zaak_hash: str) -> ZaakLink | None:
        item = self.table.get(zaak_pk(org_id, zaak_hash), "ZAAK")
        return ZaakLink(case_id=item["case"]) if item else None

    def delete_zgw_zaak(self, org_id: str, zaak_hash: str) -> None:
        self.table.delete(zaak_pk(org_id, zaak_hash), "ZAAK")
