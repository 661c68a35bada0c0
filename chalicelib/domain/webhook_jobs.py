"""The webhook jobs on the sender queue: keys only, like every other message there.

- `{"kind": "webhooks", "org", "case", "event"}`: a status event was accepted; find the webhooks
  that want it, record a delivery for each and ask for it to be sent (the fan-out). Ingest sends
  `WebhookFanOut(org_id, case_id, event_key).body()` after it accepted a newer event.
- `{"kind": "webhook", "org", "name", "delivery"}`: try one delivery of one webhook (`org` is the
  webhook's organisation, `delivery` the delivery's key).

`domain.messages.parse_job` hands bodies of these kinds to `parse_webhook_job`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FAN_OUT = "webhooks"
DELIVERY = "webhook"
KINDS = (FAN_OUT, DELIVERY)


@dataclass(frozen=True)
class WebhookFanOut:
    org_id: str  # the case's owner
    case_id: str
    event_key: str

    def body(self) -> dict[str, str]:
        return {"kind": FAN_OUT, "org": self.org_id, "case": self.case_id, "event": self.event_key}


@dataclass(frozen=True)
class WebhookDeliveryJob:
    org_id: str  # the webhook's organisation (for a shared case, not the case's owner)
    name: str
    delivery: str  # the delivery's key (`Delivery.key`)

    def body(self) -> dict[str, str]:
        return {"kind": DELIVERY, "org": self.org_id, "name": self.name, "delivery": self.delivery}


WebhookJob = WebhookFanOut | WebhookDeliveryJob


def parse_webhook_job(body: dict[str, Any]) -> WebhookJob:
    """The job a body of one of these kinds names; ValueError when a key is missing."""
    if body.get("kind") == FAN_OUT:
        org_id, case_id, event_key = (body.get(k) for k in ("org", "case", "event"))
        if isinstance(org_id, str) and isinstance(case_id, str) and isinstance(event_key, str):
            return WebhookFanOut(org_id, case_id, event_key)
        raise ValueError("webhooks job without org, case and event")
    if body.get("kind") == DELIVERY:
        org_id, name, delivery = (body.get(k) for k in ("org", "name", "delivery"))
        if isinstance(org_id, str) and isinstance(name, str) and isinstance(delivery, str):
            return WebhookDeliveryJob(org_id, name, delivery)
        raise ValueError("webhook job without org, name and delivery")
    raise ValueError("not a webhook job")
