"""Metrics kept in a list (port: `Metrics`), for unit tests."""

from __future__ import annotations


class RecordedMetrics:
    def __init__(self) -> None:
        self.counted: list[tuple[str, int, dict[str, str]]] = []

    def count(self, name: str, value: int = 1, **dimensions: str) -> None:
        self.counted.append((name, value, dict(dimensions)))
