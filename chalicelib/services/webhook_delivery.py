"""Webhook jobs of the sender queue: the fan-out of a status event to the webhooks that want it,
and one try of one delivery.

Fan-out (`{"kind": "webhooks"}`): the case's owner's webhooks (cases own/all) and those of every
organisation the case is shared with (cases shared/all) get a delivery per event type they
want. A delivery's id is a hash of the event, the type and the webhook, and it is stored only if
new, so running the fan-out twice records and sends nothing twice.

Delivery (`{"kind": "webhook"}`): at least once, never two tries at a time. A try first claims
the delivery (its `due` moves a lease ahead, conditionally), POSTs the signed CloudEvent through
the outbound-URL guard, and records the outcome: 2xx delivered; anything else (non-2xx, a
redirect, timeout, refused URL) a failed attempt, and the queue message comes back after the
next wait of `domain.webhooks.SCHEDULE_S` (DeliveryDeferred sets its visibility). After the last
attempt (about 24 h) the delivery is `failed`, counted in the metric `WebhookDeliveriesFailed`
and kept 30 days. Every try sends the same body with the same `webhook-id`.
"""

from __future__ import annotations

import datetime as dt
import logging

from chalicelib.domain import clock
from chalicelib.domain.models import Case, CaseType, Event
from chalicelib.domain.outbound import OutboundFailed
from chalicelib.domain.webhook_events import cloud_event_body, signed_headers
from chalicelib.domain.webhook_jobs import WebhookDeliveryJob, WebhookFanOut
from chalicelib.domain.webhooks import (
    DELIVERY_TTL,
    LEASE_S,
    Delivery,
    DeliveryStatus,
    Webhook,
    delivery_id,
    epoch,
    event_types,
    retry_after,
    stamp_of,
)
from chalicelib.services.delivery import DeliveryDeferred
from chalicelib.services.deps import Deps

log = logging.getLogger(__name__)
FAILED_METRIC = "WebhookDeliveriesFailed"


def fan_out(deps: Deps, job: WebhookFanOut) -> str:
    case = deps.cases.load_case(job.org_id, job.case_id)
    event = case.event(job.event_key)
    case_type = deps.case_types.get_case_type(job.org_id, event.case_type) if event else None
    if event is None or case_type is None:
        return "webhooks-no-event"
    types = event_types(case, event, case_type)
    if not types:
        return "webhooks-0"  # an older event that arrived late
    sent = 0
    for hook, own in targets(deps, case):
        for event_type in types:
            if hook.wants(event_type, own):
                sent += _record(deps, hook, event_type, case, event, case_type)
    return f"webhooks-{sent}"


def _record(deps: Deps, hook: Webhook, event_type: str, case: Case, event: Event, case_type: CaseType) -> int:
    """Store the delivery if new and ask for it to be sent; 1 when asked."""
    now = clock.now()
    message_id = delivery_id(case.org_id, case.id, event.key, event_type, hook.org_id, hook.name)
    delivery = Delivery(
        org_id=hook.org_id,
        name=hook.name,
        id=message_id,
        stamp=stamp_of(event.received_at),
        type=event_type,
        generation=hook.generation,
        body=cloud_event_body(message_id, deps.settings.public_url, event_type, case.org_id, case, event, case_type),
        due=epoch(now),
        created_at=now,
        updated_at=now,
        expires_at=epoch(now + DELIVERY_TTL),
    )
    return record(deps, delivery)


def targets(deps: Deps, case: Case) -> list[tuple[Webhook, bool]]:
    """The webhooks that may want news of the case: the owner's (own) and those of every
    organisation it is shared with."""
    found = [(hook, True) for hook in deps.webhooks.list_webhooks(case.org_id)]
    for org_id in sorted(set(case.shared_with()) - {case.org_id}):
        found += [(hook, False) for hook in deps.webhooks.list_webhooks(org_id)]
    return found


def record(deps: Deps, delivery: Delivery) -> int:
    """Store the delivery if new and ask for it to be sent; 1 when asked."""
    if not deps.webhooks.add_delivery(delivery):
        # Recorded by an earlier run: ask again only if that run may have stopped before asking.
        existing = deps.webhooks.get_delivery(delivery.org_id, delivery.name, delivery.key)
        if existing is None or existing.status != DeliveryStatus.PENDING or existing.attempts:
            return 0
    deps.queue.send(WebhookDeliveryJob(delivery.org_id, delivery.name, delivery.key).body())
    return 1


def deliver(deps: Deps, job: WebhookDeliveryJob) -> str:
    delivery = deps.webhooks.get_delivery(job.org_id, job.name, job.delivery)
    if delivery is None:
        return "webhook-delivery-gone"
    if delivery.status != DeliveryStatus.PENDING:
        return f"webhook-{delivery.status}"
    now = clock.now()
    if delivery.due > epoch(now):  # a copy of the message, early, or another worker's lease
        raise DeliveryDeferred("webhook-not-due", delivery.due - epoch(now))
    hook = deps.webhooks.get_webhook(job.org_id, job.name)
    if hook is None or hook.generation != delivery.generation:
        return _give_up(deps, delivery, delivery.due, delivery.attempts, "webhook-deleted", now)
    claimed = delivery.model_copy(update={"due": epoch(now) + LEASE_S, "updated_at": now})
    if not deps.webhooks.update_delivery(claimed, expected_due=delivery.due):
        return "webhook-claimed-elsewhere"
    error = _try(deps, hook, claimed, now)
    return _record_outcome(deps, claimed, error, clock.now())


def _try(deps: Deps, hook: Webhook, delivery: Delivery, now: dt.datetime) -> str | None:
    """POST once; None when answered 2xx, else the error as the organisation sees it."""
    headers = signed_headers(deps.secrets.decrypt(hook.secret_encrypted), delivery.id, delivery.body, now)
    try:
        status = deps.webhook_poster.post(hook.url, headers, delivery.body.encode())
    except OutboundFailed as failed:
        return failed.kind
    return None if 200 <= status < 300 else f"http-{status}"


def _record_outcome(deps: Deps, claimed: Delivery, error: str | None, now: dt.datetime) -> str:
    attempts = claimed.attempts + 1
    if error is None:
        done = claimed.model_copy(update={"status": DeliveryStatus.DELIVERED, "attempts": attempts, "updated_at": now})
        deps.webhooks.update_delivery(done, expected_due=claimed.due)
        return "webhook-delivered"
    wait = retry_after(attempts)
    if wait is None:
        return _give_up(deps, claimed, claimed.due, attempts, error, now)
    again = claimed.model_copy(
        update={"attempts": attempts, "last_error": error, "due": epoch(now) + wait, "updated_at": now}
    )
    if not deps.webhooks.update_delivery(again, expected_due=claimed.due):
        return "webhook-claimed-elsewhere"  # our lease ran out and another worker took over
    raise DeliveryDeferred(f"webhook-{error}", wait)


def _give_up(deps: Deps, delivery: Delivery, expected_due: int, attempts: int, error: str, now: dt.datetime) -> str:
    failed = delivery.model_copy(
        update={"status": DeliveryStatus.FAILED, "attempts": attempts, "last_error": error, "updated_at": now}
    )
    if deps.webhooks.update_delivery(failed, expected_due=expected_due):
        deps.metrics.count(FAILED_METRIC)
        log.warning("webhook delivery %s failed for good after %d attempts (%s)", delivery.id, attempts, error)
    return "webhook-failed"
