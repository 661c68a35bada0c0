"""The ZGW queue's messages (`{"org", "zgw": <inbox key>}`): resolve, then forget the message.

A ZGW API that cannot be reached (after the client's own short retries) raises `ZgwError`: the
message is reported failed and returns to the queue after a delay that doubles per receive;
after the queue's receive limit (8) SQS moves it to the dead-letter queue, and the scheduled
reconciliation recovers the status from the Zaken API anyway. What can never succeed (a resource that is gone, a URL
outside the connection, a status no case type can take) is logged and dropped.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from chalicelib import tokens
from chalicelib.wiring import Services
from chalicelib.zgw import connection as connections
from chalicelib.zgw.client import ForeignUrl, ZgwNotFound
from chalicelib.zgw.models import NotificationIn
from chalicelib.zgw.resolve import Unresolvable, resolve_status, zaak_hash
from chalicelib.zgw.webhook import STATUS_CREATE, ZAAK_DESTROY

log = logging.getLogger(__name__)


MAX_DELAY_S = 43_200  # SQS's limit for a visibility timeout


def handle_batch(svc: Services, event: dict[str, Any], context: Any = None) -> dict[str, Any]:
    """The ZGW queue's batch: each message on its own; the failed ones are reported
    (`batchItemFailures`, ReportBatchItemFailures on the trigger) and come back after a delay
    that doubles per receive (60 s, 120 s, ... : about four hours over the queue's 8 receives)."""
    from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response

    def one(record: Any) -> str:
        try:
            outcome = handle(svc, json.loads(record.body))
        except Exception as exc:
            receives = int(record.attributes.approximate_receive_count or 1)
            delay = min(svc.settings.zgw_redelivery_s * 2 ** (receives - 1), MAX_DELAY_S)
            try:
                svc.zgw_queue.delay(record.receipt_handle, delay)
            except Exception as delay_error:  # noqa: BLE001 - then the queue's own timeout applies
                log.warning("zgw queue message %s: no backoff set (%s)", record.message_id, type(delay_error).__name__)
            log.warning("zgw queue message %s failed (%s), back in %ss", record.message_id, type(exc).__name__, delay)
            raise
        log.info("zgw queue message %s: %s", record.message_id, outcome)
        return outcome

    processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)
    return process_partial_response(event=event, record_handler=one, processor=processor, context=context)


def handle(svc: Services, body: dict[str, Any]) -> str:
    org_id, key = body["org"], body["zgw"]
    message = svc.store.get_zgw_inbox(org_id, key)
    if message is None:
        return "done before"
    outcome = _process(svc, org_id, NotificationIn.model_validate(message))
    svc.store.delete_zgw_inbox(org_id, key)
    return outcome


def _process(svc: Services, org_id: str, notification: NotificationIn) -> str:
    connection = svc.store.get_zgw_connection(org_id)
    if connection is None:
        return "no connection"
    what = (notification.kanaal, notification.resource, notification.actie)
    if what == ZAAK_DESTROY:
        return destroy(svc, org_id, str(notification.resource_url))
    if what != STATUS_CREATE:
        return "ignored"
    try:
        result = resolve_status(svc, connection, connections.client(svc, connection), str(notification.resource_url))
    except (ZgwNotFound, ForeignUrl, Unresolvable) as exc:
        log.warning("zgw status for %s dropped: %s: %s", org_id, type(exc).__name__, exc)
        return "dropped"
    if result is None:
        return "not ours"
    return "duplicate" if result.get("duplicate") else "accepted"


def destroy(svc: Services, org_id: str, zaak_url: str) -> str:
    digest = zaak_hash(zaak_url)
    link = svc.store.get_zgw_zaak(org_id, digest)
    if link is None:
        return "unknown zaak"
    token = tokens.derive(svc.settings.token_key, org_id, link.case_id)
    svc.store.delete_case(org_id, link.case_id, tokens.lookup_hash(token))
    svc.store.delete_zgw_zaak(org_id, digest)
    return "destroyed"
