"""One queue message of the sender's queue: a notification to send, or a retention sweep.

The queue carries keys only. Most messages name a notification (`org`, `case`, `event`); a case
that closed or reopened asks for a retention sweep (`kind: retention`), kept off the ingest path
so that accepting an event stays one write.
"""

from __future__ import annotations

from typing import Any

from chalicelib import delivery, retention
from chalicelib.wiring import Services

NOTIFICATION_KEYS = ("org", "case", "event")


class PoisonMessage(Exception):
    """A body that is neither; it goes the redrive way to the dead-letter queue."""


def process(svc: Services, body: Any) -> str:
    """Handle one message body; returns an outcome word (PII-free). May raise DeliveryDeferred."""
    if not isinstance(body, dict):
        raise PoisonMessage("not a JSON object")
    if body.get("kind") == retention.JOB:
        if not all(isinstance(body.get(k), str) for k in ("org", "case")):
            raise PoisonMessage("retention job without org and case")
        return f"retention-{retention.apply(svc, body['org'], body['case'])}"
    message = {k: body.get(k) for k in NOTIFICATION_KEYS}
    if not all(isinstance(v, str) for v in message.values()):
        raise PoisonMessage("notification message without org, case and event")
    return delivery.deliver(svc, message)
