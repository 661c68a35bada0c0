"""A queue on SQS (port: `Queue`). Bodies are JSON with sorted keys; they carry keys only."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


class SqsQueue:
    def __init__(self, client_factory: Callable[[], Any], queue_url: Callable[[], str]) -> None:
        self._client_factory = client_factory
        self._queue_url = queue_url

    def send(self, body: dict[str, Any]) -> None:
        self._client_factory().send_message(QueueUrl=self._queue_url(), MessageBody=json.dumps(body, sort_keys=True))

    def delay(self, receipt_handle: str, seconds: int) -> None:
        self._client_factory().change_message_visibility(
            QueueUrl=self._queue_url(), ReceiptHandle=receipt_handle, VisibilityTimeout=seconds
        )

    def dead_letter(self, body: dict[str, Any]) -> None:
        client = self._client_factory()
        client.send_message(QueueUrl=self._dlq_url(client), MessageBody=json.dumps(body, sort_keys=True))

    def _dlq_url(self, client: Any) -> str:
        # The dead-letter queue is the queue's name + "-dlq" (local/resources.py, the template).
        name = self._queue_url().rstrip("/").rsplit("/", 1)[-1] + "-dlq"
        return client.get_queue_url(QueueName=name)["QueueUrl"]
