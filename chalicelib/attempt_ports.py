"""The port of attempt limits: failed sign-ins counted per kind, client address and window, kept in
the table so that every Lambda container sees the same count."""

from __future__ import annotations

from typing import Protocol


class Attempts(Protocol):
    def failures(self, kind: str, address_hash: str, window: int) -> int:
        """How often this address failed in this window (0 when never)."""
        ...

    def count_failure(self, kind: str, address_hash: str, window: int, expires_at: int) -> None:
        """One more failure; the counter goes (TTL) after `expires_at`."""
        ...
