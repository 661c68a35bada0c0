"""The SQS handler: partial batch failures, backoff by visibility, the dead-letter queue."""

from __future__ import annotations

import json
from typing import Any

from local.resources import DLQ_SUFFIX
from tests.builders import event_body
from tests.harness import sqs_event


def receive(harness, expected: int) -> list[dict[str, Any]]:
    """Receive (without deleting) as Lambda's trigger does: the handler's answer decides."""
    messages: list[dict[str, Any]] = []
    while len(messages) < expected:
        batch = harness.sqs.receive_message(QueueUrl=harness.queue_url, MaxNumberOfMessages=10).get("Messages", [])
        if not batch:
            break
        messages.extend(batch)
    return messages


def invoke(harness, messages: list[dict[str, Any]]) -> dict[str, Any]:
    return harness.client.lambda_.invoke("send_notifications", sqs_event(messages)).payload


def post_cases(harness, creds, count: int) -> None:
    for n in range(count):
        body = event_body(event_id=f"e-{n}")
        body["case"] = {**body["case"], "id": f"HVC-{n}"}
        body["subscriber"] = {**body["subscriber"], "phone": f"06 1234567{n}"}
        assert harness.request("POST", "/v1/events", creds, body).status_code == 202


def test_one_poison_message_in_a_batch_of_ten_leaves_the_other_nine_sent_exactly_once(harness, hvc):
    post_cases(harness, hvc, 9)
    messages = receive(harness, 9)
    poison = {"MessageId": "poison-1", "ReceiptHandle": "rh-poison", "Body": "{not json"}
    batch = [*messages[:4], poison, *messages[4:]]

    first = invoke(harness, batch)
    again = invoke(harness, batch)  # SQS delivers at least once: the whole batch once more

    assert first == {"batchItemFailures": [{"itemIdentifier": "poison-1"}]}
    assert again == first
    assert len(harness.standin.messages) == 9
    assert sorted(m["to"] for m in harness.standin.messages) == sorted(f"+3161234567{n}" for n in range(9))


def test_throttled_message_is_reported_failed_and_comes_back_after_its_jittered_backoff(harness, hvc, monkeypatch):
    from chalicelib.domain import retry

    post_cases(harness, hvc, 2)
    messages = receive(harness, 2)  # both now hidden for the queue's 60 s visibility timeout
    harness.standin.fail_next("429")
    monkeypatch.setattr(retry.random, "random", lambda: 0.0)  # the jitter drew a zero wait

    answer = invoke(harness, messages)

    [failed] = answer["batchItemFailures"]
    assert len(harness.standin.messages) == 1
    # ChangeMessageVisibility(0) made just the failed message visible again at once.
    [back] = harness.sqs.receive_message(QueueUrl=harness.queue_url, MaxNumberOfMessages=10)["Messages"]
    assert back["MessageId"] == failed["itemIdentifier"]
    invoke(harness, [back])
    assert len(harness.standin.messages) == 2


def test_after_the_horizon_the_notification_is_a_technical_failure_and_its_message_is_dead_lettered(
    harness, hvc, capsys
):
    post_cases(harness, hvc, 1)
    [message] = receive(harness, 1)
    harness.standin.fail_next("500", count=10)

    answers = [invoke(harness, [message]) for _ in range(10)]

    assert all(a["batchItemFailures"] for a in answers[:9]) and answers[9] == {"batchItemFailures": []}
    [n] = harness.request("GET", "/v1/cases/HVC-0", hvc).json_body["notifications"]
    assert (n["state"], n["attempts"], n["last_error"], n["last_error_class"]) == (
        "technical-failure",
        10,
        "twilio-5xx",
        "retryable",
    )
    dlq_url = harness.sqs.get_queue_url(QueueName="zaakstatus-notifications" + DLQ_SUFFIX)["QueueUrl"]
    [dead] = harness.sqs.receive_message(QueueUrl=dlq_url).get("Messages", [])
    assert json.loads(dead["Body"]) == json.loads(message["Body"])
    assert '"NotificationsDeadLettered":1' in capsys.readouterr().out
