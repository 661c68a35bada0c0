"""What the webhook routes answer (exact models, as in `domain/answers.py`; `/openapi.json`
describes them from here)."""

from __future__ import annotations

from typing import Literal

from chalicelib.domain.answers import Answer
from chalicelib.domain.webhooks import Delivery, Webhook


class WebhookOut(Answer):
    name: str
    url: str
    events: list[str]
    cases: Literal["own", "shared", "all"]

    @classmethod
    def of(cls, hook: Webhook) -> WebhookOut:
        return cls.model_validate({"name": hook.name, "url": hook.url, "events": hook.events, "cases": hook.cases})


class WebhookRegistered(WebhookOut):
    """`secret` is shown once: in the answer that created the webhook. A replace keeps the secret
    and answers null."""

    secret: str | None


class WebhookList(Answer):
    webhooks: list[WebhookOut]


class WebhookDeliveryOut(Answer):
    id: str  # the CloudEvent id and `webhook-id` header
    type: str
    status: Literal["pending", "delivered", "failed"]
    attempts: int
    last_error: str | None
    created_at: str
    updated_at: str

    @classmethod
    def of(cls, delivery: Delivery) -> WebhookDeliveryOut:
        return cls.model_validate(
            {
                "id": delivery.id,
                "type": delivery.type,
                "status": delivery.status,
                "attempts": delivery.attempts,
                "last_error": delivery.last_error,
                "created_at": delivery.created_at.isoformat().replace("+00:00", "Z"),
                "updated_at": delivery.updated_at.isoformat().replace("+00:00", "Z"),
            }
        )


class WebhookDeliveryList(Answer):
    deliveries: list[WebhookDeliveryOut]
