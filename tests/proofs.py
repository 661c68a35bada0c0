"""What the proofs share (tests/security/test_jwt_generated.py, tests/property/test_replays.py and
tests/property/test_fault_injection.py): how many cases to try, how to print a figure, and AWS
clients that fail at a chosen call.

`make test` runs the proofs small (seconds); `make soak` raises the counts through the
ZAAKSTATUS_SOAK_* variables and shows the figures (`pytest -s`).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError, ReadTimeoutError

# The calls a fault may hit: every operation the app makes on the path, reads and writes alike.
OPERATIONS = {
    "dynamodb": {"get_item", "put_item", "update_item", "delete_item", "query"},
    "sqs": {"send_message", "send_message_batch", "change_message_visibility", "get_queue_url"},
}
# What each service answers when it is busy, after botocore's own retries gave up.
THROTTLED = {
    "dynamodb": (("ProvisionedThroughputExceededException", 400), ("ThrottlingException", 400)),
    "sqs": (("RequestThrottled", 403), ("InternalError", 500)),
}


def count(name: str, default: int) -> int:
    """ZAAKSTATUS_SOAK_<name>, else `default`."""
    return int(os.environ.get(f"ZAAKSTATUS_SOAK_{name}", default))


def figure(line: str) -> None:
    """A measured figure, shown by `pytest -s` and kept in a failing test's output; also added to
    the file ZAAKSTATUS_SOAK_REPORT names (`make soak`: pytest-xdist's workers print nowhere)."""
    print(f"\nPROOF: {line}", flush=True)
    report = os.environ.get("ZAAKSTATUS_SOAK_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as out:
            out.write(line + "\n")


class Crash(BaseException):
    """The Lambda died here: its whole batch comes back from the queue."""


class Faults:
    """Counts the calls on wrapped clients; the `fail_at`-th call (1-based) fails once.

    `mode` "throttled": the service refuses the call (not carried out), with `code`.
    `mode` "timeout": the call is carried out, its answer is lost (a read timeout).
    `mode` "crash": the process dies before the call (no except-clause of the app runs).
    """

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.fail_at: int | None = None
        self.mode = "throttled"
        self.code = ("ThrottlingException", 400)
        self.armed = False
        self.probe: Callable[[], Any] = lambda: None
        self.seen: list[Any] = []  # the probe's value at each call

    def arm(self, fail_at: int | None = None, mode: str = "throttled", code: tuple[str, int] | None = None) -> None:
        self.calls, self.seen, self.fail_at, self.mode, self.armed = [], [], fail_at, mode, True
        self.code = code or self.code

    def disarm(self) -> list[str]:
        self.armed = False
        return self.calls

    def call(self, service: str, operation: str, real: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self.armed:
            return real(*args, **kwargs)
        self.calls.append(f"{service}.{operation}")
        self.seen.append(self.probe())
        hit = len(self.calls) == self.fail_at
        if hit and self.mode == "crash":
            raise Crash(f"{service}.{operation}")
        if hit and self.mode == "throttled":
            code, status = self.code
            error = {"Error": {"Code": code, "Message": "injected"}, "ResponseMetadata": {"HTTPStatusCode": status}}
            raise ClientError(error, operation)  # type: ignore[arg-type]
        answer = real(*args, **kwargs)
        if hit:
            raise ReadTimeoutError(endpoint_url=f"https://{service}.injected")
        return answer

    def wrap(self, service: str, client: Any) -> Any:
        return _Client(self, service, client) if service in OPERATIONS else client

    def patch_clients(self, monkeypatch: Any) -> None:
        """Every AWS client the app builds (bootstrap.aws_client) goes through these faults."""
        from chalicelib import bootstrap

        real = bootstrap.aws_client

        @functools.cache
        def faulty(service: str) -> Any:
            return self.wrap(service, real(service))

        monkeypatch.setattr(bootstrap, "aws_client", faulty)


class AtomicCalls:
    """One AWS call at a time, as each DynamoDB and SQS request is atomic on AWS. moto's
    in-memory tables are not safe for threads (a query iterating while another thread puts
    raises "dictionary changed size during iteration"); the app's own steps still interleave
    between calls, which is where its races would be."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def call(self, service: str, operation: str, real: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return real(*args, **kwargs)

    def patch_clients(self, monkeypatch: Any) -> None:
        from chalicelib import bootstrap

        real = bootstrap.aws_client

        @functools.cache
        def atomic(service: str) -> Any:
            client = real(service)
            return _Client(self, service, client) if service in OPERATIONS else client

        monkeypatch.setattr(bootstrap, "aws_client", atomic)


class _Client:
    def __init__(self, faults: Faults | AtomicCalls, service: str, client: Any) -> None:
        self._faults, self._service, self._client = faults, service, client

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._client, name)
        if name not in OPERATIONS[self._service]:
            return attribute
        return functools.partial(self._faults.call, self._service, name, attribute)


class Redelivery:
    """The sender queue as SQS treats the Lambda: every message of a batch that fails (raises,
    or is named in `batchItemFailures`) comes back, again and again, until it is handled. The
    clock moves past a claim's lease between rounds, as the queue's backoff would."""

    def __init__(self, harness: Any, monkeypatch: Any) -> None:
        from chalicelib.domain import clock, retry

        self.harness = harness
        self.skew = 0
        self.lease = retry.LEASE_SECONDS + 1
        real_now = clock.now
        monkeypatch.setattr(clock, "now", lambda: real_now() + _seconds(self.skew))

    def drain(self, messages: list[dict[str, Any]] | None = None, rounds: int = 12) -> int:
        """Deliver until nothing is left on the queue or in flight; returns the deliveries made."""
        pending = list(messages or []) + self.harness.queued()
        deliveries = 0
        for _ in range(rounds):
            if not pending:
                return deliveries
            deliveries += len(pending)
            failed = set().union(*(self._failed(pending[i : i + 10]) for i in range(0, len(pending), 10)))
            pending = [m for m in pending if m["MessageId"] in failed] + self.harness.queued()
            if failed:
                self.skew += self.lease
        raise AssertionError(f"{len(pending)} messages still undelivered after {rounds} rounds")

    def _failed(self, batch: list[dict[str, Any]]) -> set[str]:
        try:
            answer = self.harness.run_worker(batch)
        except (Exception, Crash):  # noqa: BLE001 - the whole batch failed: all of it comes back
            return {m["MessageId"] for m in batch}
        return {f["itemIdentifier"] for f in (answer.payload or {}).get("batchItemFailures", [])}


def _seconds(n: int) -> Any:
    import datetime as dt

    return dt.timedelta(seconds=n)
