"""Quiet hours through the app: an SMS at night is held, the scheduled handler releases it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from chalicelib import bootstrap, config
from chalicelib.domain import clock
from local.queue_poller import scheduled_event
from tests.builders import HVC_CASE_TYPE, event_body

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def night(monkeypatch):
    monkeypatch.setenv("ZAAKSTATUS_QUIET_HOURS", "22:00-08:00")
    config.reset()
    bootstrap.reset()
    now = [dt.datetime(2026, 11, 28, 23, 15, tzinfo=AMSTERDAM)]
    monkeypatch.setattr(clock, "now", lambda: now[0].astimezone(dt.UTC))
    return now


def test_sms_posted_at_night_is_sent_by_the_morning_release(harness, hvc, night):
    harness.request("POST", "/v1/events", hvc, event_body(event_id="e-1"))
    harness.run_worker()
    assert harness.standin.messages == []
    [n] = harness.request("GET", "/v1/cases/HVC-2026-000123", hvc).json_body["notifications"]
    assert n["state"] == "created"

    night[0] = dt.datetime(2026, 11, 29, 8, 0, tzinfo=AMSTERDAM)
    harness.client.lambda_.invoke("release_quiet_hours", scheduled_event())
    harness.run_worker()

    assert len(harness.standin.messages) == 1


def test_organisation_without_quiet_hours_gets_its_sms_sent_at_night(harness, night):
    creds = harness.create_organisation("dcmr", sms_from="DCMR", quiet_hours=False)
    harness.request("PUT", "/v1/case-types/klacht", creds, HVC_CASE_TYPE)
    harness.request("POST", "/v1/events", creds, event_body(event_id="e-1"))
    harness.run_worker()
    assert len(harness.standin.messages) == 1
