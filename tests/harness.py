"""The whole app through chalice's test client, driven as a case system, an operator and the
queue's Lambda trigger would drive it."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import boto3
import jwt
from chalice.test import Client

from chalicelib import config
from local.twilio_standin import TwilioStandIn

ADMIN = {"Authorization": "Bearer test-admin-token", "Content-Type": "application/json"}


def org_token(creds: dict[str, Any], **claims: Any) -> str:
    payload = {"client_id": creds["client_id"], "iat": int(time.time()), **claims}
    return jwt.encode(payload, creds["client_secret"], algorithm="HS256")


class Harness:
    def __init__(self, client: Client, standin: TwilioStandIn) -> None:
        self.client = client
        self.standin = standin
        self.sqs = boto3.client("sqs")
        self.queue_url = config.settings().queue_url

    def create_organisation(self, org_id: str, **extra: Any) -> dict[str, Any]:
        body = {"id": org_id, "name": org_id.upper(), "email_from": f"noreply@{org_id}.example", **extra}
        response = self.client.http.post("/v1/admin/organisations", headers=ADMIN, body=json.dumps(body))
        assert response.status_code == 201, response.body
        created: dict[str, Any] = response.json_body
        return created

    def headers(self, creds: dict[str, Any], **claims: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {org_token(creds, **claims)}", "Content-Type": "application/json"}

    def request(self, method: str, path: str, creds: dict[str, Any] | None = None, body: Any = None) -> Any:
        headers = self.headers(creds) if creds else {"Content-Type": "application/json"}
        data = body if isinstance(body, (str, bytes)) or body is None else json.dumps(body)
        return getattr(self.client.http, method.lower())(path, headers=headers, body=data)

    def queued(self) -> list[dict[str, Any]]:
        """Take every message off the queue, as the Lambda trigger would."""
        messages: list[dict[str, Any]] = []
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

    def run_worker_until_empty(self, rounds: int = 5) -> None:
        """Invoke the SQS handler until the queue stays empty (a fallback is a new message)."""
        for _ in range(rounds):
            if self.run_worker() is None:
                return


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
