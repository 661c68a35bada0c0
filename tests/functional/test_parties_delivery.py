"""Delivery per party (contract v2 §1): a business reads the text for an undertaking, and the
per-recipient daily cap, quiet hours, receipts and fallback hold for each party on its own."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import boto3
import pytest

from chalicelib import bootstrap, config
from chalicelib.domain import clock
from local.queue_poller import scheduled_event
from tests.builders import CASE_ID, HVC_CASE_TYPE, event_body
from tests.functional.test_delivery_receipts import invoke_ses, post_callback, ses_event
from tests.mail import parts, sent_mails
from tests.security.pii import AwsRecorder

CASE = f"/v1/cases/{CASE_ID}"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
KVK, BRANCH = "69599084", "000012345678"
BUSINESS_TEXT = "De klacht van uw onderneming over ((case.description)) is in behandeling genomen."


def _party(party_id: str, role: str = "co_initiator", **extra: Any) -> dict[str, Any]:
    return {"party_id": party_id, "role": role, "kind": "person", "language": "nl", **extra}


def _notifications(harness, creds) -> dict[str, dict[str, Any]]:
    """The one event's notifications, by party id."""
    return {n["party_id"]: n for n in harness.request("GET", CASE, creds).json_body["notifications"]}


def _post(harness, creds, **extra: Any) -> dict[str, Any]:
    response = harness.request("POST", "/v1/events", creds, event_body(event_id="e-1", **extra))
    assert response.status_code == 202, response.body
    body: dict[str, Any] = response.json_body
    return body


def _business_case_type() -> dict[str, Any]:
    case_type = copy.deepcopy(HVC_CASE_TYPE)
    for status in case_type["statuses"]:
        if status["code"] == "in_behandeling":
            status["text_business"] = {"nl": BUSINESS_TEXT}
    return case_type


def test_a_business_party_is_mailed_the_text_for_an_undertaking_and_a_person_the_normal_text(harness, hvc):
    harness.request("PUT", "/v1/case-types/klacht", hvc, _business_case_type())
    business = _party(
        "bakkerij",
        role="interested",
        kind="business",
        name="Bakkerij Jansen BV",
        identifier={"kvk": KVK, "branch": BRANCH},
        channel="email",
        email="info@bakkerij-jansen.example",
    )
    subscriber = {"channel": "email", "email": "jan@example.nl", "language": "nl"}
    with AwsRecorder() as aws:
        answer = _post(harness, hvc, subscriber=subscriber, parties=[business])
        harness.run_worker_until_empty()

    mails = {mail["To"]: parts(mail)[0].splitlines()[0] for _, mail in sent_mails()}
    assert mails == {
        "info@bakkerij-jansen.example": BUSINESS_TEXT.replace("((case.description))", "container niet geleegd"),
        "jan@example.nl": "Uw klacht over container niet geleegd is in behandeling genomen.",
    }
    parties = {p["party_id"]: p for p in harness.request("GET", CASE, hvc).json_body["parties"]}
    view = harness.request("GET", "/v1/track/" + parties["bakkerij"]["tracking_url"].rsplit("/", 1)[1]).json_body
    assert view["current_status"]["text"].startswith("De klacht van uw onderneming")
    # The KvK and branch numbers are stored only as a keyed hash, and travel nowhere.
    dump = json.dumps(boto3.client("dynamodb").scan(TableName="zaakstatus")["Items"])
    assert "Bakkerij Jansen BV" in dump  # the scan does see the party
    assert KVK not in dump and BRANCH not in dump
    assert len(aws.queue_bodies) >= 2
    assert not [b for b in aws.queue_bodies if KVK in b or BRANCH in b]
    assert KVK not in json.dumps(answer) and KVK not in json.dumps(parties)


def test_a_business_party_without_a_business_text_reads_the_normal_one(harness, hvc):
    business = _party("bv", kind="business", identifier={"kvk": KVK}, channel="email", email="info@bv.example")
    _post(harness, hvc, subscriber={"channel": "portal"}, parties=[business])
    harness.run_worker_until_empty()

    [(_, mail)] = sent_mails()
    assert parts(mail)[0].startswith("Uw klacht over container niet geleegd is in behandeling genomen.")


@pytest.fixture
def cap_of_one(monkeypatch):
    monkeypatch.setenv("ZAAKSTATUS_DAILY_CAP", "1")
    config.reset()
    bootstrap.reset()


def test_the_daily_cap_counts_every_party_with_the_same_number(harness, hvc, cap_of_one):
    same = _party("partner", channel="sms", phone="+31 6 12345678")
    other = _party("zoon", channel="sms", phone="06 22222222")
    _post(harness, hvc, parties=[same, other])  # the initiator has 06 12345678 too
    harness.run_worker_until_empty()

    assert sorted(m["to"] for m in harness.standin.messages) == ["+31612345678", "+31622222222"]
    notifications = _notifications(harness, hvc)
    assert notifications["zoon"]["state"] == "sent"
    shared = sorted((notifications[p]["state"], notifications[p]["last_error"]) for p in ("initiator", "partner"))
    assert shared == [("sent", None), ("suppressed", "daily-cap")]


@pytest.fixture
def night(monkeypatch):
    monkeypatch.setenv("ZAAKSTATUS_QUIET_HOURS", "22:00-08:00")
    config.reset()
    bootstrap.reset()
    now = [dt.datetime(2026, 11, 28, 23, 15, tzinfo=AMSTERDAM)]
    monkeypatch.setattr(clock, "now", lambda: now[0].astimezone(dt.UTC))
    return now


def test_quiet_hours_hold_each_sms_party_and_the_morning_releases_each_once(harness, hvc, night):
    parties = [
        _party("partner", channel="email", email="piet@example.org"),
        _party("zoon", channel="sms", phone="06 22222222"),
    ]
    _post(harness, hvc, parties=parties)
    harness.run_worker_until_empty()

    assert harness.standin.messages == []
    assert [mail["To"] for _, mail in sent_mails()] == ["piet@example.org"]  # e-mail knows no quiet hours
    states = {pid: n["state"] for pid, n in _notifications(harness, hvc).items()}
    assert states == {"initiator": "created", "partner": "sent", "zoon": "created"}

    night[0] = dt.datetime(2026, 11, 29, 8, 0, tzinfo=AMSTERDAM)
    harness.client.lambda_.invoke("release_quiet_hours", scheduled_event())
    harness.run_worker_until_empty()
    harness.client.lambda_.invoke("release_quiet_hours", scheduled_event())  # a retried schedule
    harness.run_worker_until_empty()

    assert sorted(m["to"] for m in harness.standin.messages) == ["+31612345678", "+31622222222"]
    assert len(sent_mails()) == 1
    assert {n["state"] for n in _notifications(harness, hvc).values()} == {"sent"}


def _callbacks_of(harness, party_id: str | None) -> list[dict[str, Any]]:
    """The status callbacks of one party's SMS (None: the initiator's, whose reference names no party)."""
    marker = f"&p={party_id}" if party_id else None
    return [c for c in harness.standin.callbacks if (marker in c["url"] if marker else "&p=" not in c["url"])]


def test_a_receipt_for_the_second_partys_sms_moves_only_its_notification(harness, hvc):
    _post(harness, hvc, parties=[_party("partner", channel="sms", phone="06 11111111")])
    harness.run_worker_until_empty()
    _, delivered = _callbacks_of(harness, "partner")
    assert delivered["form"]["To"] == "+31611111111" and delivered["form"]["MessageStatus"] == "delivered"

    assert post_callback(harness, delivered).status_code == 204

    notifications = _notifications(harness, hvc)
    assert (notifications["partner"]["state"], notifications["initiator"]["state"]) == ("delivered", "sent")
    _, initiators = _callbacks_of(harness, None)
    assert initiators["form"]["To"] == "+31612345678"
    post_callback(harness, initiators)
    assert _notifications(harness, hvc)["initiator"]["state"] == "delivered"


def _quoted_ref(mail) -> str:
    """The reference header as SES quotes it in its events: as written, not decoded."""
    return str(dict(mail.raw_items())["X-Zaakstatus-Ref"])


def _queued_for(harness, party_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The queue message of one party's notification, and the others."""
    messages = harness.queued()
    [mine] = [m for m in messages if json.loads(m["Body"]).get("party") == party_id]
    return mine, [m for m in messages if m is not mine]


BOTH = {"channel": "sms", "phone": "06 12345678", "email": "jan@example.nl", "language": "nl"}
PARTNER_BOTH = _party("partner", channel="sms", phone="06 11111111", email="piet@example.org")


def test_an_undelivered_sms_of_one_party_falls_back_to_its_email_and_leaves_the_other_alone(harness, hvc):
    _post(harness, hvc, subscriber=BOTH, parties=[PARTNER_BOTH])
    partners, others = _queued_for(harness, "partner")
    harness.standin.fail_next("undelivered")
    harness.run_worker([partners])
    harness.run_worker(others)
    _, undelivered = _callbacks_of(harness, "partner")
    assert undelivered["form"]["MessageStatus"] == "undelivered"

    assert post_callback(harness, undelivered).status_code == 204
    harness.run_worker_until_empty()

    notifications = _notifications(harness, hvc)
    partner, initiator = notifications["partner"], notifications["initiator"]
    assert (partner["state"], partner["channel"], partner["fallback"], partner["last_error"]) == (
        "sent",
        "email",
        True,
        "twilio-30003",
    )
    assert (initiator["state"], initiator["channel"], initiator["fallback"], initiator["last_error"]) == (
        "sent",
        "sms",
        False,
        None,
    )
    [(mail_id, mail)] = sent_mails()
    assert mail["To"] == "piet@example.org"
    assert sorted(m["to"] for m in harness.standin.messages) == ["+31611111111", "+31612345678"]
    # SES's receipt for the fallback e-mail names the party too, and moves only its notification.
    assert mail["X-Zaakstatus-Ref"].endswith("&p=partner")
    invoke_ses(harness, ses_event("Delivery", mail_id, _quoted_ref(mail)))
    states = {pid: n["state"] for pid, n in _notifications(harness, hvc).items()}
    assert states == {"partner": "delivered", "initiator": "sent"}


def test_an_sms_refused_at_sending_for_one_party_falls_back_to_its_email_only(harness, hvc):
    _post(harness, hvc, subscriber=BOTH, parties=[PARTNER_BOTH])
    partners, others = _queued_for(harness, "partner")
    harness.standin.fail_next("21211")
    harness.run_worker([partners])
    harness.run_worker(others)
    harness.run_worker_until_empty()

    notifications = _notifications(harness, hvc)
    assert (notifications["partner"]["channel"], notifications["partner"]["fallback"]) == ("email", True)
    assert (notifications["partner"]["state"], notifications["partner"]["last_error"]) == ("sent", "twilio-21211")
    assert (notifications["initiator"]["channel"], notifications["initiator"]["state"]) == ("sms", "sent")
    assert [mail["To"] for _, mail in sent_mails()] == ["piet@example.org"]
    assert [m["to"] for m in harness.standin.messages] == ["+31612345678"]


def test_an_email_receipt_finds_a_party_with_long_ids(harness, hvc):
    case_id, party_id = "ZAAK-" + "7" * 59, "vertegenwoordiger-" + "x" * 46  # both 64: the longest allowed
    body = event_body(
        subscriber={"channel": "portal"}, parties=[_party(party_id, channel="email", email="a@example.nl")]
    )
    body["case"]["id"] = case_id
    assert harness.request("POST", "/v1/events", hvc, body).status_code == 202
    harness.run_worker_until_empty()

    [(mail_id, mail)] = sent_mails()
    assert mail["X-Zaakstatus-Ref"].endswith(f"&p={party_id}")
    invoke_ses(harness, ses_event("Delivery", mail_id, _quoted_ref(mail)))
    states = {
        n["party_id"]: n["state"]
        for n in harness.request("GET", f"/v1/cases/{case_id}", hvc).json_body["notifications"]
    }
    assert states == {"initiator": "suppressed", party_id: "delivered"}  # the initiator chose the website only
