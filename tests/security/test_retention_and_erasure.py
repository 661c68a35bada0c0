"""Erasure removes every trace of the initiator's contact data at once (every party's, and one
party's: test_party_erasure.py); a closed case expires (DynamoDB TTL) `retention_days` after it
closed, all of its items."""

from __future__ import annotations

import datetime as dt
import json

import boto3

from tests.builders import event_body

CASE = "HVC-2026-000123"
TRACES = ("612345678", "687654321", "jan.jansen@example.nl", "piet@example.org", "citizen@example.net")


def _table() -> list[dict]:
    return boto3.client("dynamodb").scan(TableName="zaakstatus")["Items"]


def _case_items(org: str = "hvc", case: str = CASE) -> list[dict]:
    return [i for i in _table() if i["pk"]["S"] == f"ORG#{org}#CASE#{case}"]


def _token_item(url: str) -> dict:
    import hashlib

    token = url.rsplit("/", 1)[1]
    digest = hashlib.sha256(token.encode()).hexdigest()
    return next(i for i in _table() if i["pk"]["S"] == f"ORG#hvc#TOKEN#{digest}")


def test_erasure_leaves_no_trace_of_phone_or_email_anywhere_in_the_table(harness, hvc):
    subscriber = {"channel": "sms", "phone": "+31 6 12345678", "email": "Jan.Jansen@example.nl"}
    harness.request("POST", "/v1/events", hvc, event_body(subscriber=subscriber))
    harness.run_worker()
    harness.request("PUT", f"/v1/cases/{CASE}/subscriber", hvc, {"channel": "email", "email": "piet@example.org"})
    url = harness.request("GET", f"/v1/cases/{CASE}", hvc).json_body["tracking_url"]
    harness.request(
        "PUT", f"/v1/track/{url.rsplit('/', 1)[1]}/preferences", body={"channel": "sms", "phone": "06 87654321"}
    )
    harness.request(
        "POST",
        "/v1/events",
        hvc,
        event_body(
            "opgeschort", "2026-11-28T12:00:00+01:00", subscriber={"channel": "email", "email": "citizen@example.net"}
        ),
    )
    queued = harness.queued()  # a notification waiting to be sent when the erasure comes
    assert any(t in json.dumps(_table()).lower() for t in TRACES)  # the traces were there

    erased = harness.request("DELETE", f"/v1/cases/{CASE}/subscriber", hvc)
    harness.run_worker(queued)

    assert erased.status_code == 204
    dump = json.dumps(_table()).lower()
    assert [t for t in TRACES if t in dump] == []
    view = harness.request("GET", f"/v1/cases/{CASE}", hvc).json_body
    # v1's erasure is the initiator party's (contract v2): the party is gone, its link with it;
    # the newest preference says so with channel 'none'
    assert view["subscriber"] is None and view["parties"] == [] and view["tracking_url"] is None
    assert (view["preference_changes"][-1]["channel"], view["preference_changes"][-1]["removed"]) == ("none", True)
    assert all(c["phone"] is None and c["email"] is None for c in view["preference_changes"])
    assert harness.request("GET", f"/v1/track/{url.rsplit('/', 1)[1]}").status_code == 404
    assert harness.request("DELETE", f"/v1/cases/{CASE}/subscriber", hvc).status_code == 404  # erased already
    assert view["notifications"][-1]["state"] == "suppressed"  # the queued one found no address
    assert len(harness.standin.messages) == 1  # only the one sent before the erasure


def test_erasing_an_unknown_case_is_404_and_changes_nothing(harness, hvc):
    harness.request("POST", "/v1/events", hvc, event_body())
    before = _table()
    assert harness.request("DELETE", "/v1/cases/HVC-nope/subscriber", hvc).status_code == 404
    assert harness.request("DELETE", "/v1/cases/" + "x" * 3000 + "/subscriber", hvc).status_code == 404
    assert _table() == before


def test_closing_a_case_gives_every_item_of_it_an_expiry_retention_days_after_the_close(harness, hvc):
    url = harness.request("POST", "/v1/events", hvc, event_body("ontvangen", "2026-11-27T10:00:00+01:00")).json_body[
        "tracking_url"
    ]
    harness.request("PUT", f"/v1/cases/{CASE}/subscriber", hvc, {"channel": "email", "email": "piet@example.org"})
    harness.request("POST", "/v1/events", hvc, event_body())
    assert all("expires_at" not in i for i in _case_items())  # open: nothing expires

    harness.request("POST", "/v1/events", hvc, event_body("afgehandeld", "2026-11-29T10:00:00+01:00"))
    harness.run_worker()  # the sweep of the older items runs in the worker, off the ingest path

    closed = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)
    expected = str(int((closed + dt.timedelta(days=365)).timestamp()))
    items = _case_items()
    assert len(items) == 4 and {i["expires_at"]["N"] for i in items} == {expected}
    assert _token_item(url)["expires_at"]["N"] == expected
    # written after the close: born with the case's expiry (no sweep needed)
    harness.request("PUT", f"/v1/cases/{CASE}/subscriber", hvc, {"channel": "none"})
    harness.request("POST", "/v1/events", hvc, event_body("opgeschort", "2026-11-28T12:00:00+01:00"))
    assert {i["expires_at"]["N"] for i in _case_items()} == {expected} and len(_case_items()) == 6


def test_a_reopened_case_loses_its_expiry(harness, hvc):
    harness.request("POST", "/v1/events", hvc, event_body("afgehandeld", "2026-11-29T10:00:00+01:00"))
    harness.run_worker()
    assert all("expires_at" in i for i in _case_items())

    harness.request("POST", "/v1/events", hvc, event_body("opgeschort", "2026-11-30T10:00:00+01:00"))
    harness.run_worker()

    assert all("expires_at" not in i for i in _case_items())


def test_the_local_table_has_ttl_on_expires_at():
    from moto import mock_aws

    from local.resources import create_table

    with mock_aws():
        client = boto3.client("dynamodb")
        create_table(client, "zaakstatus")
        ttl = client.describe_time_to_live(TableName="zaakstatus")["TimeToLiveDescription"]
    assert ttl["AttributeName"] == "expires_at" and ttl["TimeToLiveStatus"] == "ENABLED"


def test_write_units_of_retention_ingest_stays_at_one_and_the_close_pays_once_in_the_worker(harness, hvc):
    from chalicelib import bootstrap
    from local.capacity import CapacityMeter

    harness.request("POST", "/v1/events", hvc, event_body("ontvangen", "2026-11-27T10:00:00+01:00"))
    harness.request("PUT", f"/v1/cases/{CASE}/subscriber", hvc, {"channel": "none"})
    meter = CapacityMeter(bootstrap.aws_client("dynamodb"), boto3.client("dynamodb"))
    harness.request("POST", "/v1/events", hvc, event_body("ontvangen", "2026-11-27T11:00:00+01:00", event_id="again"))
    open_event = meter.total_writes
    meter.reset()
    harness.request("POST", "/v1/events", hvc, event_body("afgehandeld", "2026-11-29T10:00:00+01:00"))
    closing = meter.total_writes
    meter.reset()
    harness.run_worker()  # the closing status's SMS and the retention sweep
    sweep = meter.total_writes
    meter.reset()
    harness.request("POST", "/v1/events", hvc, event_body("opgeschort", "2026-11-28T12:00:00+01:00"))
    after_close = meter.total_writes

    print(
        f"\nwrite units: non-notifying event on an open case {open_event}, closing event {closing}, "
        f"worker after the close {sweep} (sweep of 3 older items + token; SMS: claim, cap, outcome, report), "
        f"late event after the close {after_close}"
    )
    # The close writes the event, the day's report counters and removes its overdue-list item; the
    # retention sweep stays in the worker. The sweep also counts the SMS's fragments for the report.
    # The second event gives the initiator back the phone number the PUT above removed, so "Mijn
    # zaken" finds the case by it again: one index entry more. The sweep stamps that entry with the
    # case's expiry too, so it never outlives the case.
    assert open_event == 1 + 1 and closing == 1 + 1 + 1 and after_close == 1
    assert sweep == 3 + 1 + 3 + 1 + 1  # 2 older events and the preference; the token; the SMS's three
