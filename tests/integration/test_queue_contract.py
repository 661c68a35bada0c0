"""The Queue port's contract: ListQueue (unit tests) and SqsQueue (on moto) behave alike."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from moto import mock_aws

from chalicelib.adapters.memory_queue import ListQueue
from chalicelib.adapters.sqs_queue import SqsQueue
from local.resources import create_queue

BODIES = [
    {"org": "hvc", "case": "HVC-2026-000123", "event": "0123456789abcdef0123456789abcdef"},
    {"org": "hvc", "case": "HVC-ü-ñ", "event": "e" * 32},
    {"org": "other", "case": "X-1", "event": "f" * 32, "n": 3, "flag": True, "none": None, "list": [1, "a"]},
]


@dataclass
class QueueUnderTest:
    queue: Any
    received: Callable[[], list[dict[str, Any]]]  # every body visible now, oldest first (taken off)
    take: Callable[[], tuple[dict[str, Any], str]]  # the oldest body and its receipt handle
    dead_letters: Callable[[], list[dict[str, Any]]]


class QueueContract:
    @pytest.fixture
    def under_test(self) -> QueueUnderTest:  # pragma: no cover - overridden
        raise NotImplementedError

    def test_a_sent_body_comes_back_equal(self, under_test):
        under_test.queue.send(BODIES[0])
        assert under_test.received() == [BODIES[0]]

    def test_bodies_come_back_equal_and_each_once(self, under_test):
        for body in BODIES:
            under_test.queue.send(body)
        assert sorted(under_test.received(), key=json.dumps) == sorted(BODIES, key=json.dumps)

    def test_sending_does_not_keep_a_reference_to_the_callers_dict(self, under_test):
        body = dict(BODIES[0])
        under_test.queue.send(body)
        body["case"] = "changed"
        assert under_test.received() == [BODIES[0]]

    def test_what_is_not_json_cannot_be_sent(self, under_test):
        with pytest.raises(TypeError):
            under_test.queue.send({"at": object()})
        assert under_test.received() == []

    def test_a_delayed_message_does_not_come_back_at_once(self, under_test):
        under_test.queue.send(BODIES[0])
        under_test.queue.send(BODIES[1])
        body, handle = under_test.take()
        under_test.queue.delay(handle, 600)
        assert body == BODIES[0]
        assert under_test.received() == [BODIES[1]]

    def test_a_dead_lettered_body_reaches_the_dead_letter_queue_equal_and_not_the_queue(self, under_test):
        under_test.queue.dead_letter(BODIES[2])
        assert under_test.dead_letters() == [BODIES[2]]
        assert under_test.received() == []


class TestListQueue(QueueContract):
    @pytest.fixture
    def under_test(self) -> QueueUnderTest:
        queue = ListQueue()

        def received() -> list[dict[str, Any]]:
            bodies, queue.messages = list(queue.messages), []
            return bodies

        def take() -> tuple[dict[str, Any], str]:
            return queue.messages.pop(0), "list-handle"

        return QueueUnderTest(queue, received, take, lambda: list(queue.dead))

    def test_delays_are_recorded_for_unit_tests_to_read(self):
        queue = ListQueue()
        queue.delay("h", 60)
        assert queue.delays == [("h", 60)]


class TestSqsQueue(QueueContract):
    @pytest.fixture
    def under_test(self) -> Iterator[QueueUnderTest]:
        with mock_aws():
            sqs = boto3.client("sqs")
            url = create_queue(sqs, "zaakstatus-notifications")
            dlq_url = sqs.get_queue_url(QueueName="zaakstatus-notifications-dlq")["QueueUrl"]
            queue = SqsQueue(lambda: boto3.client("sqs"), lambda: url)

            def drain(queue_url: str) -> list[dict[str, Any]]:
                bodies = []
                while True:
                    batch = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", [])
                    if not batch:
                        return bodies
                    for m in batch:
                        bodies.append(json.loads(m["Body"]))
                        sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=m["ReceiptHandle"])

            def take() -> tuple[dict[str, Any], str]:
                [message] = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1)["Messages"]
                return json.loads(message["Body"]), message["ReceiptHandle"]

            yield QueueUnderTest(queue, lambda: drain(url), take, lambda: drain(dlq_url))
