"""`python -m local` as a developer runs it, used as a case system would: HTTP, JWTs, the outbox."""

from __future__ import annotations

import json
import threading
import time
import uuid
from typing import Any

import pytest

from local import driver

DELIVERY_TIMEOUT_S = 10
STRAGGLER_WAIT_S = 3
PHONE_E164 = "+31612345678"


class LocalRun(driver.LocalRun):
    """The local run as the HVC case system sees it."""

    def post_event(self, event: dict[str, Any]) -> tuple[int, Any]:
        return self.call("POST", "/v1/events", event)

    def wait_for(self, predicate, timeout: float = DELIVERY_TIMEOUT_S) -> list[dict[str, Any]]:
        return super().wait_for(predicate, timeout)


@pytest.fixture(scope="module")
def local_run(tmp_path_factory) -> LocalRun:
    run = LocalRun(tmp_path_factory.mktemp("local-run"), ZAAKSTATUS_QUIET_HOURS="off")  # not the hour's
    try:
        run.start()
    except RuntimeError as exc:
        run.stop()
        pytest.fail(str(exc))
    assert run.state["hvc_client_id"] and run.state["hvc_client_secret"], run.log_tail()
    try:
        yield run
    finally:
        code = run.stop()
    # After the yield: reported as a teardown error, after the tests' own results.
    assert code == 0, f"SIGTERM did not stop python -m local cleanly ({code}):\n" + run.log_tail()


def _event(case_id: str, status: str, occurred_at: str, subscriber: dict | None, **extra: Any) -> dict:
    event = {
        "case": {"id": case_id, "case_type": "klacht", "description": f"container {case_id} niet geleegd"},
        "status": status,
        "occurred_at": occurred_at,
    }
    if subscriber is not None:
        event["subscriber"] = subscriber
    event.update(extra)
    return event


def _case_id() -> str:
    return "HVC-E2E-" + uuid.uuid4().hex[:10]


SMS = {"channel": "sms", "phone": "06 12345678", "email": None, "language": "nl"}


def test_a_notifying_event_sends_one_sms_with_the_status_text_and_a_tracking_link(local_run):
    case_id = _case_id()
    status, answer = local_run.post_event(_event(case_id, "in_behandeling", "2026-11-28T10:00:00+01:00", SMS))
    assert status == 202, answer
    assert answer["notification"]["channel"] == "sms"

    text = f"Uw klacht over container {case_id} niet geleegd is in behandeling genomen."
    found = local_run.wait_for(lambda m: m["channel"] == "sms" and text in m["body"])
    assert found, f"no SMS within {DELIVERY_TIMEOUT_S}s; outbox: {local_run.outbox()}"
    sms = found[0]
    assert sms["to"] == PHONE_E164
    assert sms["subject"] is None
    assert "/track/" in sms["body"]
    assert answer["tracking_url"] in sms["body"]


def test_the_same_event_posted_five_times_in_parallel_sends_one_message(local_run):
    case_id = _case_id()
    event = _event(case_id, "in_behandeling", "2026-11-28T10:00:00+01:00", SMS, event_id=f"{case_id}-1")
    answers: list[tuple[int, Any]] = []
    barrier = threading.Barrier(5)

    def post() -> None:
        barrier.wait()
        answers.append(local_run.post_event(event))

    threads = [threading.Thread(target=post) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert [s for s, _ in answers] == [202] * 5, answers
    assert len({json.dumps(a, sort_keys=True) for _, a in answers}) == 1, "replays must give the same answer"

    def mine(m: dict) -> bool:
        return case_id in m["body"]

    assert local_run.wait_for(mine), f"no message within {DELIVERY_TIMEOUT_S}s"
    time.sleep(STRAGGLER_WAIT_S)
    assert len([m for m in local_run.outbox() if mine(m)]) == 1


def test_an_older_event_is_kept_but_sends_nothing(local_run):
    case_id = _case_id()
    status, answer = local_run.post_event(_event(case_id, "in_behandeling", "2026-11-28T10:00:00+01:00", SMS))
    assert status == 202, answer
    assert local_run.wait_for(lambda m: case_id in m["body"]), "the first message never came"

    reason = f"reden-{uuid.uuid4().hex[:8]}"
    older = _event(case_id, "opgeschort", "2026-11-27T10:00:00+01:00", None, explanation=reason)
    status, answer = local_run.post_event(older)
    assert status == 202, answer
    assert answer["current_status"] == "in_behandeling"
    assert answer["notification"] is None

    time.sleep(STRAGGLER_WAIT_S)
    assert [m for m in local_run.outbox() if reason in m["body"]] == []
    assert len([m for m in local_run.outbox() if case_id in m["body"]]) == 1


def test_an_email_subscriber_gets_an_email_with_subject_and_plain_text_body(local_run):
    case_id = _case_id()
    address = f"burger-{case_id.lower()}@example.org"
    subscriber = {"channel": "email", "phone": None, "email": address, "language": "nl"}
    status, answer = local_run.post_event(_event(case_id, "in_behandeling", "2026-11-28T10:00:00+01:00", subscriber))
    assert status == 202, answer

    found = local_run.wait_for(lambda m: m["channel"] == "email" and m["to"] == address)
    assert found, f"no e-mail within {DELIVERY_TIMEOUT_S}s; outbox: {local_run.outbox()}"
    mail = found[0]
    assert mail["subject"]
    assert f"Uw klacht over container {case_id} niet geleegd is in behandeling genomen." in mail["body"]
    assert answer["tracking_url"] in mail["body"]
    assert "<" not in mail["body"] and ">" not in mail["body"], "the body must be the plain-text part"


def test_the_outbox_is_oldest_first(local_run):
    stamps = [m["at"] for m in local_run.outbox()]
    assert stamps == sorted(stamps)


def test_a_new_organisation_created_through_the_api_sends_its_first_e_mail(local_run):
    """Nothing seeded: its sender's domain is verified when it is created, as the local run does."""
    org_id = "e2e-" + uuid.uuid4().hex[:8]
    status, created = driver.request(
        "POST",
        local_run.api + "/v1/admin/organisations",
        local_run.state["admin_token"],
        {"id": org_id, "name": "Gemeente Nieuw", "email_from": f"noreply@{org_id}.example", "sms_from": "Nieuw"},
    )
    assert status == 201, created
    assert (created["sender"]["status"], created["warnings"]) == ("verified", [])
    token = driver.client_token(created["client_id"], created["client_secret"])
    case_type = {
        "name": "Melding",
        "statuses": [
            {
                "code": "ontvangen",
                "name": "Ontvangen",
                "notify": True,
                "text": {"nl": "Wij hebben uw melding ontvangen."},
            }
        ],
    }
    assert driver.request("PUT", local_run.api + "/v1/case-types/melding", token, case_type)[0] == 201
    address = f"burger-{org_id}@example.org"
    event = {
        "case": {"id": "M-1", "case_type": "melding"},
        "status": "ontvangen",
        "occurred_at": "2026-11-28T10:00:00+01:00",
        "subscriber": {"channel": "email", "email": address, "language": "nl"},
    }
    assert driver.request("POST", local_run.api + "/v1/events", token, event)[0] == 202

    found = local_run.wait_for(lambda m: m["channel"] == "email" and m["to"] == address)
    assert found, f"no e-mail within {DELIVERY_TIMEOUT_S}s; outbox: {local_run.outbox()}"
    assert "Wij hebben uw melding ontvangen." in found[0]["body"]
    status, sender = driver.request("GET", local_run.api + "/v1/organisation/sender", token)
    assert status == 200 and sender["status"] == "verified"
    assert [r["type"] for r in sender["dns_records"]] == ["CNAME"] * 3
