"""Erasure per party (contract v2 §1): erasing every party leaves no phone number, e-mail address,
name, BSN or KvK number of any of them anywhere in the table; erasing one party removes all of
its own and leaves every other party's; and erasure holds whatever the order of registration,
events and erasure. A party erased and registered again gets a new link; the old one stays dead."""

from __future__ import annotations

import json
from typing import Any

import boto3

from tests.builders import event_body
from tests.security.pii import bsn_like, findings

CASE = "/v1/cases/HVC-2026-000123"
BSN, LAWYER_BSN, KVK = "111222333", "123456782", "69599084"
# What each party leaves in the table (numbers in E.164, addresses and names in lower case).
TRACES = {
    "initiator": ("31612345678", "jan.jansen@example.nl", "jan jansen"),
    "advocaat": ("31622222222", "mr.devries@advocaten.example", "mr. a. de vries"),
    "bakker": ("31633333333", "info@bakkerij.example", "bakkerij jansen b.v."),
}
LAWYER = {
    "role": "representative",
    "kind": "person",
    "name": "Mr. A. de Vries",
    "identifier": {"bsn": LAWYER_BSN},
    "channel": "sms",
    "phone": "06 22222222",
    "email": "Mr.DeVries@advocaten.example",
}
BAKER = {
    "party_id": "bakker",
    "role": "interested",
    "kind": "business",
    "name": "Bakkerij Jansen B.V.",
    "identifier": {"kvk": KVK},
    "channel": "email",
    "phone": "06 33333333",
    "email": "info@bakkerij.example",
}
JAN = {"channel": "sms", "phone": "06 12345678", "email": "Jan.Jansen@example.nl"}


def _dump() -> str:
    """Every item of the table but the organisations' own (their sender addresses), lower case."""
    items = boto3.client("dynamodb").scan(TableName="zaakstatus")["Items"]
    return json.dumps([i for i in items if i["sk"]["S"] != "ORG"]).lower()


def _left(dump: str, *parties: str) -> list[str]:
    return [trace for party in parties for trace in TRACES[party] if trace in dump]


def _token(url: str) -> str:
    return url.rsplit("/", 1)[1]


def _track(harness, url: str) -> int:
    return harness.request("GET", f"/v1/track/{_token(url)}").status_code


def _three_parties(harness, hvc) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """A lawyer registered before the first event, the initiator (by the event, then named), a
    business carried by the event; each told once, the lawyer changed its own channel, and a
    second status's notifications wait in the queue. Returns the links and the queued messages."""
    assert harness.request("PUT", f"{CASE}/parties/advocaat", hvc, LAWYER).status_code == 201
    first = event_body(subscriber=JAN, parties=[BAKER])
    first["case"]["initiator"] = {"bsn": BSN}
    assert harness.request("POST", "/v1/events", hvc, first).status_code == 202
    named = {"role": "initiator", "kind": "person", "name": "Jan Jansen", "identifier": {"bsn": BSN}, **JAN}
    assert harness.request("PUT", f"{CASE}/parties/initiator", hvc, named).status_code == 200
    harness.run_worker_until_empty()
    links = {p["party_id"]: p["tracking_url"] for p in harness.request("GET", CASE, hvc).json_body["parties"]}
    own = {"channel": "email", "email": LAWYER["email"]}
    assert harness.request("PUT", f"/v1/track/{_token(links['advocaat'])}/preferences", body=own).status_code == 200
    later = harness.request("POST", "/v1/events", hvc, event_body("opgeschort", "2026-11-28T12:00:00+01:00"))
    assert {n["party_id"] for n in later.json_body["notifications"]} == set(TRACES)
    queued = harness.queued()
    dump = _dump()
    assert _left(dump, *TRACES) == [t for p in TRACES for t in TRACES[p]]  # every trace was there
    assert len(harness.standin.messages) == 2  # the initiator's and the lawyer's SMS
    return links, queued


def _states(harness, hvc, status: str) -> dict[str, str]:
    notifications = harness.request("GET", CASE, hvc).json_body["notifications"]
    return {n["party_id"]: n["state"] for n in notifications if n["status"] == status}


def test_erasing_every_party_leaves_no_contact_data_name_bsn_or_kvk_anywhere_in_the_table(harness, hvc):
    links, queued = _three_parties(harness, hvc)

    assert harness.request("DELETE", f"{CASE}/parties", hvc).status_code == 204
    harness.run_worker(queued)

    dump = _dump()
    assert _left(dump, *TRACES) == []
    assert findings(dump, extra=(KVK, BSN, LAWYER_BSN)) == [] and bsn_like(dump) == []
    view = harness.request("GET", CASE, hvc).json_body
    assert view["parties"] == [] and view["subscriber"] is None and view["tracking_url"] is None
    assert all(_track(harness, url) == 404 for url in links.values())
    assert _states(harness, hvc, "opgeschort") == dict.fromkeys(TRACES, "suppressed")
    assert len(harness.standin.messages) == 2  # nothing sent after the erasure
    assert harness.request("DELETE", f"{CASE}/parties", hvc).status_code == 404  # nobody left to erase


def test_erasing_one_party_removes_all_of_its_data_and_leaves_the_other_parties(harness, hvc):
    links, queued = _three_parties(harness, hvc)

    assert harness.request("DELETE", f"{CASE}/parties/advocaat", hvc).status_code == 204
    harness.run_worker(queued)

    dump = _dump()
    assert _left(dump, "advocaat") == [] and LAWYER_BSN not in dump
    assert _left(dump, "initiator", "bakker") == [*TRACES["initiator"], *TRACES["bakker"]]
    assert {p: _track(harness, url) for p, url in links.items()} == {"initiator": 200, "advocaat": 404, "bakker": 200}
    assert _states(harness, hvc, "opgeschort") == {"initiator": "sent", "advocaat": "suppressed", "bakker": "sent"}
    assert [m["to"] for m in harness.standin.messages].count("+31622222222") == 1  # only before the erasure
    assert harness.request("GET", f"{CASE}/parties/advocaat", hvc).status_code == 404


def test_a_party_erased_before_the_first_event_is_neither_told_nor_stored(harness, hvc):
    put = harness.request("PUT", f"{CASE}/parties/advocaat", hvc, LAWYER)
    assert put.status_code == 201

    assert harness.request("DELETE", f"{CASE}/parties/advocaat", hvc).status_code == 204
    accepted = harness.request("POST", "/v1/events", hvc, event_body(subscriber=JAN)).json_body
    harness.run_worker_until_empty()

    assert [n["party_id"] for n in accepted["notifications"]] == ["initiator"]
    assert [m["to"] for m in harness.standin.messages] == ["+31612345678"]
    assert _left(_dump(), "advocaat") == [] and _left(_dump(), "initiator")  # the initiator's stays
    assert _track(harness, put.json_body["tracking_url"]) == 404
    assert [p["party_id"] for p in harness.request("GET", CASE, hvc).json_body["parties"]] == ["initiator"]


def test_the_initiator_erased_before_the_first_event_gets_no_link_from_it(harness, hvc):
    assert harness.request("PUT", f"{CASE}/subscriber", hvc, JAN).status_code == 200
    assert harness.request("DELETE", f"{CASE}/subscriber", hvc).status_code == 204
    body = event_body()
    del body["subscriber"]

    accepted = harness.request("POST", "/v1/events", hvc, body).json_body
    harness.run_worker_until_empty()

    assert accepted["tracking_url"] is None
    assert harness.standin.messages == [] and _left(_dump(), "initiator") == []
    assert harness.request("GET", CASE, hvc).json_body["subscriber"] is None


def test_an_event_after_the_erasure_tells_nobody_and_brings_nothing_back(harness, hvc):
    harness.request("POST", "/v1/events", hvc, event_body(subscriber=JAN, parties=[BAKER]))
    harness.run_worker_until_empty()
    sent = len(harness.standin.messages)
    assert harness.request("DELETE", f"{CASE}/parties", hvc).status_code == 204
    body = event_body("opgeschort", "2026-11-28T12:00:00+01:00")
    del body["subscriber"]

    accepted = harness.request("POST", "/v1/events", hvc, body)
    harness.run_worker_until_empty()

    assert accepted.status_code == 202 and accepted.json_body["tracking_url"] is None
    assert all(n["state"] == "suppressed" for n in accepted.json_body["notifications"])
    assert len(harness.standin.messages) == sent
    assert _left(_dump(), "initiator", "bakker") == []
    assert harness.request("GET", CASE, hvc).json_body["parties"] == []


def test_a_party_erased_and_registered_again_gets_a_new_link_and_the_old_one_stays_dead(harness, hvc):
    first = harness.request("POST", "/v1/events", hvc, event_body(subscriber=JAN)).json_body["tracking_url"]
    lawyer_first = harness.request("PUT", f"{CASE}/parties/advocaat", hvc, LAWYER).json_body["tracking_url"]
    harness.run_worker_until_empty()
    assert [m["to"] for m in harness.standin.messages] == ["+31612345678"]
    links = {"initiator": [first], "advocaat": [lawyer_first]}
    for _ in range(2):  # erased and registered again, twice: every link differs from every earlier one
        assert harness.request("DELETE", f"{CASE}/subscriber", hvc).status_code == 204
        assert harness.request("DELETE", f"{CASE}/parties/advocaat", hvc).status_code == 204
        harness.request("PUT", f"{CASE}/subscriber", hvc, {"channel": "sms", "phone": "06 44444444"})
        again = harness.request("PUT", f"{CASE}/parties/advocaat", hvc, LAWYER)
        assert again.status_code == 201  # a new party, not the old one replaced
        links["initiator"].append(harness.request("GET", CASE, hvc).json_body["tracking_url"])
        links["advocaat"].append(again.json_body["tracking_url"])

    for party, urls in links.items():
        assert len(set(urls)) == 3, party
        assert [_track(harness, url) for url in urls] == [404, 404, 200], party
        assert harness.client.http.get(f"/track/{_token(urls[0])}").status_code == 404
    later = event_body("opgeschort", "2026-11-28T12:00:00+01:00")
    del later["subscriber"]  # an event's subscriber would register the initiator again
    harness.request("POST", "/v1/events", hvc, later)
    harness.run_worker_until_empty()
    told = {m["to"]: m["body"] for m in harness.standin.messages[1:]}  # the first SMS went before any erasure
    assert set(told) == {"+31644444444", "+31622222222"}
    assert _token(links["initiator"][-1]) in told["+31644444444"]
    assert _token(links["advocaat"][-1]) in told["+31622222222"]
    assert "31612345678" not in _dump()  # the initiator's first number is gone for good
