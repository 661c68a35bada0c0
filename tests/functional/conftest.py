"""The whole app through chalice's test client, on moto, with the Twilio stand-in."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import jwt
import pytest
from chalice.test import Client
from moto import mock_aws

from chalicelib import config, wiring
from local.resources import create_queue, create_table, verify_senders
from local.twilio_standin import TwilioStandIn

ADMIN = {"Authorization": "Bearer test-admin-token", "Content-Type": "application/json"}

HVC_CASE_TYPE = {
    "name": "Klacht afvalinzameling",
    "public_name": {"nl": "Klacht over afvalinzameling", "en": "Waste collection complaint"},
    "service_norm_days": 14,
    "retention_days": 365,
    "statuses": [
        {"code": "ontvangen", "name": "Klacht ontvangen", "notify": False,
         "text": {"nl": "We hebben uw klacht ontvangen."}},
        {"code": "in_behandeling", "name": "Zaak in behandeling genomen", "notify": True,
         "text": {"nl": "Uw klacht over ((case.description)) is in behandeling genomen.",
                  "en": "Your complaint about ((case.description)) is being handled."}},
        {"code": "opgeschort", "name": "Zaak opgeschort", "notify": True,
         "text": {"nl": "Uw klacht is opgeschort. Reden: ((status.explanation))"}},
        {"code": "afgehandeld", "name": "Zaak afgehandeld", "notify": True, "final": True,
         "text": {"nl": "Uw klacht is afgehandeld."}},
    ],
}


class Harness:
    """A case system, an operator and the queue worker, driving the app as Lambda would."""

    def __init__(self, client: Client, standin: TwilioStandIn) -> None:
        self.client = client
        self.standin = standin
        self.sqs = boto3.client("sqs")
        self.queue_url = config.settings().queue_url

    def create_organisation(self, org_id: str, **extra: Any) -> dict[str, Any]:
        body = {"id": org_id, "name": org_id.upper(), "email_from": f"noreply@{org_id}.example", **extra}
        response = self.client.http.post("/v1/admin/organisations", headers=ADMIN, body=json.dumps(body))
        assert response.status_code == 201, response.body
        return response.json_body

    def headers(self, creds: dict[str, Any], **claims: Any) -> dict[str, str]:
        payload = {"client_id": creds["client_id"], "iat": int(time.time()), **claims}
        token = jwt.encode(payload, creds["client_secret"], algorithm="HS256")
        return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def request(self, method: str, path: str, creds: dict[str, Any] | None = None, body: Any = None):
        headers = self.headers(creds) if creds else {"Content-Type": "application/json"}
        data = body if isinstance(body, (str, bytes)) or body is None else json.dumps(body)
        return getattr(self.client.http, method.lower())(path, headers=headers, body=data)

    def queued(self) -> list[dict[str, Any]]:
        """Take every message off the queue, as the Lambda trigger would."""
        messages = []
        while True:
            batch = self.sqs.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=10)
            if not batch.get("Messages"):
                return messages
            messages.extend(batch["Messages"])
            for m in batch["Messages"]:
                self.sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=m["ReceiptHandle"])

    def run_worker(self, messages: list[dict[str, Any]] | None = None) -> Any:
        """Invoke the SQS handler with the queued messages (or the given ones)."""
        messages = self.queued() if messages is None else messages
        if not messages:
            return None
        return self.client.lambda_.invoke("send_notifications", sqs_event(messages))


def sqs_event(messages: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "Records": [
            {
                "messageId": m.get("MessageId", str(uuid.uuid4())),
                "receiptHandle": m.get("ReceiptHandle", "rh"),
                "body": m["Body"],
                "attributes": {"ApproximateReceiveCount": "1"},
                "messageAttributes": {},
                "md5OfBody": "",
                "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:eu-west-1:123456789012:zaakstatus-notifications",
                "awsRegion": "eu-west-1",
            }
            for m in messages
        ]
    }


@pytest.fixture
def standin() -> Iterator[TwilioStandIn]:
    s = config.settings()
    with TwilioStandIn(s.twilio_account_sid, s.twilio_auth_token) as server:
        yield server


@pytest.fixture
def harness(monkeypatch: pytest.MonkeyPatch, standin: TwilioStandIn) -> Iterator[Harness]:
    with mock_aws():
        create_table(boto3.client("dynamodb"), "zaakstatus")
        queue_url = create_queue(boto3.client("sqs"), "zaakstatus-notifications")
        verify_senders(boto3.client("sesv2"), ["zaakstatus.example", "hvc.example", "other.example"])
        monkeypatch.setenv("ZAAKSTATUS_QUEUE_URL", queue_url)
        monkeypatch.setenv("ZAAKSTATUS_TWILIO_BASE_URL", standin.url)
        config.reset()
        wiring.reset()
        from app import app

        with Client(app) as client:
            yield Harness(client, standin)


@pytest.fixture
def hvc(harness: Harness) -> dict[str, Any]:
    creds = harness.create_organisation("hvc", sms_from="HVC")
    response = harness.request("PUT", "/v1/case-types/klacht", creds, HVC_CASE_TYPE)
    assert response.status_code == 201, response.body
    return creds


def event(status: str = "in_behandeling", at: str = "2026-11-28T10:00:00+01:00", **extra: Any) -> dict[str, Any]:
    body = {
        "case": {"id": "HVC-2026-000123", "case_type": "klacht", "description": "container niet geleegd",
                 "expected_end_date": "2026-12-12"},
        "status": status,
        "occurred_at": at,
        "subscriber": {"channel": "sms", "phone": "06 12345678", "email": None, "language": "nl"},
    }
    body.update(extra)
    return body
