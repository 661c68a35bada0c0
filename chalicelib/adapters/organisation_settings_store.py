"""An organisation's settings replaced in its item (port: `OrganisationSettings`), written once on
the item table so DynamoDB and memory behave alike."""

from __future__ import annotations

from chalicelib.adapters.items import OrganisationItem, org_pk
from chalicelib.adapters.table import Change, Condition, Table
from chalicelib.domain.organisation import Organisation

SETTINGS = ("name", "email_from", "sms_from", "quiet_hours", "sms_fragments", "contact", "sms_countries")


class OrganisationSettingsStore:
    def __init__(self, table: Table) -> None:
        self.table = table

    def replace_settings(self, org: Organisation) -> bool:
        item = OrganisationItem.of(org).item()
        # One conditional update: the settings only (what else the item holds stays), and a
        # removed organisation is not brought back.
        change = Change(
            set={name: item[name] for name in SETTINGS if name in item},
            remove=tuple(name for name in SETTINGS if name not in item),
        )
        return self.table.update(org_pk(org.id), "ORG", change, Condition(exists=True))
