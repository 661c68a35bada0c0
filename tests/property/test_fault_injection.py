"""DynamoDB throttling and SQS failures at every call of ingest and delivery, one at a time.

The calls of one event's happy path (POST /v1/events, then the sender Lambda) are counted first;
then each of them fails in turn, once, on a fresh case: throttled (DynamoDB's
ProvisionedThroughputExceededException / ThrottlingException, SQS's RequestThrottled or a 500,
as botocore raises them after its own retries), and for SQS also carried out with the answer
lost (a read timeout after the message was queued). The case system retries a 503 as told by
Retry-After; SQS redelivers a failed message. Then: every event is stored, its SMS went out
exactly once, and no answer was a 500.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest

from tests.builders import event_body
from tests.proofs import THROTTLED, Faults, Redelivery, figure

CLIENT_TRIES = 5


@pytest.fixture(autouse=True)
def no_daily_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """Set before the app is built (autouse runs first): the cap has its own tests."""
    monkeypatch.setenv("ZAAKSTATUS_DAILY_CAP", "100000")


@pytest.fixture
def faults(monkeypatch: pytest.MonkeyPatch) -> Faults:
    injected = Faults()
    injected.patch_clients(monkeypatch)
    return injected


def post_until_accepted(harness: Any, creds: dict[str, Any], body: dict[str, Any]) -> list[int]:
    """The case system's side: a 503 (with Retry-After) is tried again, anything else is final."""
    statuses: list[int] = []
    for _ in range(CLIENT_TRIES):
        response = harness.request("POST", "/v1/events", creds, body)
        statuses.append(response.status_code)
        if response.status_code != 503:
            return statuses
        assert response.headers.get("Retry-After"), "a 503 without Retry-After"
    return statuses


# Each kind: the statuses posted before (unharmed) and the one the faults hit.
KINDS = {
    "new case": ((), "in_behandeling"),
    "next status": ((("ontvangen", "2026-11-28T09:00:00+01:00"),), "in_behandeling"),
    "closing": ((("in_behandeling", "2026-11-28T09:00:00+01:00"),), "afgehandeld"),
}
SOAK_KINDS = os.environ.get("ZAAKSTATUS_SOAK_FAULT_KINDS", "new case").split(",")


def event(n: int, status: str, at: str = "2026-11-28T10:00:00+01:00") -> dict[str, Any]:
    subscriber = {"channel": "sms", "phone": f"061{n:07d}", "language": "nl"}
    body = event_body(status, at, event_id=f"fault-{n}-{status}", subscriber=subscriber)
    body["case"]["id"] = f"HVC-FAULT-{n}"
    return body


def one_event(harness: Any, creds: dict[str, Any], worker: Redelivery, n: int, kind: str, faults: Faults, **arm: Any):
    """One event on a case of its own (after the kind's earlier ones), posted and delivered with
    the faults armed; the answers, the SMS it caused and the calls made."""
    earlier, status = KINDS[kind]
    for before_status, at in earlier:
        assert post_until_accepted(harness, creds, event(n, before_status, at)) == [202]
        worker.drain()
    before = len(harness.standin.messages)
    faults.arm(**arm)
    statuses = post_until_accepted(harness, creds, event(n, status))
    worker.drain()
    return statuses, harness.standin.messages[before:], faults.disarm()


def receipts(harness: Any, sms: list[dict]) -> None:
    """Twilio's signed status callbacks for the SMS sent (they settle an outcome we failed to write)."""
    for message in sms:
        for callback in harness.standin.report(message, "delivered"):
            parts = urlsplit(callback["url"])
            headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": callback["signature"]}
            path = f"{parts.path}?{parts.query}"
            answer = harness.client.http.post(path, headers=headers, body=urlencode(callback["form"]))
            assert answer.status_code == 204, answer.body


def stored_state(harness: Any, creds: dict[str, Any], n: int) -> str | None:
    response = harness.request("GET", f"/v1/cases/HVC-FAULT-{n}", creds)
    if response.status_code != 200:
        return None
    return str(response.json_body["notifications"][-1]["state"])


@pytest.mark.parametrize("kind", SOAK_KINDS)
def test_a_throttled_or_failed_call_at_any_step_loses_nothing_and_sends_nothing_twice(
    harness, hvc, faults, monkeypatch, kind
):
    worker = Redelivery(harness, monkeypatch)
    one_event(harness, hvc, worker, 0, kind, faults)  # warm: queue URLs, the client's secret, cached reads
    statuses, sms, path = one_event(harness, hvc, worker, 1, kind, faults)
    assert statuses == [202] and len(sms) == 1, (statuses, sms)
    points, lost, duplicates, defects = 0, [], [], []
    n = 1
    for at, call in enumerate(path, start=1):
        service = call.split(".")[0]
        kinds = [("throttled", code) for code in THROTTLED[service]]
        if service == "sqs":
            kinds.append(("timeout", None))  # queued, but the answer never came
        for mode, code in kinds:
            n += 1
            points += 1
            statuses, sms, calls = one_event(harness, hvc, worker, n, kind, faults, fail_at=at, mode=mode, code=code)
            receipts(harness, sms)
            where = f"call {at} ({calls[at - 1]}, {mode} {code[0] if code else ''})"
            if any(s >= 500 and s != 503 for s in statuses) or statuses[-1] != 202:
                defects.append(f"{where}: answers {statuses}")
            if len(sms) > 1:
                duplicates.append(f"{where}: {len(sms)} SMS")
            if statuses[-1] == 202 and (not sms or stored_state(harness, hvc, n) != "delivered"):
                lost.append(f"{where}: {len(sms)} SMS, state {stored_state(harness, hvc, n)}")
    figure(
        f"{kind}: {points} injection points ({len(path)} calls: {', '.join(sorted(set(path)))}), "
        f"{len(lost)} lost, {len(duplicates)} duplicates, {len(defects)} answers not retryable"
    )
    assert not (defects or lost or duplicates), {"path": path, "5xx": defects, "lost": lost, "twice": duplicates}
