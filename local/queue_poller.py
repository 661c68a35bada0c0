"""What Lambda's SQS trigger does, for the local run: poll the queue, call the handler, delete.

A batch whose handler raises stays on the queue and comes back after the visibility timeout, as
in AWS. A handler answer with `batchItemFailures` keeps just those (ReportBatchItemFailures).
Message bodies are never logged; of an exception only its type.

Lambda runs as many batches at once as the queue holds (up to its concurrency); here a thread
stands for each concurrent invocation. A worker mostly waits on AWS and the providers, so there
are several threads per core (`worker_threads`). A batch is handled message after message, so a
worker takes Lambda's full batch only when every other worker is busy: while one waits idle, a
receive takes a single message, and no message waits in a batch behind another one for nothing.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger("local.queue_poller")

Handler = Callable[[dict[str, Any], Any], Any]

BATCH = 10  # the batch size of both queues' triggers in app.py
THREADS_PER_CORE = 8  # a worker's time goes mostly to waiting for DynamoDB, SQS and the provider
MAX_THREADS = 256
# A worker's receive waits up to 20 s for a message, as Lambda's pollers do: the answer comes the
# moment one arrives, and an idle local run does not ask SQS once a second per thread. Stopping
# waits for no receive, and for a handler still running at most this long (then it is left
# behind: daemon threads), so the local run stops within its 5 s.
LONG_POLL_S = 20
STOP_WAIT_S = 1.5


def worker_threads(variable: str) -> int:
    """A poller's threads: the environment's `variable`, else THREADS_PER_CORE per core."""
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return THREADS_PER_CORE * (os.cpu_count() or 1)
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_THREADS:
        raise ValueError(f"{variable} must be a whole number of threads from 1 to {MAX_THREADS}, not {raw!r}")
    return int(raw)


class QueuePoller:
    def __init__(
        self,
        sqs: Any,
        queue_url: str,
        handler: Handler,
        region: str,
        threads: int = 2,
        long_poll_s: int = LONG_POLL_S,
    ) -> None:
        self._sqs = sqs
        self._queue_url = queue_url
        self._handler = handler
        self._region = region
        self._threads_wanted = threads
        self._long_poll_s = long_poll_s
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._busy = 0  # threads handling a batch
        self._busy_changed = threading.Condition()
        self._arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]

    def start(self) -> QueuePoller:
        name = self._queue_url.rstrip("/").rpartition("/")[2]
        for i in range(self._threads_wanted):
            t = threading.Thread(target=self._run, name=f"{name}-{i}", daemon=True)
            t.start()
            self._threads.append(t)
        return self

    def stop(self) -> None:
        self._stop.set()
        with self._busy_changed:
            self._busy_changed.wait_for(lambda: self._busy == 0, timeout=STOP_WAIT_S)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._poll(self._batch_size(), self._long_poll_s)
            except Exception as exc:  # noqa: BLE001 - keep polling whatever happens
                log.warning("queue poll failed: %s", type(exc).__name__)
                self._stop.wait(1)

    def _batch_size(self) -> int:
        with self._busy_changed:
            others_busy = self._busy
        return BATCH if others_busy >= self._threads_wanted - 1 else 1

    def poll_once(self) -> int:
        """One receive of a full batch (waiting up to 1 s), handled in the calling thread; the
        number of messages done."""
        return self._poll(BATCH, 1)

    def _poll(self, most: int, wait_s: int) -> int:
        received = self._sqs.receive_message(
            QueueUrl=self._queue_url,
            MaxNumberOfMessages=most,
            WaitTimeSeconds=wait_s,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        with self._busy_changed:
            if not received or self._stop.is_set():  # received while stopping: back after the timeout
                return 0
            self._busy += 1
        try:
            return self._handle(received)
        finally:
            with self._busy_changed:
                self._busy -= 1
                self._busy_changed.notify_all()

    def _handle(self, received: list[dict[str, Any]]) -> int:
        event = {"Records": [self._record(m) for m in received]}
        try:
            result = self._handler(event, None)
        except Exception as exc:  # noqa: BLE001 - the batch stays on the queue, as in Lambda
            log.warning("batch of %d left on the queue: handler raised %s", len(received), type(exc).__name__)
            return 0
        failed = (
            {f.get("itemIdentifier") for f in (result or {}).get("batchItemFailures", [])}
            if isinstance(result, dict)
            else set()
        )
        done = [m for m in received if m["MessageId"] not in failed]
        if failed:
            log.warning("%d message(s) of a batch left on the queue (batchItemFailures)", len(failed))
        for start in range(0, len(done), 10):
            self._sqs.delete_message_batch(
                QueueUrl=self._queue_url,
                Entries=[
                    {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(done[start : start + 10])
                ],
            )
        return len(done)

    def _record(self, message: dict[str, Any]) -> dict[str, Any]:
        return {
            "messageId": message["MessageId"],
            "receiptHandle": message["ReceiptHandle"],
            "body": message["Body"],
            "attributes": dict(message.get("Attributes", {})),
            "messageAttributes": {
                name: {
                    "stringValue": value.get("StringValue"),
                    "binaryValue": value.get("BinaryValue"),
                    "stringListValues": [],
                    "binaryListValues": [],
                    "dataType": value.get("DataType"),
                }
                for name, value in message.get("MessageAttributes", {}).items()
            },
            "md5OfBody": message.get("MD5OfBody"),
            "eventSource": "aws:sqs",
            "eventSourceARN": self._arn,
            "awsRegion": self._region,
        }


class Ticker:
    """What an EventBridge schedule does, for the local run: call a scheduled handler every
    `seconds` (the quiet-hours release; it does nothing until the morning has come)."""

    def __init__(self, handler: Handler, seconds: float = 60.0) -> None:
        self._handler = handler
        self._seconds = seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="schedule", daemon=True)

    def start(self) -> Ticker:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self._seconds):
            try:
                self._handler(scheduled_event(), None)
            except Exception as exc:  # noqa: BLE001 - keep ticking whatever happens
                log.warning("scheduled handler failed: %s", type(exc).__name__)


def scheduled_event() -> dict[str, Any]:
    """The EventBridge event a scheduled Lambda receives (Chalice reads every field)."""
    import datetime as dt
    import uuid

    return {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": "123456789012",
        "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "region": "eu-west-1",
        "resources": [],
        "detail": {},
    }
