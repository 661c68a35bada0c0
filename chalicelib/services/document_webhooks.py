"""`case.document_added` for the webhooks that want it: the case's owner's (cases own/all) and
those of every organisation the case is shared with (cases shared/all), one delivery each, tried
as every delivery is (`services/webhook_delivery.py`). A delivery's id is a hash of the addition
and the webhook, stored only if new, so running this twice records and sends nothing twice."""

from __future__ import annotations

from chalicelib.domain import clock
from chalicelib.domain.document_events import document_event_body, document_key
from chalicelib.domain.documents import Document
from chalicelib.domain.models import Case, CaseType
from chalicelib.domain.webhooks import (
    DELIVERY_TTL,
    DOCUMENT_ADDED,
    Delivery,
    Webhook,
    delivery_id,
    epoch,
    stamp_of,
)
from chalicelib.services.deps import Deps
from chalicelib.services.webhook_delivery import record, targets


def fan_out(deps: Deps, case: Case, case_type: CaseType, document: Document) -> int:
    """Record and ask for a delivery to each webhook that wants the addition; how many were asked."""
    return sum(
        _record(deps, hook, case, case_type, document)
        for hook, own in targets(deps, case)
        if hook.wants(DOCUMENT_ADDED, own)
    )


def _record(deps: Deps, hook: Webhook, case: Case, case_type: CaseType, document: Document) -> int:
    now = clock.now()
    message_id = delivery_id(case.org_id, case.id, document_key(document), DOCUMENT_ADDED, hook.org_id, hook.name)
    delivery = Delivery(
        org_id=hook.org_id,
        name=hook.name,
        id=message_id,
        stamp=stamp_of(document.added_at),
        type=DOCUMENT_ADDED,
        generation=hook.generation,
        body=document_event_body(message_id, deps.settings.public_url, case.org_id, case, case_type, document),
        due=epoch(now),
        created_at=now,
        updated_at=now,
        expires_at=epoch(now + DELIVERY_TTL),
    )
    return record(deps, delivery)
