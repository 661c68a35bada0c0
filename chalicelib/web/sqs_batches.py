"""The queues' Lambda batches: each SQS message on its own, partial failures reported.

Powertools' BatchProcessor runs every record and answers `batchItemFailures` with the ids of
those that raised, so a poison message or a deferred one does not send the rest of the batch
back to the queue (the trigger needs ReportBatchItemFailures). A failed message is given its
backoff first with ChangeMessageVisibility: it comes back when its retry is due, not at once.

Powertools is imported inside the handlers: the API never pays for it.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from chalicelib.domain.messages import PoisonMessage
from chalicelib.domain.retry import MAX_VISIBILITY_SECONDS
from chalicelib.domain.webhook_jobs import DELIVERY
from chalicelib.services import jobs
from chalicelib.services.delivery import DeliveryDeferred
from chalicelib.services.deps import Deps
from chalicelib.services.zgw import inbox

log = logging.getLogger(__name__)
# A webhook try takes up to its POST's 10 s and a few writes: with less left of the Lambda's time,
# the message goes back at once instead of being cut off mid-try (its lease would then delay it).
WEBHOOK_TRY_S = 12


def _run(event: dict[str, Any], context: Any, one: Any) -> dict[str, Any]:
    from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response

    processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)
    answer = process_partial_response(event=event, record_handler=one, processor=processor, context=context)
    return dict(answer)


def notifications(deps: Deps, event: dict[str, Any], context: Any = None) -> dict[str, Any]:
    """The sender queue: notifications to send and retention sweeps (`services.jobs`)."""

    def one(record: Any) -> str:
        try:
            body = json.loads(record.body)
        except ValueError:
            raise PoisonMessage(record.message_id) from None
        try:
            _time_for(body, context)
            outcome = jobs.process(deps, body)
        except DeliveryDeferred as deferred:
            deps.queue.delay(record.receipt_handle, min(deferred.seconds, MAX_VISIBILITY_SECONDS))
            log.info("queue message %s: deferred %ss (%s)", record.message_id, deferred.seconds, deferred.kind)
            raise
        log.info("queue message %s: %s", record.message_id, outcome)
        return outcome

    return _run(event, context, one)


def _time_for(body: Any, context: Any) -> None:
    """Defer a webhook delivery that would not finish within the Lambda's remaining time."""
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    if isinstance(body, dict) and body.get("kind") == DELIVERY and callable(remaining):
        if remaining() < WEBHOOK_TRY_S * 1000:
            raise DeliveryDeferred("webhook-no-time-left", 0)


def zgw_messages(deps: Deps, event: dict[str, Any], context: Any = None, redelivery_s: int = 60) -> dict[str, Any]:
    """The ZGW queue (`services.zgw.inbox`): a failed message comes back after a delay that
    doubles per receive (60 s, 120 s, ...: about four hours over the queue's 8 receives)."""

    def one(record: Any) -> str:
        try:
            outcome = inbox.process(deps, json.loads(record.body))
        except Exception as exc:
            receives = int(record.attributes.approximate_receive_count or 1)
            delay = min(redelivery_s * 2 ** (receives - 1), MAX_VISIBILITY_SECONDS)
            try:
                deps.zgw_queue.delay(record.receipt_handle, delay)
            except Exception as delay_error:  # noqa: BLE001 - then the queue's own timeout applies
                log.warning("zgw queue message %s: no backoff set (%s)", record.message_id, type(delay_error).__name__)
            log.warning("zgw queue message %s failed (%s), back in %ss", record.message_id, type(exc).__name__, delay)
            raise
        log.info("zgw queue message %s: %s", record.message_id, outcome)
        return outcome

    return _run(event, context, one)
