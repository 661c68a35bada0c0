"""Retries: the backoff schedule, the horizon, permanent errors once, unconfirmed sends never again."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from chalicelib.adapters.emf_metrics import EmfMetrics
from chalicelib.domain import clock, retry
from chalicelib.domain.channels import PermanentError, RetryableError, UnconfirmedError
from chalicelib.domain.events import identity_key
from chalicelib.domain.messages import NotificationRef, parse_job
from chalicelib.domain.models import NotificationChange
from chalicelib.services import cases, delivery, receipts
from tests.builders import CASE_ID, accept, event_in, notification_of

pytestmark = pytest.mark.usefixtures("org")


@pytest.fixture
def frozen(monkeypatch):
    """A clock the test moves by hand."""
    now = [dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)]
    monkeypatch.setattr(clock, "now", lambda: now[0])
    return now


def queued_one(deps) -> NotificationRef:
    assert len(deps.queue.messages) == 1
    return parse_job(deps.queue.messages.pop())


def test_retry_schedule_is_capped_exponential_with_full_jitter_over_about_four_hours():
    ceilings = [retry.ceiling(a) for a in range(1, retry.MAX_ATTEMPTS)]
    print("\nattempt  wait before the next try (full jitter: uniform in [0, ceiling])")
    elapsed = 0
    for attempt, ceiling in enumerate(ceilings, start=1):
        elapsed += ceiling
        print(f"{attempt:7d}  0..{ceiling:5d} s   (latest next try {elapsed / 3600:4.2f} h after the first)")
    print(f"{retry.MAX_ATTEMPTS:7d}  gives up: technical-failure, dead-letter queue, metric")

    assert ceilings == [60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]
    assert 3.5 * 3600 <= sum(retry.ceiling(a) for a in range(1, retry.MAX_ATTEMPTS)) <= 4.5 * 3600
    assert retry.delay(3, rng=lambda: 0.0) == 0
    assert retry.delay(3, rng=lambda: 0.9999) == 239
    assert retry.delay(20, rng=lambda: 0.5) == 1800  # capped
    assert not retry.gives_up(retry.MAX_ATTEMPTS - 1) and retry.gives_up(retry.MAX_ATTEMPTS)


def test_each_retryable_failure_defers_with_a_jittered_backoff_then_gives_up_to_the_dead_letter_queue(
    deps, sms, capsys
):
    deps = dataclasses.replace(deps, metrics=EmfMetrics())  # the metric as CloudWatch reads it
    data = event_in()
    accept(deps, data)
    message = queued_one(deps)
    sms.errors.extend(RetryableError("twilio-429") for _ in range(retry.MAX_ATTEMPTS))

    waits = []
    for attempt in range(1, retry.MAX_ATTEMPTS):
        with pytest.raises(delivery.DeliveryDeferred) as deferred:
            delivery.deliver(deps, message)
        waits.append(deferred.value.seconds)
        assert 0 <= deferred.value.seconds <= retry.ceiling(attempt)
        assert notification_of(deps, identity_key(data)).state == "temporary-failure"
    outcome = delivery.deliver(deps, message)

    n = notification_of(deps, identity_key(data))
    assert outcome == "technical-failure"
    assert (n.state, n.attempts, n.error, n.error_class) == ("technical-failure", 10, "twilio-429", "retryable")
    assert deps.queue.dead == [message.body()]
    assert sms.attempts == retry.MAX_ATTEMPTS and sms.sent == []
    metric = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith('{"_aws"')]
    assert metric[-1]["NotificationsDeadLettered"] == 1
    assert metric[-1]["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "zaakstatus"


def test_permanent_error_is_tried_exactly_once(deps, sms, email):
    data = event_in()  # SMS only: no e-mail address to fall back to
    accept(deps, data)
    message = queued_one(deps)
    sms.errors.append(PermanentError("twilio-21211"))

    assert delivery.deliver(deps, message) == "permanent-failure"
    assert delivery.deliver(deps, message) == "already-permanent-failure"
    accept(deps, data)

    assert sms.attempts == 1 and email.attempts == 0
    n = notification_of(deps, identity_key(data))
    assert (n.state, n.attempts, n.error, n.error_class) == ("permanent-failure", 1, "twilio-21211", "permanent")


def test_permanent_sms_failure_falls_back_to_email_once(deps, sms, email):
    data = event_in(subscriber={"channel": "sms", "phone": "0612345678", "email": "jan@example.nl"})
    accept(deps, data)
    sms.errors.append(PermanentError("twilio-21614"))

    assert delivery.deliver(deps, queued_one(deps)) == "fallback"  # e-mail is a new queue message
    assert delivery.deliver(deps, queued_one(deps)) == "sent"

    n = notification_of(deps, identity_key(data))
    assert (n.state, n.channel, n.fallback, n.error, n.attempts) == ("sent", "email", True, "twilio-21614", 2)
    assert sms.attempts == 1 and len(email.sent) == 1 and email.sent[0].to == "jan@example.nl"


def test_permanent_failure_on_both_channels_ends_on_the_website_only(deps, sms, email):
    data = event_in(subscriber={"channel": "email", "phone": "0612345678", "email": "jan@example.nl"})
    accept(deps, data)
    email.errors.append(PermanentError("ses-MessageRejected"))
    sms.errors.append(PermanentError("twilio-21211"))

    assert delivery.deliver(deps, queued_one(deps)) == "fallback"  # SMS is a new queue message
    assert delivery.deliver(deps, queued_one(deps)) == "permanent-failure"

    assert email.attempts == 1 and sms.attempts == 1
    [view] = cases.view(deps, "hvc", CASE_ID).json_body()["notifications"]
    assert view["state"] == "permanent-failure" and view["final"] is True and view["fallback"] is True
    assert view["attempts"] == 2 and view["last_error"] == "twilio-21211" and view["last_error_class"] == "permanent"
    assert "website only" in view["note"]


def test_unconfirmed_send_is_never_sent_again_and_times_out_as_unconfirmed(deps, sms, frozen):
    data = event_in()
    accept(deps, data)
    message = queued_one(deps)
    sms.errors.append(UnconfirmedError("timeout"))

    with pytest.raises(delivery.DeliveryDeferred) as first:
        delivery.deliver(deps, message)
    assert first.value.seconds == retry.LEASE_SECONDS
    frozen[0] += dt.timedelta(seconds=60)
    with pytest.raises(delivery.DeliveryDeferred):  # a redelivery inside the lease waits
        delivery.deliver(deps, message)
    frozen[0] += dt.timedelta(seconds=retry.LEASE_SECONDS)
    outcome = delivery.deliver(deps, message)

    n = notification_of(deps, identity_key(data))
    assert outcome == "technical-failure"
    assert (n.state, n.error, n.error_class, n.attempts) == ("technical-failure", "timeout", "unconfirmed", 1)
    assert sms.attempts == 1
    [view] = cases.view(deps, "hvc", CASE_ID).json_body()["notifications"]
    assert "did not confirm" in view["note"]


def test_a_late_delivery_receipt_settles_an_unconfirmed_send(deps, sms, frozen):
    data = event_in()
    accept(deps, data)
    message = queued_one(deps)
    sms.errors.append(UnconfirmedError("timeout"))
    with pytest.raises(delivery.DeliveryDeferred):
        delivery.deliver(deps, message)
    frozen[0] += dt.timedelta(seconds=retry.LEASE_SECONDS + 1)
    delivery.deliver(deps, message)

    key = identity_key(data)
    assert receipts.delivered(deps, NotificationRef("hvc", CASE_ID, key), "SM123", "sms") == "delivered"
    n = notification_of(deps, key)
    assert (n.state, n.provider_id) == ("delivered", "SM123")


def test_sender_that_stopped_after_its_claim_is_resolved_after_the_lease_without_sending(deps, sms, frozen):
    data = event_in()
    accept(deps, data)
    message = queued_one(deps)
    key = identity_key(data)
    claim = NotificationChange("sending", count_attempt=True)
    assert deps.ledger.transition(NotificationRef("hvc", CASE_ID, key), ("created",), claim)

    with pytest.raises(delivery.DeliveryDeferred) as deferred:
        delivery.deliver(deps, message)
    assert 0 < deferred.value.seconds <= retry.LEASE_SECONDS + 1
    frozen[0] += dt.timedelta(seconds=retry.LEASE_SECONDS + 1)

    assert delivery.deliver(deps, message) == "technical-failure"
    assert sms.attempts == 0
    assert notification_of(deps, key).error_class == "unconfirmed"
