"""One message of the sender queue: a notification to send, a retention sweep, or a webhook job
(fan-out of an event, or one delivery: `services/webhook_delivery.py`)."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.documents import DocumentJob
from chalicelib.domain.messages import NotificationRef, parse_job
from chalicelib.domain.webhook_jobs import WebhookDeliveryJob, WebhookFanOut
from chalicelib.services import delivery, document_notices, retention, webhook_delivery
from chalicelib.services.deps import Deps


def process(deps: Deps, body: Any) -> str:
    """Handle one message body; returns an outcome word (PII-free). Raises PoisonMessage for a
    body that is neither, and DeliveryDeferred when the message should come back later."""
    job = parse_job(body)
    if isinstance(job, NotificationRef):
        return delivery.deliver(deps, job)
    if isinstance(job, WebhookFanOut):
        return webhook_delivery.fan_out(deps, job)
    if isinstance(job, WebhookDeliveryJob):
        return webhook_delivery.deliver(deps, job)
    if isinstance(job, DocumentJob):
        return document_notices.announce(deps, job)
    return f"retention-{retention.sweep(deps, job.org_id, job.case_id)}"
