"""The ZgwStore port's contract, held against both tables."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.adapters.case_type_store import CaseTypeStore
from chalicelib.adapters.zgw_store import ZgwItemStore
from chalicelib.domain.zgw.models import Connection, ZaakLink
from tests.integration.tables import T0, InMemory, OnDynamoDB, case_type

CONNECTION = Connection(
    org_id="hvc",
    zaken_api="https://z.example/api/v1",
    catalogi_api="https://c.example/api/v1",
    client_id="zs",
    secret_encrypted="gAAAA-x",
    rsins=("002220647",),
    authorization_hash="h" * 64,
    updated_at=T0,
)


class ZgwStoreContract:
    @pytest.fixture
    def store(self, table: Any) -> ZgwItemStore:
        return ZgwItemStore(table)

    def test_zgw_connection_round_trips_and_lists_its_organisation(self, store, table):
        assert store.get_zgw_connection("hvc") is None
        store.put_zgw_connection(CONNECTION)
        store.put_zgw_connection(CONNECTION.model_copy(update={"org_id": "svb"}))
        store.put_zgw_connection(CONNECTION.model_copy(update={"client_id": "zs2"}))
        assert store.get_zgw_connection("hvc") == CONNECTION.model_copy(update={"client_id": "zs2"})
        assert store.list_zgw_organisations() == ["hvc", "svb"]
        case_types = CaseTypeStore(table)  # the connection shares its organisation's partition
        case_types.put_case_type("hvc", case_type())
        assert [c.code for c in case_types.list_case_types("hvc")] == ["klacht"]

    def test_zgw_inbox_keeps_a_message_once_until_deleted(self, store):
        message = {"kanaal": "zaken", "resourceUrl": "https://z.example/statussen/1"}
        assert store.put_zgw_inbox("hvc", "k1", message) is True
        assert store.put_zgw_inbox("hvc", "k1", {"other": 1}) is False
        assert store.get_zgw_inbox("hvc", "k1") == message
        assert store.get_zgw_inbox("svb", "k1") is None
        store.delete_zgw_inbox("hvc", "k1")
        assert store.get_zgw_inbox("hvc", "k1") is None

    def test_zgw_zaak_link_round_trips_and_is_deleted(self, store):
        store.put_zgw_zaak("hvc", "z" * 32, ZaakLink(case_id="ZAAK-1"))
        store.put_zgw_zaak("hvc", "y" * 32, ZaakLink(case_id="ZAAK-2"))
        assert store.get_zgw_zaak("hvc", "z" * 32) == ZaakLink(case_id="ZAAK-1")
        assert store.get_zgw_zaak("hvc", "y" * 32) == ZaakLink(case_id="ZAAK-2")
        assert store.get_zgw_zaak("svb", "z" * 32) is None
        store.delete_zgw_zaak("hvc", "z" * 32)
        assert store.get_zgw_zaak("hvc", "z" * 32) is None


class TestZgwStoreInMemory(ZgwStoreContract, InMemory):
    pass


class TestZgwStoreOnDynamoDB(ZgwStoreContract, OnDynamoDB):
    pass
