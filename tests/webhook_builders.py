"""Builders for the webhook tests of every layer: registering a webhook, a status event with its
fan-out job, the queue worked as Lambda works it (a deferred job comes back when due), and a
signature checked as a receiver would check it at the moment it received the request."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import standardwebhooks.webhooks
from standardwebhooks import Webhook

from chalicelib.domain import clock
from chalicelib.domain.webhook_jobs import WebhookFanOut
from chalicelib.domain.webhooks import WebhookIn
from chalicelib.services import jobs, webhooks
from chalicelib.services.delivery import DeliveryDeferred
from chalicelib.services.deps import Deps
from tests.builders import CASE_ID, accept, event_in

HOOK_URL = "https://hooks.hvc.example/zaakstatus"
T0 = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)


class Clock:
    """The domain's clock, moved by hand (`monkeypatch.setattr(clock, "now", Clock())`)."""

    def __init__(self, start: dt.datetime = T0) -> None:
        self.at = start

    def __call__(self) -> dt.datetime:
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += dt.timedelta(seconds=seconds)


def register(deps: Deps, name: str = "crm", org_id: str = "hvc", **changes: Any) -> str:
    """Register a webhook; its secret."""
    data = {"url": HOOK_URL, "events": ["case.status_changed", "case.closed"], "cases": "own", **changes}
    registered, created = webhooks.put(deps, org_id, name, WebhookIn.model_validate(data))
    assert created and registered.secret
    return registered.secret


def event_key(deps: Deps, status: str, org_id: str = "hvc", case_id: str = CASE_ID) -> str:
    case = deps.cases.load_case(org_id, case_id)
    return next(e.key for e in sorted(case.events, key=lambda e: e.received_at, reverse=True) if e.status == status)


def status_event(
    deps: Deps, status: str = "in_behandeling", at: str = "2026-11-28T10:00:00+01:00", **extra: Any
) -> str:
    """Accept a status event and make sure its fan-out job is queued (once); the event's key."""
    accept(deps, event_in(status, at, **extra))
    key = event_key(deps, status)
    queue: Any = deps.queue
    body = WebhookFanOut("hvc", CASE_ID, key).body()
    if body not in queue.messages:  # until ingest asks for it itself
        queue.send(body)
    return key


def work(deps: Deps) -> tuple[list[str], list[tuple[dict[str, Any], int]]]:
    """Process the queued messages once, as the worker does; the outcomes, and the deferred
    messages with their wait (they stay off the queue until `come_back`)."""
    queue: Any = deps.queue
    messages, queue.messages = list(queue.messages), []
    outcomes: list[str] = []
    deferred: list[tuple[dict[str, Any], int]] = []
    for message in messages:
        try:
            outcomes.append(jobs.process(deps, message))
        except DeliveryDeferred as wait:
            outcomes.append(f"deferred-{wait.seconds}")
            deferred.append((message, wait.seconds))
    return outcomes, deferred


def come_back(deps: Deps, deferred: list[tuple[dict[str, Any], int]], now: Clock) -> None:
    """Let the clock run to the longest wait and put the deferred messages back on the queue."""
    if deferred:
        now.advance(max(seconds for _, seconds in deferred))
    queue: Any = deps.queue
    queue.messages.extend(message for message, _ in deferred)


def verify(secret: str, body: str | bytes, headers: dict[str, str]) -> Any:
    """Check the signature with `standardwebhooks`, as the receiver would when the request came
    (the tests move the domain's clock, so 'now' is the request's own timestamp)."""
    sent = dt.datetime.fromtimestamp(int(headers["webhook-timestamp"]), dt.UTC)

    class Then(dt.datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Any:
            return sent

    with mock.patch.object(standardwebhooks.webhooks, "datetime", Then):
        return Webhook(secret).verify(body, headers)


def at_clock(now: Clock) -> Any:
    """A patch of the domain clock (for `with`)."""
    return mock.patch.object(clock, "now", now)
