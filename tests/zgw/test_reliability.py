"""ZGW APIs that fail: short retries in the client, redelivery by the queue, the dead-letter
queue after the horizon, and the reconciliation that fills in the gap afterwards."""

from __future__ import annotations

import boto3
import pytest

from local.queue_poller import QueuePoller
from local.resources import ZGW_MAX_RECEIVES
from tests.zgw.conftest import HUB_AUTH
from tests.zgw.test_notifications_flow import CALLBACK, new_status, setup_zaak, texts


@pytest.fixture
def zaak(connected):
    zaaktype, zaak = setup_zaak(connected)
    connected.hub.subscribe(CALLBACK, HUB_AUTH)
    return zaaktype, zaak


def test_a_few_failed_requests_are_retried_with_backoff_within_one_attempt(connected, zaak):
    connected.hub.deliver(new_status(connected, *zaak, "In behandeling", "2026-11-28T10:00:00Z"))
    connected.fake.fail(3, 500)  # urllib3's Retry: three retries, then the fourth answer counts
    connected.deliver_and_process()

    assert texts(connected) == ["Uw klacht wordt behandeld."]
    assert [s["status"] for s in connected.fake.served[:4]] == [500, 500, 500, 200]


def test_an_unreachable_api_leaves_the_message_for_redelivery_then_it_succeeds(connected, zaak):
    connected.hub.deliver(new_status(connected, *zaak, "In behandeling", "2026-11-28T10:00:00Z"))
    [queued] = connected.queued()
    connected.fake.fail(4, 429)
    assert connected.resolve([queued]) == [queued["MessageId"]]  # reported failed: it comes back
    assert connected.sms() == []

    connected.resolve([queued])  # the redelivery, once the API is back
    connected.harness.run_worker()
    assert texts(connected) == ["Uw klacht wordt behandeld."]


def test_a_refused_jwt_is_retried_not_dropped(connected, zaak):
    assert connected.connect(secret="not-the-secret-the-zaken-api-knows-at-all").status_code == 200
    connected.hub.deliver(new_status(connected, *zaak, "In behandeling", "2026-11-28T10:00:00Z"))
    [queued] = connected.queued()
    assert connected.resolve([queued]) == [queued["MessageId"]]
    assert [s["status"] for s in connected.fake.served] == [403]

    assert connected.connect().status_code == 200  # the organisation fixes its secret
    connected.resolve([queued])
    connected.harness.run_worker()
    assert texts(connected) == ["Uw klacht wordt behandeld."]


def test_after_the_horizon_the_message_is_dead_lettered_and_reconciliation_recovers_the_status(connected, zaak):
    import app

    sqs = boto3.client("sqs")
    # The redelivery delay is zero in tests (ZAAKSTATUS_ZGW_REDELIVERY_S), so no waiting between receives.
    worker = QueuePoller(sqs, connected.queue_url, app.resolve_zgw_notifications, "eu-west-1")
    connected.hub.deliver(new_status(connected, *zaak, "In behandeling", "2026-11-28T10:00:00Z"))
    connected.fake.fail(1000, 500)

    for _ in range(ZGW_MAX_RECEIVES + 1):
        assert worker.poll_once() == 0  # nothing done, nothing deleted
    dlq = sqs.get_queue_url(QueueName="zaakstatus-zgw-dlq")["QueueUrl"]
    dead = sqs.receive_message(QueueUrl=dlq, MaxNumberOfMessages=10).get("Messages", [])
    assert len(dead) == 1
    assert connected.queued() == []

    connected.fake.recover()  # the API is back
    connected.reconcile()
    connected.harness.run_worker()
    assert texts(connected) == ["Uw klacht wordt behandeld."]


def test_a_failed_message_comes_back_after_a_delay_that_doubles_per_receive(connected, zaak, monkeypatch):
    import dataclasses

    from chalicelib import bootstrap, config
    from chalicelib.adapters.memory_queue import ListQueue
    from tests.harness import sqs_event

    connected.hub.deliver(new_status(connected, *zaak, "In behandeling", "2026-11-28T10:00:00Z"))
    [queued] = connected.queued()
    monkeypatch.setenv("ZAAKSTATUS_ZGW_REDELIVERY_S", "60")
    config.reset()
    bootstrap.reset()
    delays = ListQueue()
    bootstrap.use(dataclasses.replace(bootstrap.deps(), zgw_queue=delays))
    connected.fake.fail(100, 500)

    for receives in (1, 3, 8, 12):
        event = sqs_event([queued])
        event["Records"][0]["attributes"]["ApproximateReceiveCount"] = str(receives)
        answer = connected.harness.client.lambda_.invoke("resolve_zgw_notifications", event).payload
        assert answer["batchItemFailures"] == [{"itemIdentifier": queued["MessageId"]}]

    assert [seconds for _, seconds in delays.delays] == [60, 240, 7680, 43200]
