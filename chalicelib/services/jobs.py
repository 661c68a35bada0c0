"""One message of the sender queue: a notification to send, or a retention sweep."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.messages import NotificationRef, parse_job
from chalicelib.services import delivery, retention
from chalicelib.services.deps import Deps


def process(deps: Deps, body: Any) -> str:
    """Handle one message body; returns an outcome word (PII-free). Raises PoisonMessage for a
    body that is neither, and DeliveryDeferred when the message should come back later."""
    job = parse_job(body)
    if isinstance(job, NotificationRef):
        return delivery.deliver(deps, job)
    return f"retention-{retention.sweep(deps, job.org_id, job.case_id)}"
