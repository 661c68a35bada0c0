"""Abuse limits without a database write per request: a sliding window kept in memory.

Each Lambda container (or local server) counts for itself, so with N warm containers an
organisation can reach N x the limit; API Gateway's stage and usage-plan throttling is the
hard ceiling in deployed stages (see SECURITY.md). A DynamoDB counter would make the limit
exact but would double the write cost of every non-notifying event.

The window is the usual two-bucket approximation: the previous minute's count, weighted by
how much of it still overlaps the last 60 seconds, plus this minute's count.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from chalice import Chalice, Response

from chalicelib.domain.errors import TooManyRequests
from chalicelib.web.http import problem_response, with_security_headers
from chalicelib.web.problems import problem_for

WINDOW_S = 60.0
MAX_KEYS = 50_000  # client addresses are many; memory per container stays bounded
TRACKING_PREFIXES = ("/v1/track/", "/track/")


class SlidingWindow:
    def __init__(self, clock: Callable[[], float] = time.monotonic, max_keys: int = MAX_KEYS) -> None:
        self._clock = clock
        self._max_keys = max_keys
        self._lock = threading.Lock()
        # key -> [window index, count in that window, count in the window before]
        self._counts: dict[str, list[int]] = {}

    def hit(self, key: str, limit: int, window: float = WINDOW_S) -> int | None:
        """Count one request; None when allowed, else the seconds to wait (Retry-After)."""
        now = self._clock()
        whole, into = divmod(now, window)
        index = int(whole)
        with self._lock:
            entry = self._counts.get(key)
            if entry is None or entry[0] < index - 1:
                entry = [index, 0, 0]
            elif entry[0] == index - 1:
                entry = [index, 0, entry[1]]
            estimate = entry[2] * (1 - into / window) + entry[1]
            if estimate + 1 > limit:
                self._counts[key] = entry
                return max(1, math.ceil(window - into))
            entry[1] += 1
            self._counts[key] = entry
            if len(self._counts) > self._max_keys:
                self._forget(index)
            return None

    def _forget(self, index: int) -> None:
        stale = [k for k, (i, _, _) in self._counts.items() if i < index]
        for k in stale:
            del self._counts[k]
        if len(self._counts) > self._max_keys:  # all fresh: drop the oldest half
            for k in list(self._counts)[: len(self._counts) // 2]:
                del self._counts[k]


@dataclass(frozen=True)
class Limits:
    ingest_per_minute: int  # per organisation, per container
    tracking_per_minute: int  # tracking-token lookups per client address, per container
    window: SlidingWindow = field(default_factory=SlidingWindow)


def check(limiter: SlidingWindow, bucket: str, key: str, per_minute: int, what: str) -> None:
    """TooManyRequests (429 with Retry-After) when `key` is over `per_minute` in `bucket`."""
    wait = limiter.hit(f"{bucket}\0{key}", per_minute)
    if wait is not None:
        raise TooManyRequests(f"Too many {what}; try again in {wait} seconds.", retry_after=wait)


def limit_ingest(limits: Limits, org_id: str) -> None:
    check(limits.window, "ingest", org_id, limits.ingest_per_minute, "events from this organisation")


def limit_tracking_lookups(app: Chalice, limits: Callable[[], Limits], is_local: Callable[[], bool]) -> None:
    """Every request that looks up a tracking token (JSON, page, preferences) counts against
    the caller's address: guessing 128-bit tokens is hopeless anyway, this keeps it noisy and
    slow. The address is API Gateway's `sourceIp` (the TCP peer), not X-Forwarded-For, which a
    client can write itself."""

    @app.middleware("http")
    def tracking_limit(event: Any, get_response: Callable[[Any], Response]) -> Response:
        if event.path.startswith(TRACKING_PREFIXES):
            current = limits()
            address = ((event.context or {}).get("identity") or {}).get("sourceIp") or "unknown"
            try:
                check(current.window, "track", address, current.tracking_per_minute, "tracking lookups")
            except TooManyRequests as error:
                return with_security_headers(problem_response(problem_for(error)), is_local())
        return get_response(event)
