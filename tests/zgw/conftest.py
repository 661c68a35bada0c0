"""ZGW fixtures: the app on moto (the shared harness) with the ZGW queue, the fake ZGW APIs
whose every answer is checked against the official descriptions, and a fake hub."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from chalicelib import bootstrap, config
from local.fake_hub import FakeHub
from local.fake_zgw import FakeZgw
from local.resources import create_zgw_queue
from tests.harness import Harness, sqs_event
from tests.zgw.openapi import check_answer

CLIENT_ID = "zaakstatus-hvc"
CLIENT_SECRET = "a-shared-secret-of-at-least-32-bytes!"
HUB_AUTH = "Bearer hub-token-agreed-with-open-notificaties"
RSIN = "002220647"
STATUSES = [
    ("Ontvangen", False, "We hebben uw klacht ontvangen."),
    ("In behandeling", True, "Uw klacht wordt behandeld."),
    ("Afgehandeld", True, "Uw klacht is afgehandeld."),
]


@pytest.fixture
def fake() -> Iterator[FakeZgw]:
    with FakeZgw({CLIENT_ID: CLIENT_SECRET}) as server:
        yield server
        problems = [p for s in server.served for p in check_answer(s["template"], s["status"], s["body"], s["headers"])]
        assert problems == [], "the fake ZGW server drifted from the OpenAPI descriptions"


class Zgw:
    """An organisation connected to its ZGW APIs and hub, and the two queue workers."""

    def __init__(self, harness: Harness, fake: FakeZgw, creds: dict[str, Any], queue_url: str) -> None:
        self.harness, self.fake, self.creds, self.queue_url = harness, fake, creds, queue_url
        self.hub = FakeHub(self._post)
        self.sqs = boto3.client("sqs")

    def _post(self, callback: str, headers: dict[str, str], body: str) -> int:
        return self.harness.client.http.post(callback, headers=headers, body=body).status_code

    def connect(self, **changes: Any) -> Any:
        body = {
            "zaken_api": self.fake.zaken_api,
            "catalogi_api": self.fake.catalogi_api,
            "client_id": CLIENT_ID,
            "secret": CLIENT_SECRET,
            "rsins": [RSIN],
            "notifications_authorization": HUB_AUTH,
            **changes,
        }
        return self.harness.request("PUT", "/v1/zgw/connection", self.creds, body)

    def queued(self) -> list[dict[str, Any]]:
        messages = []
        while True:
            batch = self.sqs.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=10).get("Messages", [])
            if not batch:
                return messages
            messages.extend(batch)
            for m in batch:
                self.sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=m["ReceiptHandle"])

    def resolve(self, messages: list[dict[str, Any]] | None = None) -> list[str]:
        """Run the ZGW queue's handler on what is queued, one message at a time (any order);
        the ids of the messages it reported failed (`batchItemFailures`)."""
        messages = self.queued() if messages is None else messages
        failed = []
        for m in messages:
            answer = self.harness.client.lambda_.invoke("resolve_zgw_notifications", sqs_event([m])).payload
            failed += [f["itemIdentifier"] for f in answer["batchItemFailures"]]
        return failed

    def reconcile(self) -> None:
        """What the hourly schedule does."""
        event = self.harness.client.events.generate_cw_event(
            source="aws.events", detail_type="Scheduled Event", detail={}, resources=[]
        )
        self.harness.client.lambda_.invoke("reconcile_zgw", event)

    def deliver_and_process(self) -> None:
        assert self.resolve() == []
        self.harness.run_worker()

    def sms(self) -> list[dict[str, Any]]:
        return self.harness.standin.messages


@pytest.fixture
def zgw(harness: Harness, fake: FakeZgw, monkeypatch: pytest.MonkeyPatch) -> Zgw:
    queue_url = create_zgw_queue(boto3.client("sqs"), "zaakstatus-zgw")
    monkeypatch.setenv("ZAAKSTATUS_ZGW_QUEUE_URL", queue_url)
    monkeypatch.setenv("ZAAKSTATUS_ZGW_RETRY_BACKOFF", "0")  # urllib3 retries without sleeping
    monkeypatch.setenv("ZAAKSTATUS_ZGW_REDELIVERY_S", "0")  # a failed message is visible again at once
    config.reset()
    bootstrap.reset()
    creds = harness.create_organisation("hvc", sms_from="HVC", quiet_hours=False)
    return Zgw(harness, fake, creds, queue_url)


@pytest.fixture
def connected(zgw: Zgw) -> Zgw:
    response = zgw.connect()
    assert response.status_code == 200, response.body
    return zgw


def body(response: Any) -> Any:
    return json.loads(response.body) if response.body else None
