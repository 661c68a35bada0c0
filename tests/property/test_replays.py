"""Replays and redeliveries by the thousand: exactly one SMS per event, whatever comes twice.

Through the whole app (chalice's test client on moto, the Twilio stand-in as the provider):
- serial replays: the case system posts the same event again and again; every queued copy is
  delivered, and then delivered again (SQS is at-least-once);
- parallel replays: threads post the same event at the same moment;
- forced redelivery: the sender Lambda gets the same SQS record again and again, also after the
  Lambda died between the provider's "accepted" and the write of the outcome.

Counted: the replays and redeliveries made, the SMS the stand-in received (one phone number per
event), duplicates (a number that got more than one SMS). `make soak` raises the counts.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from tests.builders import event_body
from tests.proofs import AtomicCalls, Faults, Redelivery, count, figure


class Tally:
    def __init__(self) -> None:
        self.replays = self.sends = self.duplicates = self.events = 0

    def add(self, harness: Any, events: int, replays: int) -> tuple[int, int]:
        per_phone = Counter(m["to"] for m in harness.standin.messages)
        sends, duplicates = sum(per_phone.values()), sum(n - 1 for n in per_phone.values())
        self.events, self.replays = self.events + events, self.replays + replays
        self.sends, self.duplicates = self.sends + sends, self.duplicates + duplicates
        figure(f"{replays} replays/redeliveries of {events} events, {sends} sends, {duplicates} duplicates")
        return sends, duplicates


@pytest.fixture(scope="module")
def tally() -> Iterator[Tally]:
    total = Tally()
    yield total
    figure(
        f"in all: {total.replays} replays/redeliveries of {total.events} events, "
        f"{total.sends} sends, {total.duplicates} duplicates"
    )


@pytest.fixture(autouse=True)
def no_ingest_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Set before the app is built (autouse runs first): the limit has its own tests."""
    monkeypatch.setenv("ZAAKSTATUS_INGEST_PER_MINUTE", "100000000")


@pytest.fixture
def worker(harness: Any, monkeypatch: pytest.MonkeyPatch) -> Redelivery:
    return Redelivery(harness, monkeypatch)


def body(n: int) -> dict[str, Any]:
    """Event n: a case and a phone number of its own."""
    event = event_body(event_id=f"replay-{n}", subscriber={"channel": "sms", "phone": f"062{n:07d}", "language": "nl"})
    event["case"]["id"] = f"HVC-REPLAY-{n}"
    return event


def test_serial_replays_and_every_queued_copy_delivered_twice_send_one_sms(harness, hvc, worker, tally):
    replays = count("SERIAL_REPLAYS", 60)
    answers = {harness.request("POST", "/v1/events", hvc, body(1)).status_code for _ in range(replays + 1)}
    copies = harness.queued()
    worker.drain(copies)
    worker.drain(copies)  # each copy again, as an at-least-once queue may

    assert answers == {202}
    assert len(copies) >= replays + 1
    assert tally.add(harness, 1, replays + 2 * len(copies) - 1) == (1, 0)


def test_parallel_replays_of_each_event_send_one_sms(harness, hvc, worker, tally, monkeypatch):
    events, threads = count("PARALLEL_EVENTS", 4), count("PARALLEL_THREADS", 10)
    AtomicCalls().patch_clients(monkeypatch)
    answers: list[int] = []

    def post(n: int, barrier: threading.Barrier) -> None:
        barrier.wait()
        answers.append(harness.request("POST", "/v1/events", hvc, body(n)).status_code)

    for n in range(100, 100 + events):
        barrier = threading.Barrier(threads)
        running = [threading.Thread(target=post, args=(n, barrier)) for _ in range(threads)]
        for t in running:
            t.start()
        for t in running:
            t.join()
        worker.drain()

    assert Counter(answers) == {202: events * threads}
    assert tally.add(harness, events, events * (threads - 1)) == (events, 0)


def test_a_redelivered_record_sends_once_also_after_a_crash_between_send_and_record(
    harness, hvc, worker, tally, monkeypatch
):
    events, again = count("REDELIVERY_EVENTS", 8), count("REDELIVERY_COPIES", 8)
    faults = Faults()
    faults.patch_clients(monkeypatch)
    crash_at = _first_call_after_send(harness, hvc, faults, worker)
    redeliveries = 0
    for n in range(1000, 1000 + events):
        assert harness.request("POST", "/v1/events", hvc, body(n)).status_code == 202
        [record] = harness.queued()
        faults.arm(crash_at, mode="crash")  # the Lambda dies right after the provider took the SMS
        redeliveries += worker.drain([record]) - 1
        assert faults.disarm()[crash_at - 1].startswith("dynamodb."), "the crash missed its place"
        for _ in range(again):
            worker.drain([record])
        redeliveries += again

    sends, duplicates = tally.add(harness, events + 1, redeliveries)
    assert (sends, duplicates) == (events + 1, 0)


def _first_call_after_send(harness: Any, hvc: dict[str, Any], faults: Faults, worker: Redelivery) -> int:
    """The number of the first AWS call a delivery makes after the provider took the SMS, found on
    one event's delivery (every event of this test takes the same path)."""
    assert harness.request("POST", "/v1/events", hvc, body(999)).status_code == 202
    faults.probe = lambda: len(harness.standin.messages)
    faults.arm()
    worker.drain()
    faults.disarm()
    return next(i for i, sent in enumerate(faults.seen, start=1) if sent > faults.seen[0])
