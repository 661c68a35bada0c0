"""Personal data stays out of logs, keys and queue bodies."""

from __future__ import annotations

import json
import logging

import boto3

from tests.builders import event_body
from tests.security.pii import EMAIL, PHONE  # bounded: a hex digest starting "06" is no number

BSN = "123456782"  # passes the eleven-test


def test_no_contact_data_in_logs_keys_or_queue_bodies_of_a_full_flow(harness, hvc, caplog):
    caplog.set_level(logging.DEBUG)  # botocore and twilio log request bodies at DEBUG
    body = event_body(
        subscriber={"channel": "sms", "phone": "06 12345678", "email": "jan@example.nl"},
        explanation=f"BSN {BSN} van de melder",
    )
    harness.request("POST", "/v1/events", hvc, body)
    queued = harness.queued()
    harness.run_worker(queued)
    harness.request(
        "PUT", "/v1/cases/HVC-2026-000123/subscriber", hvc, {"channel": "email", "email": "piet@example.nl"}
    )
    harness.request("POST", "/v1/events", hvc, event_body("afgehandeld", "2026-11-29T10:00:00+01:00"))
    harness.run_worker()
    logging.getLogger("zaakstatus.test").info("contact %s / %s", "+31612345678", "jan@example.nl")

    assert len(harness.standin.messages) == 2  # the flow really ran
    assert caplog.records, "nothing was logged, so nothing was checked"
    text = caplog.text
    assert not PHONE.search(text), PHONE.search(text)
    assert not EMAIL.search(text), EMAIL.search(text)
    assert BSN not in text
    for message in queued:
        body = json.loads(message["Body"])
        assert set(body) == {"org", "case", "event", "party", "v"} and isinstance(body["v"], int)
    keys = [
        item["pk"]["S"] + " " + item["sk"]["S"]
        for item in boto3.client("dynamodb").scan(TableName="zaakstatus")["Items"]
    ]
    assert keys and not any(PHONE.search(k) or EMAIL.search(k) or BSN in k for k in keys)
