"""The Organisations port's contract, held against both tables."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.adapters.organisation_store import OrganisationStore
from chalicelib.domain.models import ClientCredentials
from chalicelib.domain.org_contact import Contact
from tests.integration.tables import T0, InMemory, OnDynamoDB, organisation


class OrganisationsContract:
    @pytest.fixture
    def store(self, table: Any) -> OrganisationStore:
        return OrganisationStore(table)

    def test_create_organisation_twice_keeps_the_first(self, store):
        assert store.create_organisation(organisation()) is True
        assert store.create_organisation(organisation(name="Imposter")) is False
        assert store.get_organisation("hvc") == organisation()

    def test_an_organisations_contact_comes_back(self, store):
        contact = Contact(phone="0800 0700", url="https://www.hvc.example", hours={"nl": "werkdagen", "en": "weekdays"})
        org = organisation().model_copy(update={"contact": contact})
        store.create_organisation(org)
        assert store.get_organisation("hvc") == org

    def test_unknown_organisation_is_none(self, store):
        assert store.get_organisation("nope") is None

    def test_client_comes_back_and_belongs_to_its_organisation(self, store):
        client = ClientCredentials(org_id="hvc", client_id="hvc.abc", secret_encrypted="gAAAA-secret", created_at=T0)
        store.put_client(client)
        assert store.get_client("hvc", "hvc.abc") == client
        assert store.get_client("hvc", "hvc.other") is None
        assert store.get_client("other", "hvc.abc") is None

    def test_a_test_clients_mode_comes_back_and_a_client_is_live_by_default(self, store):
        live = ClientCredentials(org_id="hvc", client_id="hvc.a", secret_encrypted="s", created_at=T0)
        test = live.model_copy(update={"client_id": "hvc.b", "mode": "test"})
        store.put_client(live)
        store.put_client(test)
        assert (store.get_client("hvc", "hvc.a").mode, store.get_client("hvc", "hvc.b")) == ("live", test)

    def test_a_test_tenant_reads_its_live_organisation_under_its_own_id(self, store):
        store.create_organisation(organisation())
        assert store.get_organisation("hvc~test") == organisation().model_copy(update={"id": "hvc~test"})
        assert store.get_organisation("svb~test") is None

    def test_put_client_replaces_the_secret(self, store):
        store.put_client(ClientCredentials(org_id="hvc", client_id="hvc.abc", secret_encrypted="old", created_at=T0))
        store.put_client(ClientCredentials(org_id="hvc", client_id="hvc.abc", secret_encrypted="new", created_at=T0))
        assert store.get_client("hvc", "hvc.abc").secret_encrypted == "new"

    def test_deleting_a_client_revokes_only_that_client_and_says_whether_it_existed(self, store):
        store.create_organisation(organisation())
        for client_id in ("hvc.a", "hvc.b"):
            store.put_client(ClientCredentials(org_id="hvc", client_id=client_id, secret_encrypted="s", created_at=T0))
        assert store.delete_client("hvc", "hvc.a") is True
        assert store.delete_client("hvc", "hvc.a") is False
        assert store.delete_client("other", "hvc.b") is False
        assert store.get_client("hvc", "hvc.a") is None
        assert store.get_client("hvc", "hvc.b") is not None
        assert store.get_organisation("hvc") == organisation()

    def test_a_partner_is_allowed_by_one_organisation_for_that_organisation_only(self, store):
        assert store.is_partner("dcmr", "hvc") is False
        store.set_partner("dcmr", "hvc", True)
        store.set_partner("dcmr", "hvc", True)  # allowed twice is allowed once

        assert store.is_partner("dcmr", "hvc") is True
        assert store.is_partner("hvc", "dcmr") is False  # not the other way round
        assert store.is_partner("dcmr", "gouda") is False
        assert store.is_partner("rws", "hvc") is False

    def test_revoking_a_partner_ends_only_that_partnership(self, store):
        store.create_organisation(organisation("dcmr", "DCMR"))
        store.set_partner("dcmr", "hvc", True)
        store.set_partner("dcmr", "gouda", True)

        store.set_partner("dcmr", "hvc", False)
        store.set_partner("dcmr", "hvc", False)  # again: nothing left, no error
        store.set_partner("dcmr", "rws", False)  # never allowed: stays so

        assert store.is_partner("dcmr", "hvc") is False
        assert store.is_partner("dcmr", "gouda") is True
        assert store.is_partner("dcmr", "rws") is False
        assert store.get_organisation("dcmr") == organisation("dcmr", "DCMR")


class TestOrganisationsInMemory(OrganisationsContract, InMemory):
    pass


class TestOrganisationsOnDynamoDB(OrganisationsContract, OnDynamoDB):
    pass
