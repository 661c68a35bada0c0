"""Ports of test mode: the simulator's outbox of a test tenant's messages."""

from __future__ import annotations

from typing import Protocol

from chalicelib.domain.test_mode import SimulatedMessage


class SimulatedOutbox(Protocol):
    """What the simulator took from a test tenant (`<org>~test`) instead of a provider; each
    message kept a week."""

    def add(self, tenant: str, message: SimulatedMessage) -> None: ...

    def latest(self, tenant: str, limit: int) -> list[SimulatedMessage]:
        """The tenant's newest `limit` messages, newest first."""
        ...
