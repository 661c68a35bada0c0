"""A full functional run with phone numbers, e-mail addresses, a BSN and a KvK number, and
then a search for them: in every log record (at DEBUG, ours and the libraries'), in every
DynamoDB key the app used, in every queue body, in the tracking URLs; and for the BSN and KvK
number, in every stored value too (only their keyed hash may be stored). The run has parties
besides the initiator: a representative (a BSN, a name) and a business (a KvK number, a name);
their names must stay out of keys, queue bodies and URLs too."""

from __future__ import annotations

import json
import logging

import boto3

from tests.builders import event_body
from tests.security.pii import AwsRecorder, bsn_like, findings

BSN, OTHER_BSN, KVK = "111222333", "123456782", "69599084"
PHONE, CITIZEN_PHONE = "06 12345678", "06-87654321"
EMAIL, OTHER_EMAIL = "jan.jansen@example.nl", "piet@example.org"
LAWYER_BSN, BAKER_KVK = "999990019", "90004760"
NAMES = ("Mr. A. de Vries", "Bakkerij Jansen B.V.")
LAWYER = {
    "role": "representative",
    "kind": "person",
    "name": NAMES[0],
    "identifier": {"bsn": LAWYER_BSN},
    "channel": "sms",
    "phone": "06 22222222",
    "email": "mr.devries@advocaten.example",
}
BAKER = {
    "party_id": "bakker",
    "role": "interested",
    "kind": "business",
    "name": NAMES[1],
    "identifier": {"kvk": BAKER_KVK},
    "channel": "email",
    "email": "info@bakkerij.example",
}


def _full_run(harness, hvc) -> list[str]:
    first = event_body(
        subscriber={"channel": "sms", "phone": PHONE, "email": EMAIL}, explanation="Melding na telefoontje"
    )
    first["case"]["initiator"] = {"bsn": BSN}
    urls = [harness.request("POST", "/v1/events", hvc, first).json_body["tracking_url"]]
    harness.run_worker()
    harness.request("PUT", "/v1/cases/HVC-2026-000123/subscriber", hvc, {"channel": "email", "email": OTHER_EMAIL})
    lawyer = harness.request("PUT", "/v1/cases/HVC-2026-000123/parties/advocaat", hvc, LAWYER).json_body
    urls.append(lawyer["tracking_url"])
    harness.request("GET", "/v1/track/" + lawyer["tracking_url"].rsplit("/", 1)[1])
    token = urls[0].rsplit("/", 1)[1]
    harness.request("GET", f"/v1/track/{token}")
    harness.client.http.get(f"/track/{token}")
    harness.request("PUT", f"/v1/track/{token}/preferences", body={"channel": "sms", "phone": CITIZEN_PHONE})
    final = event_body("afgehandeld", "2026-11-29T10:00:00+01:00")
    final["case"]["initiator"] = {"bsn": BSN}
    harness.request("POST", "/v1/events", hvc, final)
    harness.run_worker()
    second = event_body(subscriber={"channel": "email", "email": EMAIL})
    second["case"].update(id="HVC-2026-000124", initiator={"kvk": KVK})
    second["parties"] = [BAKER]
    urls.append(harness.request("POST", "/v1/events", hvc, second).json_body["tracking_url"])
    harness.run_worker()
    bad = event_body(subscriber={"channel": "sms", "phone": "020 1234567"})  # a landline: refused, not echoed
    bad["case"]["initiator"] = {"bsn": "111222334"}
    assert harness.request("POST", "/v1/events", hvc, bad).status_code == 400
    harness.request("GET", "/v1/cases/HVC-2026-000123", hvc)
    harness.request("DELETE", "/v1/cases/HVC-2026-000124/subscriber", hvc)
    harness.request("DELETE", "/v1/cases/HVC-2026-000123/parties/advocaat", hvc)
    harness.request("DELETE", "/v1/cases/HVC-2026-000124/parties", hvc)
    logging.getLogger("zaakstatus.test").warning("contact %s / %s / %s", "+31612345678", EMAIL, OTHER_BSN)
    return urls


def test_no_personal_data_in_logs_keys_queue_bodies_or_urls_of_a_full_run(harness, hvc, caplog):
    caplog.set_level(logging.DEBUG)  # botocore and twilio log whole requests at DEBUG
    with AwsRecorder() as aws:
        urls = _full_run(harness, hvc)
    items = boto3.client("dynamodb").scan(TableName="zaakstatus")["Items"]
    stored_keys = [item["pk"]["S"] + " " + item["sk"]["S"] for item in items]

    assert len(harness.standin.messages) >= 1 and aws.queue_bodies and len(caplog.records) > 50  # it really ran
    assert any(json.loads(b).get("party") == "advocaat" for b in aws.queue_bodies)  # the parties were told
    numbers = (KVK, BAKER_KVK)
    logs = "\n".join(r.getMessage() for r in caplog.records)
    assert findings(logs, extra=numbers) == []
    assert findings("\n".join(aws.keys + stored_keys), extra=numbers + NAMES) == []
    assert findings("\n".join(aws.queue_bodies), extra=numbers + NAMES) == []
    assert all(set(json.loads(b)) <= {"org", "case", "event", "party", "kind", "v"} for b in aws.queue_bodies)
    assert findings("\n".join(urls), extra=numbers + NAMES) == []


def test_bsn_and_kvk_are_stored_only_as_keyed_hashes(harness, hvc):
    _full_run(harness, hvc)
    items = boto3.client("dynamodb").scan(TableName="zaakstatus")["Items"]
    dump = json.dumps(items)

    assert bsn_like(dump) == [] and KVK not in dump and BAKER_KVK not in dump
    assert [name for name in NAMES if name.lower() in dump.lower()] == []  # both parties were erased
    initiators = {i["ini"]["S"] for i in items if "ini" in i}
    # The KvK case's initiator was erased, its identity hash with it; the BSN case's stays.
    assert len(initiators) == 1 and all(len(v.split(":")[1]) == 64 for v in initiators)
    assert {v.split(":")[0] for v in initiators} == {"bsn"}
    assert not any("idh" in json.dumps(i.get("i", {})) for i in items if i["pk"]["S"].endswith("000124"))
