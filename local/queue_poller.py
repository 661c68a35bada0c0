"""What Lambda's SQS trigger does, for the local run: poll the queue, call the handler, delete.

A batch whose handler raises stays on the queue and comes back after the visibility timeout, as
in AWS. A handler answer with `batchItemFailures` keeps just those (ReportBatchItemFailures).
Message bodies are never logged; of an exception only its type.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger("local.queue_poller")

Handler = Callable[[dict[str, Any], Any], Any]


class QueuePoller:
    def __init__(
        self,
        sqs: Any,
        queue_url: str,
        handler: Handler,
        region: str,
        threads: int = 2,
    ) -> None:
        self._sqs = sqs
        self._queue_url = queue_url
        self._handler = handler
        self._region = region
        self._threads_wanted = threads
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]

    def start(self) -> QueuePoller:
        for i in range(self._threads_wanted):
            t = threading.Thread(target=self._run, name=f"sqs-worker-{i}", daemon=True)
            t.start()
            self._threads.append(t)
        return self

    def stop(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once()
            except Exception as exc:  # noqa: BLE001 - keep polling whatever happens
                log.warning("queue poll failed: %s", type(exc).__name__)
                self._stop.wait(1)

    def poll_once(self) -> int:
        received = self._sqs.receive_message(
            QueueUrl=self._queue_url,
            MaxNumberOfMessages=10,
            WaitTimeSeconds=1,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        if not received:
            return 0
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
