"""An organisation's webhooks: register (or replace), list, delete, and its latest deliveries.

The secret (`whsec_` + base64 of 32 random bytes) is made when a webhook is created, stored
encrypted (SecretBox) and shown once, in the 201 answer. Replacing a webhook (PUT on an existing
name: 200) keeps its secret and answers `secret: null`; to rotate it, delete and create again.
The URL passes the outbound-URL guard's pure part here (`domain.outbound.check_url`) and again,
with DNS, before every delivery (`adapters/outbound_http.py`).
"""

from __future__ import annotations

import re

from chalicelib.domain import clock
from chalicelib.domain.errors import NotFound, invalid
from chalicelib.domain.outbound import check_url
from chalicelib.domain.webhook_answers import (
    WebhookDeliveryList,
    WebhookDeliveryOut,
    WebhookList,
    WebhookOut,
    WebhookRegistered,
)
from chalicelib.domain.webhooks import (
    LATEST,
    MAX_WEBHOOKS,
    NAME,
    RESERVED_NAMES,
    Webhook,
    WebhookIn,
    new_generation,
    new_secret,
)
from chalicelib.services.deps import Deps


def put(deps: Deps, org_id: str, name: str, data: WebhookIn) -> tuple[WebhookRegistered, bool]:
    """The webhook as registered, and whether it was created (else replaced)."""
    if not re.fullmatch(NAME, name):
        raise invalid("name", "a name is 1 to 64 of a-z, 0-9, '_' and '-', starting with a letter or digit")
    if name in RESERVED_NAMES:
        raise invalid("name", f"'{name}' is reserved")
    check_url(data.url, allow_loopback=deps.settings.is_local, field="url")
    existing = deps.webhooks.get_webhook(org_id, name)
    if existing is None and len(deps.webhooks.list_webhooks(org_id)) >= MAX_WEBHOOKS:
        raise invalid("name", f"an organisation has at most {MAX_WEBHOOKS} webhooks")
    now = clock.now()
    secret = None if existing else new_secret()
    hook = Webhook(
        org_id=org_id,
        name=name,
        url=data.url,
        events=tuple(data.events),
        cases=data.cases,
        secret_encrypted=existing.secret_encrypted if existing else deps.secrets.encrypt(secret or ""),
        generation=existing.generation if existing else new_generation(),
        created_at=existing.created_at if existing else now,
        updated_at=now,
    )
    created = deps.webhooks.put_webhook(hook)
    return WebhookRegistered(**WebhookOut.of(hook).model_dump(), secret=secret), created


def list_all(deps: Deps, org_id: str) -> WebhookList:
    hooks = sorted(deps.webhooks.list_webhooks(org_id), key=lambda h: h.name)
    return WebhookList(webhooks=[WebhookOut.of(h) for h in hooks])


def delete(deps: Deps, org_id: str, name: str) -> None:
    """Its pending deliveries end as failed (`webhook-deleted`) when their turn comes."""
    if not re.fullmatch(NAME, name) or not deps.webhooks.delete_webhook(org_id, name):
        raise NotFound("There is no such webhook.")


def deliveries(deps: Deps, org_id: str, name: str) -> WebhookDeliveryList:
    if not re.fullmatch(NAME, name) or deps.webhooks.get_webhook(org_id, name) is None:
        raise NotFound("There is no such webhook.")
    latest = deps.webhooks.latest_deliveries(org_id, name, LATEST)
    return WebhookDeliveryList(deliveries=[WebhookDeliveryOut.of(d) for d in latest])
