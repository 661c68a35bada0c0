"""Fixtures of the integration tests: adapters against moto and the loopback stand-ins."""

from __future__ import annotations

import threading
from typing import Any

import pytest


@pytest.fixture
def atomic_moto_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    """DynamoDB applies each request atomically (a conditional update is checked and written as
    one step); moto evaluates requests in the caller's thread with no such guarantee, so two
    threads can both pass a condition. Serialise moto's request handling as the real service
    serialises writes to one item, so race tests test our condition and not moto's locking."""
    from moto.core.botocore_stubber import BotocoreStubber

    lock = threading.Lock()
    original = BotocoreStubber.process_request

    def process_request(self: Any, request: Any) -> Any:
        with lock:
            return original(self, request)

    monkeypatch.setattr(BotocoreStubber, "process_request", process_request)
