"""Replays in parallel: exactly one message, whatever the interleaving."""

from __future__ import annotations

import threading

from tests.builders import event_body


def test_five_parallel_replays_of_one_event_produce_exactly_one_message(harness, hvc):
    barrier = threading.Barrier(5)
    answers = []

    def post() -> None:
        barrier.wait()
        answers.append(harness.request("POST", "/v1/events", hvc, event_body(event_id="parallel-1")))

    threads = [threading.Thread(target=post) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    messages = harness.queued()
    # Deliver every queued copy, twice over, as an at-least-once queue may.
    harness.run_worker(messages)
    harness.run_worker(messages)

    assert [a.status_code for a in answers] == [202] * 5
    assert len({a.json_body["notification"]["id"] for a in answers}) == 1
    assert len(harness.standin.messages) == 1


def test_parallel_requests_each_see_their_own_request(harness, hvc):
    # The local server is threaded; chalice's current_request must not leak between threads.
    barrier = threading.Barrier(6)
    results = {}

    def post(n: int) -> None:
        body = event_body(event_id=f"own-{n}")
        body["case"]["id"] = f"HVC-{n}"
        barrier.wait()
        results[n] = harness.request("POST", "/v1/events", hvc, body).json_body["case_id"]

    threads = [threading.Thread(target=post, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert results == {n: f"HVC-{n}" for n in range(6)}
