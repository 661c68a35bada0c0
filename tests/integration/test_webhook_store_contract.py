"""The Webhooks port's contract, held against both tables (and the tables' newest-first, limited
query it needs)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from chalicelib.adapters.organisation_store import OrganisationStore
from chalicelib.adapters.webhook_store import WebhookStore
from chalicelib.domain.webhooks import Delivery, DeliveryStatus, Webhook, stamp_of
from tests.integration.tables import T0, InMemory, OnDynamoDB, organisation

HOOK = Webhook(
    org_id="hvc",
    name="crm",
    url="https://hooks.hvc.example/zaakstatus",
    events=("case.status_changed", "case.closed"),
    cases="own",
    secret_encrypted="gAAAA-encrypted",
    generation="g1",
    created_at=T0,
    updated_at=T0,
)


def delivery(n: int = 0, org_id: str = "hvc", name: str = "crm", **changes: Any) -> Delivery:
    at = T0 + dt.timedelta(seconds=n)
    data = {
        "org_id": org_id,
        "name": name,
        "id": f"{n:032x}",
        "stamp": stamp_of(at),
        "type": "case.status_changed",
        "generation": "g1",
        "body": '{"specversion": "1.0"}',
        "due": int(at.timestamp()),
        "created_at": at,
        "updated_at": at,
        "expires_at": int((at + dt.timedelta(days=30)).timestamp()),
    }
    return Delivery.model_validate({**data, **changes})


class WebhooksContract:
    @pytest.fixture
    def store(self, table: Any) -> WebhookStore:
        return WebhookStore(table)

    def test_a_webhook_is_created_then_replaced_and_read_back_whole(self, store):
        assert store.get_webhook("hvc", "crm") is None
        assert store.put_webhook(HOOK) is True
        replaced = HOOK.model_copy(update={"url": "https://hooks.hvc.example/v2", "cases": "all"})
        assert store.put_webhook(replaced) is False
        assert store.get_webhook("hvc", "crm") == replaced
        assert store.get_webhook("svb", "crm") is None

    def test_webhooks_are_listed_per_organisation_beside_its_other_items(self, store, table):
        OrganisationStore(table).create_organisation(organisation())
        store.put_webhook(HOOK)
        store.put_webhook(HOOK.model_copy(update={"name": "erp"}))
        store.put_webhook(HOOK.model_copy(update={"org_id": "svb"}))
        assert sorted(h.name for h in store.list_webhooks("hvc")) == ["crm", "erp"]
        assert [h.org_id for h in store.list_webhooks("svb")] == ["svb"]
        assert store.list_webhooks("dcmr") == []

    def test_deleting_a_webhook_leaves_its_deliveries_to_expire(self, store):
        store.put_webhook(HOOK)
        store.add_delivery(delivery())
        assert store.delete_webhook("hvc", "crm") is True
        assert store.delete_webhook("hvc", "crm") is False
        assert store.get_webhook("hvc", "crm") is None
        assert store.get_delivery("hvc", "crm", delivery().key) == delivery()

    def test_a_delivery_is_stored_once_with_its_expiry(self, store, table):
        first = delivery()
        assert store.add_delivery(first) is True
        assert store.add_delivery(first.model_copy(update={"body": "other"})) is False
        assert store.get_delivery("hvc", "crm", first.key) == first
        assert store.get_delivery("hvc", "erp", first.key) is None
        [item] = table.query("ORG#hvc#WEBHOOK#crm")
        assert item["expires_at"] == first.expires_at  # the table's TTL attribute

    def test_the_latest_deliveries_come_newest_first_at_most_the_limit(self, store):
        for n in range(55):
            store.add_delivery(delivery(n))
        store.add_delivery(delivery(99, name="erp"))
        latest = store.latest_deliveries("hvc", "crm", 50)
        assert [d.id for d in latest] == [f"{n:032x}" for n in range(54, 4, -1)]
        assert [d.id for d in store.latest_deliveries("hvc", "erp", 50)] == [f"{99:032x}"]
        assert store.latest_deliveries("hvc", "other", 50) == []

    def test_an_update_holds_only_while_due_is_what_the_writer_read(self, store):
        first = delivery()
        store.add_delivery(first)
        claimed = first.model_copy(update={"due": first.due + 60, "updated_at": T0 + dt.timedelta(seconds=1)})

        assert store.update_delivery(claimed, expected_due=first.due) is True
        assert store.update_delivery(claimed.model_copy(update={"due": first.due + 90}), first.due) is False

        failed = claimed.model_copy(update={"attempts": 1, "last_error": "http-503", "due": first.due + 10})
        assert store.update_delivery(failed, expected_due=claimed.due) is True
        assert store.get_delivery("hvc", "crm", first.key) == failed
        done = failed.model_copy(update={"status": DeliveryStatus.DELIVERED, "attempts": 2, "last_error": None})
        assert store.update_delivery(done, expected_due=failed.due) is True
        assert store.get_delivery("hvc", "crm", first.key) == done

    def test_an_update_never_creates_a_delivery(self, store):
        assert store.update_delivery(delivery(), expected_due=delivery().due) is False
        assert store.get_delivery("hvc", "crm", delivery().key) is None

    def test_the_table_reads_a_partition_backwards_and_limited(self, table):
        for n in range(5):
            table.put({"pk": "P", "sk": f"A#{n}"})
        table.put({"pk": "P", "sk": "B#9"})
        assert [i["sk"] for i in table.query("P", "A#", limit=3, newest_first=True)] == ["A#4", "A#3", "A#2"]
        assert [i["sk"] for i in table.query("P", "A#", limit=2)] == ["A#0", "A#1"]
        assert [i["sk"] for i in table.query("P", newest_first=True)][0] == "B#9"
        assert table.query("P", "A#", limit=0) == []


class TestWebhookStoreInMemory(WebhooksContract, InMemory):
    pass


class TestWebhookStoreOnDynamoDB(WebhooksContract, OnDynamoDB):
    pass
