"""Case types on the item table (port: `CaseTypes`): each read and written whole."""

from __future__ import annotations

from chalicelib.adapters.items import CaseTypeItem, org_pk
from chalicelib.adapters.table import Table
from chalicelib.domain.models import CaseType
from chalicelib.domain.test_mode import live_org


class CaseTypeStore:
    def __init__(self, table: Table) -> None:
        self.table = table

    def put_case_type(self, org_id: str, case_type: CaseType) -> bool:
        return self.table.replace(CaseTypeItem.of(org_id, case_type).item())

    # A test tenant reads its live organisation's case types (domain/test_mode.py); the services
    # keep it from writing them.
    def get_case_type(self, org_id: str, code: str) -> CaseType | None:
        item = self.table.get(org_pk(live_org(org_id)), f"CASETYPE#{code}")
        return CaseTypeItem.model_validate(item).domain() if item else None

    def list_case_types(self, org_id: str) -> list[CaseType]:
        items = self.table.query(org_pk(live_org(org_id)), "CASETYPE#")
        return [CaseTypeItem.model_validate(i).domain() for i in items]
