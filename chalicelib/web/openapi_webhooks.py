"""The OpenAPI paths of an organisation's outbound webhooks (contract-v2 §3)."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.webhooks import NAME
from chalicelib.web.openapi_parts import ORG, body, errors, json_answer, path_param

SENT = (
    "Each event is POSTed to the URL as a CloudEvents 1.0 structured event "
    "(`Content-Type: application/cloudevents+json`), signed as Standard Webhooks "
    "(`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256>`); "
    "retried with backoff for about 24 hours until the URL answers 2xx."
)


def webhook_paths() -> dict[str, Any]:
    name = path_param("name", NAME)
    return {
        "/v1/webhooks": {
            "get": {
                "operationId": "listWebhooks",
                "security": ORG,
                "responses": {
                    "200": json_answer("WebhookList", "The organisation's webhooks (secrets not shown)."),
                    **errors("401"),
                },
            }
        },
        "/v1/webhooks/{name}": {
            "put": {
                "operationId": "putWebhook",
                "security": ORG,
                "description": SENT + " The URL is https and passes the outbound-URL guard.",
                "parameters": [name],
                "requestBody": body("WebhookIn"),
                "responses": {
                    "201": json_answer("WebhookRegistered", "Created; `secret` (whsec_...) is shown this once."),
                    "200": json_answer("WebhookRegistered", "Replaced; the secret is kept (`secret` is null)."),
                    **errors("400", "401", "413", "415"),
                },
            },
            "delete": {
                "operationId": "deleteWebhook",
                "security": ORG,
                "parameters": [name],
                "responses": {
                    "204": {"description": "Deleted; its pending deliveries end as failed (webhook-deleted)."},
                    **errors("401", "404"),
                },
            },
        },
        "/v1/webhooks/{name}/deliveries": {
            "get": {
                "operationId": "listWebhookDeliveries",
                "security": ORG,
                "parameters": [name],
                "responses": {
                    "200": json_answer("WebhookDeliveryList", "The latest 50 deliveries, newest first."),
                    **errors("401", "404"),
                },
            }
        },
    }
