"""The local run's own robustness, measured on the stack the end-to-end part started: connections
reset under a burst of 40 clients, and how long it takes to stop on SIGTERM while busy.

A reset is a `ConnectionResetError` (or a refused or broken connection) seen by a client: the
server's listen backlog overflowed. The stop is timed from SIGTERM to the process's exit while
its workers still deliver the burst's notifications.
"""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bench.common import event
from local.driver import request

RESETS = (ConnectionResetError, ConnectionRefusedError, BrokenPipeError, ConnectionAbortedError)


def burst_of_clients(api: str, token: Any, events: int = 1000, clients: int = 40) -> dict[str, Any]:
    """`events` POSTs from `clients` threads, each request on a connection of its own."""
    tokens = threading.local()
    outcomes: dict[str, int] = {}
    lock = threading.Lock()

    def post(i: int) -> None:
        if getattr(tokens, "value", None) is None:
            tokens.value = token()
        body = event("burst", i, "in_behandeling", with_subscriber=True)
        try:
            status, _ = request("POST", api + "/v1/events", tokens.value, body, timeout=120)
            word = str(status)
        except RESETS as exc:
            word = type(exc).__name__
        except OSError as exc:  # urllib wraps a reset during the request in URLError
            word = type(getattr(exc, "reason", exc)).__name__
        with lock:
            outcomes[word] = outcomes.get(word, 0) + 1

    started = time.monotonic()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(post, range(events)))
    resets = sum(n for word, n in outcomes.items() if word in {c.__name__ for c in RESETS})
    return {
        "clients": clients,
        "requests": events,
        "answers": outcomes,
        "resets": resets,
        "seconds": round(time.monotonic() - started, 1),
    }


def time_to_stop(process: subprocess.Popen[bytes], timeout_s: float = 30) -> float | None:
    """Seconds from SIGTERM to exit; None when it had not stopped after `timeout_s`."""
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return None
    return round(time.monotonic() - started, 2)
