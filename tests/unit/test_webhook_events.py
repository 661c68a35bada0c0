"""Webhooks as rules: the CloudEvent a status event makes, its Standard Webhooks signature, the
retry schedule, the delivery id, the queue's webhook jobs."""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
from cloudevents.core.bindings.http import HTTPMessage, from_structured
from cloudevents.core.formats.json import JSONFormat
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from chalicelib.domain.messages import PoisonMessage, parse_job
from chalicelib.domain.models import Case
from chalicelib.domain.webhook_events import cloud_event_body, signed_headers
from chalicelib.domain.webhook_jobs import WebhookDeliveryJob, WebhookFanOut
from chalicelib.domain.webhooks import (
    MAX_ATTEMPTS,
    SCHEDULE_S,
    delivery_id,
    event_types,
    new_secret,
    retry_after,
)
from tests.integration.tables import case_type, event

NOW = dt.datetime.now(dt.UTC)


def body_of(status: str = "afgehandeld", **changes) -> dict:
    case = Case(org_id="hvc", id="HVC-1", events=(event(status=status, explanation="foto ontvangen"),))
    text = cloud_event_body(
        "d" * 32, "https://zaakstatus.example", "case.status_changed", "hvc", case, case.events[0], case_type()
    )
    return json.loads(text)


def test_the_cloud_event_is_structured_json_with_the_contracts_attributes():
    body = body_of()
    assert {k: v for k, v in body.items() if k != "data"} == {
        "specversion": "1.0",
        "id": "d" * 32,
        "source": "https://zaakstatus.example/v1/organisations/hvc",
        "type": "nl.zaakstatus.case.status_changed",
        "subject": "HVC-1",
        "time": "2026-11-28T09:00:00Z",
        "datacontenttype": "application/json",
    }
    assert body["data"] == {
        "organisation": "hvc",
        "case_id": "HVC-1",
        "case_type": "klacht",
        "status": {"code": "afgehandeld", "name": "Zaak afgehandeld", "public": True},
        "occurred_at": "2026-11-28T09:00:00Z",
        "explanation": "foto ontvangen",
        "current_status": "afgehandeld",
        "closed": True,
    }


def test_the_cloud_event_reads_back_with_the_cloudevents_sdk():
    text = json.dumps(body_of("in_behandeling"))
    message = HTTPMessage(headers={"content-type": "application/cloudevents+json"}, body=text.encode())
    read = from_structured(message, JSONFormat())
    assert read.get_type() == "nl.zaakstatus.case.status_changed"
    assert read.get_data()["closed"] is False


def test_the_signature_verifies_with_standardwebhooks_and_the_same_secret():
    secret, body = new_secret(), json.dumps(body_of())
    now = dt.datetime.now(dt.UTC)  # not the module's NOW: the receiver allows 5 minutes, a busy run may take more
    headers = signed_headers(secret, "msg-1", body, now)

    assert Webhook(secret).verify(body, headers) == json.loads(body)
    assert headers["webhook-id"] == "msg-1"
    assert headers["webhook-timestamp"] == str(int(now.timestamp()))
    assert headers["webhook-signature"].startswith("v1,")
    assert headers["Content-Type"] == "application/cloudevents+json"


@pytest.mark.parametrize("tamper", ["body", "id", "timestamp", "secret"])
def test_a_tampered_request_or_another_secret_does_not_verify(tamper):
    secret, body = new_secret(), json.dumps(body_of())
    headers = signed_headers(secret, "msg-1", body, NOW)
    if tamper == "body":
        body = body.replace("afgehandeld", "ontvangen")
    elif tamper == "id":
        headers["webhook-id"] = "msg-2"
    elif tamper == "timestamp":
        headers["webhook-timestamp"] = str(int(NOW.timestamp()) + 1)
    else:
        secret = new_secret()
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body, headers)


def test_the_secret_is_whsec_and_base64_of_32_random_bytes():
    secret = new_secret()
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"), validate=True)) == 32
    assert new_secret() != secret


def test_the_retry_schedule_spans_about_a_day_within_sqs_limits():
    print(f"\nwebhook retry waits (s): {SCHEDULE_S}, total {sum(SCHEDULE_S) / 3600:.2f} h, {MAX_ATTEMPTS} tries")
    assert 23 * 3600 <= sum(SCHEDULE_S) <= 25 * 3600
    assert max(SCHEDULE_S) <= 12 * 3600  # SQS visibility
    assert list(SCHEDULE_S) == sorted(SCHEDULE_S)
    assert [retry_after(n) for n in range(1, MAX_ATTEMPTS + 1)] == [*SCHEDULE_S, None]


def test_the_delivery_id_is_the_same_for_the_same_event_type_and_webhook_only():
    first = delivery_id("hvc", "HVC-1", "k" * 32, "case.closed", "hvc", "crm")
    assert first == delivery_id("hvc", "HVC-1", "k" * 32, "case.closed", "hvc", "crm")
    others = {
        delivery_id("hvc", "HVC-1", "k" * 32, "case.status_changed", "hvc", "crm"),
        delivery_id("hvc", "HVC-1", "k" * 32, "case.closed", "hvc", "erp"),
        delivery_id("hvc", "HVC-1", "k" * 32, "case.closed", "svb", "crm"),
        delivery_id("hvc", "HVC-2", "k" * 32, "case.closed", "hvc", "crm"),
    }
    assert first not in others and len(others) == 4


def test_a_final_status_makes_status_changed_and_closed_an_older_late_event_nothing():
    newer = event(key="b" * 32, status="afgehandeld", minutes=60)
    late = event(key="a" * 32, status="in_behandeling", minutes=0).model_copy(
        update={"received_at": newer.received_at + dt.timedelta(minutes=5), "current_status": "afgehandeld"}
    )
    case = Case(org_id="hvc", id="HVC-1", events=(newer, late))
    assert event_types(case, newer, case_type()) == ["case.status_changed", "case.closed"]
    assert event_types(case, late, case_type()) == []
    open_ = event(key="c" * 32, status="in_behandeling")
    assert event_types(Case(org_id="hvc", id="HVC-1", events=(open_,)), open_, case_type()) == ["case.status_changed"]


def test_webhook_jobs_carry_keys_only_and_parse_back():
    fan_out = WebhookFanOut("hvc", "HVC-1", "k" * 32)
    delivery = WebhookDeliveryJob("svb", "crm", "20261128T090000000000Z." + "d" * 32)
    assert fan_out.body() == {"kind": "webhooks", "org": "hvc", "case": "HVC-1", "event": "k" * 32}
    assert parse_job(fan_out.body()) == fan_out
    assert parse_job(delivery.body()) == delivery


@pytest.mark.parametrize(
    "body", [{"kind": "webhooks", "org": "hvc", "case": "HVC-1"}, {"kind": "webhook", "org": "hvc", "name": 3}]
)
def test_a_webhook_job_without_its_keys_is_poison(body):
    with pytest.raises(PoisonMessage):
        parse_job(body)
