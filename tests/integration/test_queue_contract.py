"""The Queue port's contract: ListQueue (unit tests) and SqsQueue (on moto) behave alike."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Callable

import boto3
import pytest
from moto import mock_aws

from chalicelib.adapters.queues import ListQueue, SqsQueue
from local.resources import create_queue

# A queue under test, and a way to read back every body sent to it (oldest first).
QueueUnderTest = tuple[Any, Callable[[], list[dict[str, Any]]]]

BODIES = [
    {"org": "hvc", "case": "HVC-2026-000123", "event": "0123456789abcdef0123456789abcdef"},
    {"org": "hvc", "case": "HVC-ü-ñ", "event": "e" * 32},
    {"org": "other", "case": "X-1", "event": "f" * 32, "n": 3, "flag": True, "none": None, "list": [1, "a"]},
]


class QueueContract:
    @pytest.fixture
    def make_queue(self) -> QueueUnderTest:  # pragma: no cover - overridden
        raise NotImplementedError

    def test_a_sent_body_comes_back_equal(self, make_queue):
        queue, received = make_queue
        queue.send(BODIES[0])
        assert received() == [BODIES[0]]

    def test_bodies_come_back_equal_and_each_once(self, make_queue):
        queue, received = make_queue
        for body in BODIES:
            queue.send(body)
        got = received()
        assert sorted(got, key=json.dumps) == sorted(BODIES, key=json.dumps)

    def test_sending_does_not_keep_a_reference_to_the_callers_dict(self, make_queue):
        queue, received = make_queue
        body = dict(BODIES[0])
        queue.send(body)
        body["case"] = "changed"
        assert received() == [BODIES[0]]

    def test_what_is_not_json_cannot_be_sent(self, make_queue):
        queue, received = make_queue
        with pytest.raises(TypeError):
            queue.send({"at": object()})
        assert received() == []


class TestListQueue(QueueContract):
    @pytest.fixture
    def make_queue(self) -> QueueUnderTest:
        queue = ListQueue()

        def received() -> list[dict[str, Any]]:
            return list(queue.messages)

        return queue, received


class TestSqsQueue(QueueContract):
    @pytest.fixture
    def make_queue(self) -> Iterator[QueueUnderTest]:
        with mock_aws():
            url = create_queue(boto3.client("sqs"), "zaakstatus-notifications")
            queue = SqsQueue(lambda: boto3.client("sqs"), lambda: url)
            sqs = boto3.client("sqs")

            def received() -> list[dict[str, Any]]:
                bodies = []
                while True:
                    batch = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
                    if not batch:
                        return bodies
                    for m in batch:
                        bodies.append(json.loads(m["Body"]))
                        sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])

            yield queue, received
