"""Fan-out and delivery of webhooks on in-memory adapters: which webhooks get what, once; retries
on the schedule with the same id; the horizon; a deleted webhook; shared cases."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from chalicelib.domain import clock
from chalicelib.domain.models import Case
from chalicelib.domain.outbound import OutboundFailed
from chalicelib.domain.webhooks import MAX_ATTEMPTS, SCHEDULE_S
from chalicelib.services import webhooks
from chalicelib.web import sqs_batches
from tests.builders import CASE_ID
from tests.harness import sqs_event
from tests.security.pii import findings
from tests.webhook_builders import T0, Clock, come_back, register, status_event, verify, work


@pytest.fixture
def now(monkeypatch) -> Clock:
    moment = Clock()
    monkeypatch.setattr(clock, "now", moment)
    return moment


def deliveries(deps, name="crm", org_id="hvc") -> list[dict]:
    return webhooks.deliveries(deps, org_id, name).json_body()["deliveries"]


def test_a_status_change_is_posted_once_signed_to_the_webhook(deps, org, now):
    secret = register(deps)
    status_event(deps, "in_behandeling")

    work(deps)  # notification and fan-out
    outcomes, deferred = work(deps)

    assert outcomes == ["webhook-delivered"] and deferred == []
    [post] = deps.webhook_poster.posts
    event = verify(secret, post["body"], post["headers"])
    assert (event["type"], event["subject"], event["data"]["status"]["code"]) == (
        "nl.zaakstatus.case.status_changed",
        CASE_ID,
        "in_behandeling",
    )
    assert post["headers"]["webhook-id"] == event["id"]
    [delivery] = deliveries(deps)
    assert {k: delivery[k] for k in ("id", "type", "status", "attempts", "last_error")} == {
        "id": event["id"],
        "type": "case.status_changed",
        "status": "delivered",
        "attempts": 1,
        "last_error": None,
    }


def test_a_final_status_is_also_a_closed_event_and_only_wanted_types_are_sent(deps, org, now):
    register(deps, "both")
    register(deps, "closing", events=["case.closed"])
    status_event(deps, "in_behandeling")
    status_event(deps, "afgehandeld", "2026-11-29T10:00:00+01:00")
    work(deps)
    work(deps)

    assert sorted(d["type"] for d in deliveries(deps, "both")) == ["case.closed", *["case.status_changed"] * 2]
    assert [d["type"] for d in deliveries(deps, "closing")] == ["case.closed"]
    assert len(deps.webhook_poster.posts) == 4


def test_an_older_event_arriving_late_is_not_sent(deps, org, now):
    register(deps)
    status_event(deps, "opgeschort", "2026-11-29T10:00:00+01:00")
    status_event(deps, "in_behandeling", "2026-11-28T10:00:00+01:00")
    work(deps)
    work(deps)
    assert [json.loads(p["body"])["data"]["status"]["code"] for p in deps.webhook_poster.posts] == ["opgeschort"]


def test_running_the_fan_out_twice_records_and_sends_nothing_twice(deps, org, now):
    register(deps)
    status_event(deps)
    fan_out = [m for m in deps.queue.messages if m.get("kind") == "webhooks"]
    deps.queue.messages.extend(fan_out)  # the same job delivered twice

    work(deps)
    work(deps)
    deps.queue.messages.extend(fan_out)  # and once more, after the delivery
    work(deps)

    assert len(deliveries(deps)) == 1
    assert len(deps.webhook_poster.posts) == 1


def test_a_failing_receiver_is_retried_on_the_schedule_with_the_same_id_and_body(deps, org, now):
    secret = register(deps)
    deps.webhook_poster.answers = [503, OutboundFailed("timeout"), 302]
    status_event(deps)
    work(deps)

    waits = []
    for _ in range(4):
        outcomes, deferred = work(deps)
        waits += [seconds for _, seconds in deferred]
        come_back(deps, deferred, now)

    assert waits == list(SCHEDULE_S[:3])
    posts = deps.webhook_poster.posts
    assert len(posts) == 4 and len({p["headers"]["webhook-id"] for p in posts}) == 1
    assert len({p["body"] for p in posts}) == 1
    assert all(verify(secret, p["body"], p["headers"]) for p in posts)
    [delivery] = deliveries(deps)
    assert (delivery["status"], delivery["attempts"], delivery["last_error"]) == ("delivered", 4, "http-302")


def test_a_copy_of_the_job_arriving_before_its_time_waits_and_posts_nothing(deps, org, now):
    register(deps)
    deps.webhook_poster.answers = [500]
    status_event(deps)
    work(deps)
    _, [(job, wait)] = work(deps)

    now.advance(3)
    deps.queue.send(job)
    outcomes, [(_, again)] = work(deps)

    assert outcomes == [f"deferred-{wait - 3}"] and again == wait - 3
    assert len(deps.webhook_poster.posts) == 1


def test_after_the_horizon_the_delivery_is_failed_and_counted(deps, org, now):
    register(deps)
    deps.webhook_poster.default = 500
    status_event(deps)
    work(deps)

    outcomes: list[str] = []
    for _ in range(MAX_ATTEMPTS + 1):
        result, deferred = work(deps)
        outcomes += result
        come_back(deps, deferred, now)

    assert outcomes[-1] == "webhook-failed"
    assert len(deps.webhook_poster.posts) == MAX_ATTEMPTS
    [delivery] = deliveries(deps)
    assert (delivery["status"], delivery["attempts"], delivery["last_error"]) == ("failed", MAX_ATTEMPTS, "http-500")
    assert ("WebhookDeliveriesFailed", 1, {}) in deps.metrics.counted
    assert now.at - T0 >= dt.timedelta(hours=23)  # the last try came about a day after the first


def test_deleting_a_webhook_stops_its_pending_deliveries(deps, org, now):
    register(deps)
    deps.webhook_poster.answers = [503]
    status_event(deps)
    work(deps)
    _, deferred = work(deps)

    webhooks.delete(deps, "hvc", "crm")
    register(deps)  # a new webhook of the same name gets none of the old one's deliveries
    come_back(deps, deferred, now)
    outcomes, _ = work(deps)

    assert outcomes == ["webhook-failed"]
    assert len(deps.webhook_poster.posts) == 1
    [delivery] = deps.webhooks.latest_deliveries("hvc", "crm", 50)
    assert (delivery.status, delivery.last_error) == ("failed", "webhook-deleted")


def test_shared_cases_reach_the_sharing_organisations_webhooks_that_want_them(deps, org, now, monkeypatch):
    monkeypatch.setattr(Case, "shared_with", lambda self: ["svb"])
    register(deps, "own-only", org_id="hvc", cases="own")
    register(deps, "shared-only", org_id="hvc", cases="shared")
    register(deps, "partner", org_id="svb", cases="shared")
    register(deps, "partner-own", org_id="svb", cases="own")
    register(deps, "partner-all", org_id="svb", cases="all")
    status_event(deps)
    work(deps)
    work(deps)

    hooks = [
        ("hvc", "own-only"),
        ("hvc", "shared-only"),
        ("svb", "partner"),
        ("svb", "partner-own"),
        ("svb", "partner-all"),
    ]
    got = {(o, n) for o, n in hooks if deps.webhooks.latest_deliveries(o, n, 50)}
    assert got == {("hvc", "own-only"), ("svb", "partner"), ("svb", "partner-all")}
    sources = {json.loads(p["body"])["source"] for p in deps.webhook_poster.posts}
    assert sources == {"https://zaakstatus.test/v1/organisations/hvc"}


def test_no_contact_data_is_in_any_webhook_request(deps, org, now):
    register(deps)
    subscriber = {"channel": "email", "email": "jan@example.nl", "phone": "06 12345678", "language": "nl"}
    status_event(deps, "in_behandeling", subscriber=subscriber)
    status_event(deps, "afgehandeld", "2026-11-29T10:00:00+01:00", subscriber=subscriber)
    work(deps)
    work(deps)

    assert len(deps.webhook_poster.posts) == 3
    for post in deps.webhook_poster.posts:
        text = post["body"].decode() + json.dumps(post["headers"])
        assert findings(text, extra=("jan@example.nl", "612345678")) == []


class LambdaContext:
    def __init__(self, left_ms: int) -> None:
        self.left_ms = left_ms

    def get_remaining_time_in_millis(self) -> int:
        return self.left_ms


@pytest.mark.parametrize(("left_ms", "posted"), [(5_000, 0), (25_000, 1)])
def test_a_delivery_without_time_left_in_the_lambda_goes_back_at_once_untried(deps, org, now, left_ms, posted):
    register(deps)
    status_event(deps)
    work(deps)  # the fan-out queues the delivery job
    [job] = [m for m in deps.queue.messages if m.get("kind") == "webhook"]
    deps.queue.messages.clear()
    message = {"MessageId": "m-1", "ReceiptHandle": "rh-1", "Body": json.dumps(job)}

    answer = sqs_batches.notifications(deps, sqs_event([message]), LambdaContext(left_ms))

    assert len(deps.webhook_poster.posts) == posted
    assert answer["batchItemFailures"] == ([] if posted else [{"itemIdentifier": "m-1"}])
    assert deps.queue.delays == ([] if posted else [("rh-1", 0)])
