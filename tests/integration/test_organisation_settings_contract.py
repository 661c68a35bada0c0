"""The OrganisationSettings port's contract, held against both tables."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.adapters.organisation_settings_store import OrganisationSettingsStore
from chalicelib.adapters.organisation_store import OrganisationStore
from chalicelib.domain.models import ClientCredentials
from chalicelib.domain.org_contact import Contact
from tests.integration.tables import T0, InMemory, OnDynamoDB, organisation

CONTACT = Contact(phone="14 0182", url="https://www.gouda.example/contact", hours={"nl": "werkdagen"})


class OrganisationSettingsContract:
    @pytest.fixture
    def store(self, table: Any) -> OrganisationSettingsStore:
        return OrganisationSettingsStore(table)

    @pytest.fixture
    def organisations(self, table: Any) -> OrganisationStore:
        return OrganisationStore(table)

    def test_replacing_the_settings_changes_them_all_and_keeps_id_and_creation_time(self, store, organisations):
        organisations.create_organisation(organisation())
        changed = organisation().model_copy(
            update={
                "name": "HVC Groep",
                "email_from": "post@hvc.example",
                "sms_from": "HVCGroep",
                "quiet_hours": False,
                "sms_fragments": 1,
                "contact": CONTACT,
            }
        )

        assert store.replace_settings(changed) is True
        assert organisations.get_organisation("hvc") == changed

    def test_a_contact_left_out_is_removed(self, store, organisations):
        organisations.create_organisation(organisation().model_copy(update={"contact": CONTACT}))

        assert store.replace_settings(organisation()) is True
        assert organisations.get_organisation("hvc").contact is None

    def test_an_organisation_that_does_not_exist_is_not_created(self, store, organisations):
        assert store.replace_settings(organisation("nieuw")) is False
        assert organisations.get_organisation("nieuw") is None

    def test_the_organisations_clients_stay(self, store, organisations):
        organisations.create_organisation(organisation())
        client = ClientCredentials(org_id="hvc", client_id="hvc.abc", secret_encrypted="s", created_at=T0)
        organisations.put_client(client)

        store.replace_settings(organisation(name="Nieuwe naam"))

        assert organisations.get_client("hvc", "hvc.abc") == client


class TestOrganisationSettingsInMemory(OrganisationSettingsContract, InMemory):
    pass


class TestOrganisationSettingsOnDynamoDB(OrganisationSettingsContract, OnDynamoDB):
    pass
