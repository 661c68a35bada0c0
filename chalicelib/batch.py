"""The sender Lambda's batch: each SQS message on its own, partial failures reported.

Powertools' BatchProcessor runs every record and answers `batchItemFailures` with the ids of
those that raised, so a poison message or a deferred one does not send the rest of the batch
back to the queue (the trigger needs ReportBatchItemFailures). A deferred message is given its
backoff first with ChangeMessageVisibility: it comes back when its retry is due, not at once.

Powertools is imported here, inside the sender's path only: the API never pays for it.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from chalicelib import delivery, worker
from chalicelib.worker import PoisonMessage
from chalicelib.wiring import Services

log = logging.getLogger(__name__)


def handle(svc: Services, event: dict[str, Any], context: Any = None) -> dict[str, Any]:
    from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response

    def one(record: Any) -> str:
        try:
            body = json.loads(record.body)
        except ValueError:
            raise PoisonMessage(record.message_id) from None
        try:
            outcome = worker.process(svc, body)
        except delivery.DeliveryDeferred as deferred:
            svc.queue.delay(record.receipt_handle, min(deferred.seconds, 43_200))
            log.info("queue message %s: deferred %ss (%s)", record.message_id, deferred.seconds, deferred.kind)
            raise
        log.info("queue message %s: %s", record.message_id, outcome)
        return outcome

    processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)
    return process_partial_response(event=event, record_handler=one, processor=processor, context=context)
