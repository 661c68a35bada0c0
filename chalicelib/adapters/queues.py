"""The notification queue: SQS, and a list for unit tests."""

from __future__ import annotations

import json
from typing import Any, Callable


class SqsQueue:
    def __init__(self, client_factory: Callable[[], Any], queue_url: Callable[[], str]) -> None:
        self._client_factory = client_factory
        self._queue_url = queue_url

    def send(self, body: dict[str, Any]) -> None:
        self._client_factory().send_message(
            QueueUrl=self._queue_url(), MessageBody=json.dumps(body, sort_keys=True)
        )


class ListQueue:
    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    def send(self, body: dict[str, Any]) -> None:
        # A copy through JSON, as SQS would: nothing but JSON survives the trip.
        self.messages.append(json.loads(json.dumps(body)))
