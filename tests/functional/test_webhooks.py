"""Outbound webhooks through the app: routes, then events posted, the queue's Lambda handler
invoked with the real messages (deferred ones come back when the moved clock says they are due),
and the loopback receiver (`local/webhook_receiver.py`) reached through the outbound-URL guard."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import pytest

from chalicelib.domain import clock
from chalicelib.domain.webhook_jobs import WebhookFanOut
from chalicelib.domain.webhooks import MAX_ATTEMPTS, SCHEDULE_S
from local.webhook_receiver import WebhookReceiver
from tests.builders import CASE_ID, event_body
from tests.harness import sqs_event
from tests.security.pii import findings
from tests.webhook_builders import T0, Clock, verify

HOOK = {"events": ["case.status_changed", "case.closed"], "cases": "own"}


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver() as server:
        yield server


@pytest.fixture
def now(monkeypatch) -> Clock:
    moment = Clock(T0)
    monkeypatch.setattr(clock, "now", moment)
    return moment


def register(harness, creds, url: str, name: str = "crm") -> str:
    response = harness.request("PUT", f"/v1/webhooks/{name}", creds, {"url": url, **HOOK})
    assert response.status_code == 201, response.body
    return response.json_body["secret"]


def post_event(harness, creds, status: str, at: str, **extra: Any) -> str:
    """Post a status event; make sure its webhook fan-out is queued (once); its key."""
    response = harness.request("POST", "/v1/events", creds, event_body(status, at, **extra))
    assert response.status_code == 202, response.body
    key = response.json_body["event_id"]  # no event_id sent: the answer names the identity hash
    fan_out = WebhookFanOut("hvc", CASE_ID, key).body()
    visible = harness.sqs.receive_message(QueueUrl=harness.queue_url, MaxNumberOfMessages=10, VisibilityTimeout=0)
    if fan_out not in [json.loads(m["Body"]) for m in visible.get("Messages", [])]:  # until ingest asks itself
        harness.sqs.send_message(QueueUrl=harness.queue_url, MessageBody=json.dumps(fan_out))
    return key


def pump(harness, now: Clock, waits: Iterable[int] = ()) -> list[dict[str, Any]]:
    """Work the queue as Lambda's trigger does: what the handler reports failed stays; when the
    queue is empty, the clock moves on by the next wait and the failed messages come back."""
    waits, pending, answers = iter(waits), [], []
    while True:
        batch = harness.sqs.receive_message(QueueUrl=harness.queue_url, MaxNumberOfMessages=10).get("Messages", [])
        if batch:
            answer = harness.client.lambda_.invoke("send_notifications", sqs_event(batch)).payload
            answers.append(answer)
            failed = {f["itemIdentifier"] for f in answer["batchItemFailures"]}
            for message in batch:
                if message["MessageId"] in failed:
                    pending.append(message)
                else:
                    harness.sqs.delete_message(QueueUrl=harness.queue_url, ReceiptHandle=message["ReceiptHandle"])
            continue
        if not pending:
            return answers
        now.advance(next(waits, max(SCHEDULE_S)))
        for message in pending:  # its visibility timeout has run out
            harness.sqs.change_message_visibility(
                QueueUrl=harness.queue_url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0
            )
        pending = []


def deliveries(harness, creds, name: str = "crm") -> list[dict[str, Any]]:
    response = harness.request("GET", f"/v1/webhooks/{name}/deliveries", creds)
    assert response.status_code == 200, response.body
    return response.json_body["deliveries"]


def test_the_webhook_routes_register_list_replace_and_delete(harness, hvc):
    url = "https://hooks.hvc.example/zaakstatus"
    created = harness.request("PUT", "/v1/webhooks/crm", hvc, {"url": url, **HOOK})
    replaced = harness.request("PUT", "/v1/webhooks/crm", hvc, {"url": url + "/v2", **HOOK, "cases": "all"})
    listed = harness.request("GET", "/v1/webhooks", hvc)

    assert created.status_code == 201 and created.json_body["secret"].startswith("whsec_")
    assert replaced.status_code == 200 and replaced.json_body["secret"] is None
    assert listed.json_body == {"webhooks": [{"name": "crm", "url": url + "/v2", **HOOK, "cases": "all"}]}
    assert deliveries(harness, hvc) == []
    assert harness.request("DELETE", "/v1/webhooks/crm", hvc).status_code == 204
    assert harness.request("DELETE", "/v1/webhooks/crm", hvc).status_code == 404
    assert harness.request("GET", "/v1/webhooks/crm/deliveries", hvc).status_code == 404


@pytest.mark.parametrize(
    "url", ["http://hooks.hvc.example/", "https://169.254.169.254/latest/", "https://hooks.hvc.example/a/%2e%2e/b"]
)
def test_a_url_the_guard_refuses_is_a_400_problem_naming_url(harness, hvc, url):
    response = harness.request("PUT", "/v1/webhooks/crm", hvc, {"url": url, **HOOK})
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in response.json_body["invalid_params"]] == ["url"]


def test_a_receiver_failing_three_times_gets_the_event_once_successfully_signed_under_one_id(
    harness, hvc, receiver, now
):
    secret = register(harness, hvc, receiver.url + "/hooks/hvc")
    receiver.fail_next(503, count=3)
    post_event(harness, hvc, "in_behandeling", "2026-11-28T10:00:00+01:00")

    pump(harness, now, SCHEDULE_S)

    requests = receiver.requests
    assert [r["answered"] for r in requests] == [503, 503, 503, 204]
    assert len({r["headers"]["webhook-id"] for r in requests}) == 1
    assert len({r["body"] for r in requests}) == 1
    for request in requests:
        event = verify(secret, request["body"], request["headers"])
        assert request["headers"]["content-type"] == "application/cloudevents+json"
        assert event["id"] == request["headers"]["webhook-id"]
        assert (event["type"], event["data"]["status"]["code"]) == (
            "nl.zaakstatus.case.status_changed",
            "in_behandeling",
        )
    [delivery] = deliveries(harness, hvc)
    assert (delivery["status"], delivery["attempts"], delivery["last_error"]) == ("delivered", 4, "http-503")
    assert delivery["id"] == requests[0]["headers"]["webhook-id"]
    assert (now.at - T0).total_seconds() == sum(SCHEDULE_S[:3])  # 10 s, 1 min, 5 min


def test_a_receiver_that_always_fails_ends_recorded_as_failed_after_the_horizon(harness, hvc, receiver, now, capsys):
    register(harness, hvc, receiver.url + "/fail/500")
    post_event(harness, hvc, "in_behandeling", "2026-11-28T10:00:00+01:00")

    pump(harness, now, SCHEDULE_S)

    assert len(receiver.requests) == MAX_ATTEMPTS
    assert len({r["headers"]["webhook-id"] for r in receiver.requests}) == 1
    [delivery] = deliveries(harness, hvc)
    assert (delivery["status"], delivery["attempts"], delivery["last_error"]) == ("failed", MAX_ATTEMPTS, "http-500")
    assert (now.at - T0).total_seconds() == sum(SCHEDULE_S)  # about a day of retries
    assert '"WebhookDeliveriesFailed":1' in capsys.readouterr().out  # the metric an alarm watches
    assert harness.queued() == []  # nothing left circulating


def test_no_contact_data_is_in_any_webhook_request(harness, hvc, receiver, now):
    register(harness, hvc, receiver.url + "/hooks/hvc")
    register(harness, hvc, receiver.url + "/hooks/erp", name="erp")
    subscriber = {"channel": "sms", "phone": "06 12345678", "email": "jan@example.nl", "language": "nl"}
    case = {**event_body()["case"], "initiator": {"bsn": "111222333"}}
    post_event(harness, hvc, "in_behandeling", "2026-11-28T10:00:00+01:00", subscriber=subscriber, case=case)
    post_event(harness, hvc, "afgehandeld", "2026-11-29T10:00:00+01:00", subscriber=subscriber, case=case)

    pump(harness, now)

    assert len(receiver.requests) == 6  # 2 webhooks x (status_changed, status_changed + closed)
    for request in receiver.requests:
        text = request["body"] + json.dumps(request["headers"])
        assert findings(text, extra=("612345678", "jan@example.nl", "111222333")) == []
