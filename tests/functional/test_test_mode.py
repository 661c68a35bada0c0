"""Test mode through the whole app: a test client's events and cases are its own, its messages
reach only `GET /v1/test-outbox` (never the Twilio stand-in nor SES), and the simulated
recipients end as they say."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.builders import CASE_ID, event_body, hvc_case_type
from tests.harness import ADMIN, sqs_event
from tests.mail import sent_mails

SMS_OK, SMS_FAILS, SMS_FAILS_ONCE = "+31600000001", "+31600000002", "+31600000003"
MAIL_OK = "delivered@simulator.zaakstatus.nl"
MAIL_FAILS = "permanent-failure@simulator.zaakstatus.nl"
MAIL_FAILS_ONCE = "temporary-failure@simulator.zaakstatus.nl"


def new_client(harness, org_id: str = "hvc", body: Any = None) -> Any:
    data = None if body is None else json.dumps(body)
    return harness.client.http.post(f"/v1/admin/organisations/{org_id}/clients", headers=ADMIN, body=data)


@pytest.fixture
def test_client(harness, hvc) -> dict[str, Any]:
    response = new_client(harness, body={"mode": "test"})
    assert response.status_code == 201, response.body
    return response.json_body


def post(harness, creds, case_id: str, channel: str, address: str, **extra: Any) -> Any:
    body = event_body(event_id=f"e-{case_id}", **extra)
    body["case"] = {**body["case"], "id": case_id}
    field = "phone" if channel == "sms" else "email"
    body["subscriber"] = {"channel": channel, field: address, "language": "nl"}
    response = harness.request("POST", "/v1/events", creds, body)
    assert response.status_code == 202, response.body
    return response.json_body


def notification(harness, creds, case_id: str) -> dict[str, Any]:
    [n] = harness.request("GET", f"/v1/cases/{case_id}", creds).json_body["notifications"]
    return n


def outbox(harness, creds) -> list[dict[str, Any]]:
    response = harness.request("GET", "/v1/test-outbox", creds)
    assert response.status_code == 200, response.body
    return response.json_body["messages"]


def receive(harness) -> list[dict[str, Any]]:
    """The visible messages, left on the queue as Lambda's trigger leaves them (the handler's
    answer decides whether they come back)."""
    return harness.sqs.receive_message(QueueUrl=harness.queue_url, MaxNumberOfMessages=10).get("Messages", [])


def invoke(harness, messages: list[dict[str, Any]]) -> dict[str, Any]:
    return harness.client.lambda_.invoke("send_notifications", sqs_event(messages)).payload


def test_the_operator_issues_a_test_client_and_no_body_still_issues_a_live_one(harness, hvc):
    test = new_client(harness, body={"mode": "test"})
    live = new_client(harness)
    said_live = new_client(harness, body={"mode": "live"})

    assert (test.status_code, test.json_body["mode"]) == (201, "test")
    assert (live.status_code, live.json_body["mode"]) == (201, "live")
    assert (said_live.status_code, said_live.json_body["mode"]) == (201, "live")
    assert test.json_body["client_id"].startswith("hvc.")


def test_an_unknown_mode_is_refused_naming_the_field(harness, hvc):
    response = new_client(harness, body={"mode": "sandbox"})

    assert response.status_code == 400
    assert [p["name"] for p in response.json_body["invalid_params"]] == ["mode"]


def test_a_test_clients_messages_reach_only_the_test_outbox(harness, hvc, test_client):
    sms = post(harness, test_client, "T-SMS", "sms", "06 12345678")
    post(harness, test_client, "T-MAIL", "email", "jan@example.nl")

    harness.run_worker_until_empty()

    assert harness.standin.messages == []
    assert sent_mails() == []
    messages = outbox(harness, test_client)
    assert {(m["channel"], m["to"], m["case_id"], m["outcome"]) for m in messages} == {
        ("sms", "+31612345678", "T-SMS", "delivered"),
        ("email", "jan@example.nl", "T-MAIL", "delivered"),
    }
    by_case = {m["case_id"]: m for m in messages}
    assert by_case["T-SMS"]["body"].startswith("Uw klacht over container niet geleegd is in behandeling genomen.")
    assert sms["tracking_url"] in by_case["T-SMS"]["body"]
    assert by_case["T-MAIL"]["subject"]
    assert by_case["T-SMS"]["status"] == "in_behandeling"
    assert notification(harness, test_client, "T-SMS")["state"] == "delivered"
    assert notification(harness, test_client, "T-MAIL")["state"] == "delivered"


@pytest.mark.parametrize(("channel", "ok", "fails"), [("sms", SMS_OK, SMS_FAILS), ("email", MAIL_OK, MAIL_FAILS)])
def test_the_simulated_recipients_end_delivered_and_failed_for_good(harness, test_client, channel, ok, fails):
    post(harness, test_client, "T-OK", channel, ok)
    post(harness, test_client, "T-FAILS", channel, fails)

    harness.run_worker_until_empty()

    delivered, failed = notification(harness, test_client, "T-OK"), notification(harness, test_client, "T-FAILS")
    assert (delivered["state"], delivered["attempts"]) == ("delivered", 1)
    assert (failed["state"], failed["attempts"], failed["last_error"]) == (
        "permanent-failure",
        1,
        "simulator-permanent-failure",
    )
    assert sorted(m["outcome"] for m in outbox(harness, test_client)) == ["delivered", "permanent-failure"]
    assert harness.standin.messages == [] and sent_mails() == []


@pytest.mark.parametrize(("channel", "address"), [("sms", SMS_FAILS_ONCE), ("email", MAIL_FAILS_ONCE)])
def test_the_temporary_failure_recipient_is_delivered_after_one_retry(
    harness, test_client, channel, address, monkeypatch
):
    from chalicelib.domain import retry

    monkeypatch.setattr(retry.random, "random", lambda: 0.0)  # the backoff's jitter drew no wait
    post(harness, test_client, "T-RETRY", channel, address)

    first = invoke(harness, receive(harness))
    after_first = notification(harness, test_client, "T-RETRY")
    [back] = receive(harness)  # the deferred message, visible again after its (zero) backoff
    second = invoke(harness, [back])

    assert len(first["batchItemFailures"]) == 1
    assert (after_first["state"], after_first["last_error"]) == ("temporary-failure", "simulator-temporary-failure")
    assert second == {"batchItemFailures": []}
    final = notification(harness, test_client, "T-RETRY")
    assert (final["state"], final["attempts"], final["last_error"]) == ("delivered", 2, None)
    # Newest first: the delivery, then the failed try before it.
    assert [m["outcome"] for m in outbox(harness, test_client)] == ["delivered", "temporary-failure"]
    assert harness.standin.messages == [] and sent_mails() == []


def test_live_and_test_cases_are_apart_even_under_the_same_case_id(harness, hvc, test_client):
    post(harness, test_client, "T-ONLY", "sms", SMS_OK)
    post(harness, hvc, "L-ONLY", "sms", "06 12345678")
    post(harness, test_client, CASE_ID, "sms", SMS_OK, status="ontvangen")
    post(harness, hvc, CASE_ID, "sms", "06 12345678")

    assert harness.request("GET", "/v1/cases/T-ONLY", hvc).status_code == 404
    assert harness.request("GET", "/v1/cases/L-ONLY", test_client).status_code == 404
    live_case = harness.request("GET", f"/v1/cases/{CASE_ID}", hvc).json_body
    test_case = harness.request("GET", f"/v1/cases/{CASE_ID}", test_client).json_body
    assert (live_case["current_status"]["code"], test_case["current_status"]["code"]) == ("in_behandeling", "ontvangen")


def test_a_test_case_is_tracked_under_the_live_organisations_name(harness, hvc, test_client):
    answer = post(harness, test_client, "T-TRACK", "sms", SMS_OK)
    token = answer["tracking_url"].rsplit("/", 1)[1]

    view = harness.request("GET", f"/v1/track/{token}")

    assert view.status_code == 200, view.body
    assert view.json_body["organisation"] == {"name": "HVC"}
    assert view.json_body["current_status"]["text"].startswith("Uw klacht over container niet geleegd")


def test_a_live_client_has_no_test_outbox(harness, hvc):
    response = harness.request("GET", "/v1/test-outbox", hvc)

    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/problem+json"


def test_a_live_event_or_party_with_a_simulator_number_is_refused_naming_the_field(harness, hvc):
    body = event_body(event_id="e-sim")
    body["subscriber"] = {"channel": "sms", "phone": SMS_OK, "language": "nl"}
    party = {"role": "co_initiator", "channel": "sms", "phone": SMS_FAILS}

    event = harness.request("POST", "/v1/events", hvc, body)
    subscriber = harness.request("PUT", f"/v1/cases/{CASE_ID}/subscriber", hvc, {"channel": "sms", "phone": SMS_OK})
    put_party = harness.request("PUT", f"/v1/cases/{CASE_ID}/parties/p-2", hvc, party)

    assert event.status_code == 400
    assert [p["name"] for p in event.json_body["invalid_params"]] == ["subscriber.phone"]
    assert [p["name"] for p in subscriber.json_body["invalid_params"]] == ["phone"]
    assert [p["name"] for p in put_party.json_body["invalid_params"]] == ["phone"]
    assert harness.request("GET", f"/v1/cases/{CASE_ID}", hvc).status_code == 404  # nothing was stored


def test_a_citizen_of_a_live_case_cannot_choose_a_simulator_number(harness, hvc):
    answer = post(harness, hvc, "L-PREF", "sms", "06 12345678")
    token = answer["tracking_url"].rsplit("/", 1)[1]

    response = harness.request("PUT", f"/v1/track/{token}/preferences", None, {"channel": "sms", "phone": SMS_OK})

    assert response.status_code == 400
    assert [p["name"] for p in response.json_body["invalid_params"]] == ["phone"]


def test_a_test_client_uses_the_case_types_but_may_not_change_them(harness, hvc, test_client):
    listed = harness.request("GET", "/v1/case-types", test_client)
    changed = harness.request("PUT", "/v1/case-types/klacht", test_client, hvc_case_type(name="Anders"))

    assert listed.status_code == 200
    assert [t["code"] for t in listed.json_body["case_types"]] == ["klacht"]
    assert changed.status_code == 403
    assert changed.headers["Content-Type"] == "application/problem+json"
    assert harness.request("GET", "/v1/case-types/klacht", hvc).json_body["name"] != "Anders"


def test_a_test_client_shares_no_case_and_connects_no_zgw(harness, hvc, test_client):
    harness.create_organisation("svb")
    shared = {"role": "chain_partner", "kind": "organisation", "identifier": {"organisation": "svb"}}
    zgw = {
        "zaken_api": "https://zaken.hvc.example/api/v1/",
        "catalogi_api": "https://catalogi.hvc.example/api/v1/",
        "client_id": "zaakstatus",
        "secret": "s" * 32,
        "rsins": ["002220647"],
        "notifications_authorization": "Token " + "a" * 32,
    }
    post(harness, test_client, "T-SHARE", "sms", SMS_OK)

    party = harness.request("PUT", "/v1/cases/T-SHARE/parties/provincie", test_client, shared)
    connection = harness.request("PUT", "/v1/zgw/connection", test_client, zgw)

    assert party.status_code == 400
    assert [p["name"] for p in party.json_body["invalid_params"]] == ["identifier.organisation"]
    assert connection.status_code == 403
