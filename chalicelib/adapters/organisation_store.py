"""Organisations and their API clients on the item table (port: `Organisations`)."""

from __future__ import annotations

from chalicelib.adapters.items import ClientItem, OrganisationItem, org_pk
from chalicelib.adapters.table import Table
from chalicelib.domain.models import ClientCredentials, Organisation
from chalicelib.domain.test_mode import is_test, live_org


class OrganisationStore:
    def __init__(self, table: Table) -> None:
        self.table = table

    def create_organisation(self, org: Organisation) -> bool:
        return self.table.put(OrganisationItem.of(org).item(), only_if_new=True)

    def get_organisation(self, org_id: str) -> Organisation | None:
        """A test tenant's is its live organisation's, under the tenant's id (its links name it)."""
        item = self.table.get(org_pk(live_org(org_id)), "ORG")
        org = OrganisationItem.model_validate(item).domain() if item else None
        return org.model_copy(update={"id": org_id}) if org and is_test(org_id) else org

    def put_client(self, client: ClientCredentials) -> None:
        self.table.put(ClientItem.of(client).item())

    def get_client(self, org_id: str, client_id: str) -> ClientCredentials | None:
        item = self.table.get(org_pk(org_id), f"CLIENT#{client_id}")
        return ClientItem.model_validate(item).domain() if item else None

    def delete_client(self, org_id: str, client_id: str) -> bool:
        return self.table.delete(org_pk(org_id), f"CLIENT#{client_id}")

    def set_partner(self, org_id: str, partner: str, subcases: bool) -> None:
        if subcases:
            self.table.put({"pk": org_pk(org_id), "sk": f"PARTNER#{partner}", "subcases": True})
        else:
            self.table.delete(org_pk(org_id), f"PARTNER#{partner}")

    def is_partner(self, org_id: str, partner: str) -> bool:
        item = self.table.get(org_pk(org_id), f"PARTNER#{partner}")
        return bool(item and item.get("subcases"))
