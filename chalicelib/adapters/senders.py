"""The channels' providers, each built on its first message (port: `Senders`): a Lambda that
never sends an SMS never imports twilio."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping

from chalicelib.ports import Sender


class LazySenders:
    def __init__(self, factories: Mapping[str, Callable[[], Sender]]) -> None:
        self._factories = dict(factories)
        self._built: dict[str, Sender] = {}
        self._lock = threading.Lock()  # the local worker sends from several threads

    def names(self) -> frozenset[str]:
        return frozenset(self._factories)

    def get(self, channel: str) -> Sender:
        with self._lock:
            if channel not in self._built:
                self._built[channel] = self._factories[channel]()
            return self._built[channel]
