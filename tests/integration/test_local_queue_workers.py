"""The local run's queue workers stand for Lambda's concurrent invocations: N threads handle N
slow messages at the same time, a worker takes a full batch only while every other one is busy,
and a poller stops within its deadline even while handlers still run. SQS is moto's."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from local.queue_poller import BATCH, STOP_WAIT_S, QueuePoller
from local.resources import create_queue

REGION = "eu-west-1"
N = 4
# moto answers a receive while holding the test's lock (each AWS request atomic, as on AWS): a short
# long poll keeps an idle worker from holding up the others' deletes.
POLL_S = 1


@pytest.fixture
def queue(atomic_moto_requests) -> Iterator[tuple[Any, str]]:
    with mock_aws():
        sqs = boto3.client("sqs", region_name=REGION)
        yield sqs, create_queue(sqs, "workers-under-test")


def _send(sqs: Any, url: str, count: int) -> None:
    for i in range(count):
        sqs.send_message(QueueUrl=url, MessageBody=f'{{"n": {i}}}')


def _left(sqs: Any, url: str) -> int:
    attributes = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    found = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=attributes)["Attributes"]
    return sum(int(found[a]) for a in attributes)


def _until(condition: Any, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_n_worker_threads_handle_n_slow_messages_at_the_same_time(queue):
    sqs, url = queue
    _send(sqs, url, N)
    together = threading.Barrier(N, timeout=10)  # each handler returns only once all N run at once
    batches: list[int] = []

    def slow(event: dict[str, Any], context: Any) -> dict[str, Any]:
        batches.append(len(event["Records"]))
        together.wait()
        return {"batchItemFailures": []}

    poller = QueuePoller(sqs, url, slow, REGION, threads=N, long_poll_s=POLL_S).start()
    try:
        _until(lambda: _left(sqs, url) == 0)
    finally:
        poller.stop()
    assert not together.broken
    assert sorted(batches) == [1] * N  # no message waited in another's batch while a worker was free
    assert _left(sqs, url) == 0  # each handled message deleted


def test_a_lone_worker_takes_lambdas_full_batch(queue):
    sqs, url = queue
    _send(sqs, url, BATCH + 2)
    batches: list[int] = []

    def record(event: dict[str, Any], context: Any) -> None:
        batches.append(len(event["Records"]))

    poller = QueuePoller(sqs, url, record, REGION, threads=1, long_poll_s=POLL_S).start()
    try:
        _until(lambda: sum(batches) == BATCH + 2)
    finally:
        poller.stop()
    assert batches == [BATCH, 2]


def test_a_poller_stops_within_its_deadline_while_its_handlers_still_run(queue):
    sqs, url = queue
    _send(sqs, url, N)
    running = threading.Semaphore(0)
    release = threading.Event()

    def stuck(event: dict[str, Any], context: Any) -> None:
        running.release()
        release.wait(60)  # a provider that does not answer

    poller = QueuePoller(sqs, url, stuck, REGION, threads=N, long_poll_s=POLL_S).start()
    try:
        for _ in range(N):
            assert running.acquire(timeout=10)
        started = time.monotonic()
        poller.stop()
        took = time.monotonic() - started
    finally:
        release.set()
    assert took < STOP_WAIT_S + 0.5  # not 5 s per busy thread: the local run has 5 s in all


def test_an_idle_poller_stops_at_once_without_waiting_for_its_long_polls():
    with mock_aws():  # no lock: each worker waits in its own 20 s receive
        sqs = boto3.client("sqs", region_name=REGION)
        poller = QueuePoller(sqs, create_queue(sqs, "idle-workers"), lambda event, context: None, REGION, N).start()
        time.sleep(0.5)  # all in their receive
        started = time.monotonic()
        poller.stop()
        assert time.monotonic() - started < 0.5
