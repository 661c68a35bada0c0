"""The CaseTypes port's contract, held against both tables."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.adapters.case_type_store import CaseTypeStore
from chalicelib.adapters.organisation_store import OrganisationStore
from chalicelib.domain.models import ClientCredentials
from tests.integration.tables import T0, InMemory, OnDynamoDB, case_type, organisation


class CaseTypesContract:
    @pytest.fixture
    def store(self, table: Any) -> CaseTypeStore:
        return CaseTypeStore(table)

    def test_put_case_type_says_whether_it_was_new_and_replaces(self, store):
        assert store.put_case_type("hvc", case_type()) is True
        assert store.put_case_type("hvc", case_type(name="Klacht v2")) is False
        assert store.get_case_type("hvc", "klacht") == case_type(name="Klacht v2")

    def test_case_type_round_trips_whole(self, store):
        store.put_case_type("hvc", case_type())
        got = store.get_case_type("hvc", "klacht")
        assert got == case_type()
        assert got.status("toegewezen").public is False and got.status("afgehandeld").final is True

    def test_a_test_tenant_reads_its_live_organisations_case_types(self, store):
        store.put_case_type("hvc", case_type())
        assert store.get_case_type("hvc~test", "klacht") == case_type()
        assert [c.code for c in store.list_case_types("hvc~test")] == ["klacht"]
        assert store.list_case_types("svb~test") == []

    def test_case_types_are_listed_per_organisation_and_nothing_else_is(self, store, table):
        for code in ("b", "a", "c"):
            store.put_case_type("hvc", case_type(code))
        store.put_case_type("other", case_type("z"))
        organisations = OrganisationStore(table)  # other items in the same partition
        organisations.create_organisation(organisation())
        organisations.put_client(
            ClientCredentials(org_id="hvc", client_id="hvc.x", secret_encrypted="s", created_at=T0)
        )
        assert sorted(c.code for c in store.list_case_types("hvc")) == ["a", "b", "c"]
        assert [c.code for c in store.list_case_types("other")] == ["z"]
        assert store.list_case_types("nobody") == []
        assert store.get_case_type("hvc", "z") is None


class TestCaseTypesInMemory(CaseTypesContract, InMemory):
    pass


class TestCaseTypesOnDynamoDB(CaseTypesContract, OnDynamoDB):
    pass
