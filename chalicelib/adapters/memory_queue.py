"""A queue as a list (port: `Queue`), for unit tests: what was sent, delayed and dead-lettered."""

from __future__ import annotations

import json
from typing import Any


class ListQueue:
    """Keeps the messages in order; each body goes through JSON, as SQS would carry it."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []
        self.delays: list[tuple[str, int]] = []
        self.dead: list[dict[str, Any]] = []

    def send(self, body: dict[str, Any]) -> None:
        # A copy through JSON, as SQS would: nothing but JSON survives the trip.
        self.messages.append(json.loads(json.dumps(body)))

    def delay(self, receipt_handle: str, seconds: int) -> None:
        self.delays.append((receipt_handle, seconds))

    def dead_letter(self, body: dict[str, Any]) -> None:
        self.dead.append(json.loads(json.dumps(body)))
