"""Notification outcomes in the report, per channel: delivered (by the provider's receipt),
failed, fallback, capped by the daily cap, held for the quiet hours, and SMS fragments sent.
Each outcome is counted where the ledger moves the notification, once."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from chalicelib.domain import clock
from chalicelib.domain.channels import PermanentError
from chalicelib.domain.channels import sms as sms_rules
from chalicelib.domain.dates import AMSTERDAM
from chalicelib.domain.events import identity_key
from chalicelib.domain.messages import NotificationRef
from chalicelib.services import receipts, reports
from tests.builders import accept, drain, drain_all, event_in

pytestmark = pytest.mark.usefixtures("org")
DAY = dt.date(2026, 11, 28)


@pytest.fixture
def frozen(monkeypatch):
    now = [dt.datetime(2026, 11, 28, 12, 0, tzinfo=AMSTERDAM)]
    monkeypatch.setattr(clock, "now", lambda: now[0].astimezone(dt.UTC))
    return now


def case(n: int) -> dict:
    return {"id": f"HVC-{n}", "case_type": "klacht", "description": "container niet geleegd"}


def notifications(deps) -> dict:
    return reports.report(deps, "hvc", None, DAY, DAY).json_body()["notifications"]


def test_each_outcome_is_counted_once_on_its_channel(deps, sms, email, frozen):
    # 1. delivered: an SMS sent, then Twilio's receipt (twice: counted once).
    first = event_in(case=case(1))
    accept(deps, first)
    assert drain(deps) == ["sent"]
    ref = NotificationRef("hvc", "HVC-1", identity_key(first))
    assert receipts.delivered(deps, ref, "sms-provider-1", "sms") == "delivered"
    assert receipts.delivered(deps, ref, "sms-provider-1", "sms") == "unchanged"
    # 2. fallback: the number is refused for good, the e-mail goes instead (and is sent).
    sms.errors.append(PermanentError("twilio-21211"))
    accept(deps, event_in(case=case(2), subscriber={"channel": "sms", "phone": "0611111111", "email": "a@example.nl"}))
    assert drain_all(deps) == ["fallback", "sent"]
    # 3. failed: an e-mail refused for good, with no other channel to fall back to.
    email.errors.append(PermanentError("ses-MessageRejected"))
    accept(deps, event_in(case=case(3), subscriber={"channel": "email", "email": "b@example.nl"}))
    assert drain(deps) == ["permanent-failure"]
    # 4. capped: the same number's second message of the day over a cap of 1.
    capped = dataclasses.replace(deps, settings=dataclasses.replace(deps.settings, daily_cap=1))
    for n in (4, 5):
        accept(capped, event_in(case=case(n), subscriber={"channel": "sms", "phone": "0622222222"}))
    assert drain(capped) == ["sent", "suppressed"]
    # 5. held: an SMS at night waits for the morning.
    frozen[0] = dt.datetime(2026, 11, 28, 23, 30, tzinfo=AMSTERDAM)
    quiet = dataclasses.replace(deps, settings=dataclasses.replace(deps.settings, quiet_hours="22:00-08:00"))
    accept(quiet, event_in(case=case(6), subscriber={"channel": "sms", "phone": "0633333333"}))
    assert drain(quiet) == ["held"]

    fragments = sum(sms_rules.fragments(m.body) for m in sms.sent)
    assert len(sms.sent) == 2 and fragments >= 2
    assert notifications(deps) == {
        "sms": {"delivered": 1, "failed": 0, "fallback": 1, "capped": 1, "held": 1, "fragments": fragments},
        "email": {"delivered": 0, "failed": 1, "fallback": 0, "capped": 0, "held": 0, "fragments": 0},
    }


def test_a_failure_receipt_counts_failed_or_fallback_on_the_channel_that_failed(deps, sms, frozen):
    lone = event_in(case=case(1), subscriber={"channel": "sms", "phone": "0644444444"})
    both = event_in(case=case(2), subscriber={"channel": "sms", "phone": "0655555555", "email": "c@example.nl"})
    accept(deps, lone)
    accept(deps, both)
    assert drain(deps) == ["sent", "sent"]
    form = {"MessageStatus": "undelivered", "ErrorCode": "30003"}

    lone_ref = NotificationRef("hvc", "HVC-1", identity_key(lone))
    both_ref = NotificationRef("hvc", "HVC-2", identity_key(both))
    assert receipts.twilio_status(deps, lone_ref, {**form, "MessageSid": "sms-provider-1"}) == "permanent-failure"
    assert receipts.twilio_status(deps, both_ref, {**form, "MessageSid": "sms-provider-2"}) == "fallback"

    counted = notifications(deps)
    assert (counted["sms"]["failed"], counted["sms"]["fallback"], counted["email"]["failed"]) == (1, 1, 0)


def test_outcomes_count_on_the_day_they_happen_in_the_notifications_case_type(deps, frozen):
    accept(deps, event_in(case=case(1)))
    drain(deps)
    later = reports.report(deps, "hvc", "klacht", DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=1))
    assert later.notifications.sms.fragments == 0
    assert reports.report(deps, "hvc", "klacht", DAY, DAY).notifications.sms.fragments >= 1
