"""The AWS requests of one warm notified event, end to end: the API's `POST /v1/events` and the
sender Lambda's handling of its queue message (the queue's own receive and delete are Lambda's
poller's, not the function's). Each request costs botocore CPU, Lambda time and, for DynamoDB,
units: this budget is docs/performance.md's, and a new request on the hot path fails here."""

from __future__ import annotations

from collections import Counter
from typing import Any

import botocore.client
import pytest

from tests.builders import event_body
from tests.harness import Harness

# What each request is for (docs/performance.md, "Requests per event").
INGEST = {
    "dynamodb.GetItem": 1,  # the organisation's configuration version (client, case type, webhooks cached)
    "dynamodb.Query": 1,  # the case: replay, order and staleness need its current status
    "dynamodb.PutItem": 1,  # the event, conditional on its identity: stored once
    "dynamodb.UpdateItem": 1,  # the reports' counter of the status change
    "sqs.SendMessage": 1,  # the notification to send
}
# No GetItem: the message names the configuration version, and nothing suppresses a phone number.
DELIVERY = {
    "dynamodb.Query": 1,  # the case with its parties and notifications
    "dynamodb.UpdateItem": 4,  # the claim, the recipient's daily cap, the outcome, the SMS counter
}


@pytest.fixture
def requests(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    counted: Counter[str] = Counter()
    make_call = botocore.client.BaseClient._make_api_call

    def counting(client: Any, operation: str, params: Any) -> Any:
        counted[f"{client.meta.service_model.service_name}.{operation}"] += 1
        return make_call(client, operation, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", counting)
    return counted


def test_a_warm_notified_event_stays_within_its_request_budget(
    harness: Harness, hvc: dict[str, Any], requests: Counter[str]
) -> None:
    first = harness.request("POST", "/v1/events", hvc, event_body("ontvangen", "2026-11-28T09:00:00+01:00"))
    assert first.status_code == 202, first.body
    harness.run_worker_until_empty()  # the container is warm: configuration read, clients built
    requests.clear()

    accepted = harness.request("POST", "/v1/events", hvc, event_body("in_behandeling"))
    assert accepted.status_code == 202, accepted.body
    ingest = Counter(requests)
    messages = harness.queued()
    requests.clear()
    harness.run_worker(messages)
    delivery = Counter(requests)

    assert len(messages) == 1
    assert len(harness.standin.messages) == 1  # "ontvangen" does not notify: this event's SMS only
    assert dict(ingest) == INGEST
    assert dict(delivery) == DELIVERY
    assert sum(ingest.values()) + sum(delivery.values()) == 10
