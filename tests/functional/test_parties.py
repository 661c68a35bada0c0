"""Every party of a case: its own message, link and preference trail (through the HTTP API)."""

from __future__ import annotations

from typing import Any

from tests.builders import HVC_CASE_TYPE, event_body

CASE = "/v1/cases/HVC-2026-000123"


def _party(role: str, **extra: Any) -> dict[str, Any]:
    return {"role": role, "kind": "person", "channel": "sms", "language": "nl", **extra}


def _token(url: str) -> str:
    return url.rsplit("/", 1)[1]


def test_a_representative_and_a_co_initiator_each_get_their_own_message_and_link(harness, hvc):
    harness.request("PUT", f"{CASE}/parties/partner", hvc, _party("co_initiator", phone="0611111111"))
    body = event_body(
        parties=[{"party_id": "advocaat", **_party("representative", phone="0622222222", name="Mr. De Vries")}]
    )
    accepted = harness.request("POST", "/v1/events", hvc, body).json_body
    assert {n["party_id"] for n in accepted["notifications"]} == {"initiator", "partner", "advocaat"}
    harness.run_worker_until_empty()

    sent = {m["to"]: m["body"] for m in harness.standin.messages}
    assert set(sent) == {"+31612345678", "+31611111111", "+31622222222"}
    links = {_token(line) for body in sent.values() for line in body.split() if "/track/" in line}
    assert len(links) == 3  # one link per party

    listed = harness.request("GET", CASE, hvc).json_body["parties"]
    by_id = {p["party_id"]: p for p in listed}
    assert by_id["advocaat"]["role"] == "representative" and by_id["advocaat"]["phone"] == "+316******22"
    page = harness.request("GET", "/v1/track/" + _token(by_id["advocaat"]["tracking_url"])).json_body
    assert page["reader"]["role"] == "representative"


def test_erasing_one_party_kills_its_link_and_leaves_the_others_working(harness, hvc):
    harness.request("PUT", f"{CASE}/parties/partner", hvc, _party("co_initiator", phone="0611111111"))
    harness.request("POST", "/v1/events", hvc, event_body())
    parties = {p["party_id"]: p for p in harness.request("GET", CASE, hvc).json_body["parties"]}

    assert harness.request("DELETE", f"{CASE}/parties/partner", hvc).status_code == 204

    dead = harness.request("GET", "/v1/track/" + _token(parties["partner"]["tracking_url"]))
    alive = harness.request("GET", "/v1/track/" + _token(parties["initiator"]["tracking_url"]))
    assert dead.status_code == 404 and alive.status_code == 200
    assert [p["party_id"] for p in harness.request("GET", CASE, hvc).json_body["parties"]] == ["initiator"]
    assert harness.request("DELETE", f"{CASE}/parties/partner", hvc).status_code == 404


def test_a_party_registered_before_the_first_event_can_be_read_changed_and_erased(harness, hvc):
    put = harness.request("PUT", f"{CASE}/parties/partner", hvc, _party("co_initiator", phone="0611111111"))
    assert put.status_code == 201 and put.json_body["phone"] == "+316******11"
    again = harness.request("PUT", f"{CASE}/parties/partner", hvc, _party("co_initiator", channel="portal"))
    assert again.status_code == 200
    assert harness.request("GET", f"{CASE}/parties/partner", hvc).json_body["channel"] == "portal"
    assert harness.request("DELETE", f"{CASE}/parties/partner", hvc).status_code == 204
    assert harness.request("GET", f"{CASE}/parties/partner", hvc).status_code == 404


def test_a_status_listing_roles_tells_only_those_roles(harness, hvc):
    case_type = {**HVC_CASE_TYPE, "statuses": [dict(s) for s in HVC_CASE_TYPE["statuses"]]}
    for status in case_type["statuses"]:
        if status["code"] == "in_behandeling":
            status["notify"] = ["co_initiator"]
    harness.request("PUT", "/v1/case-types/klacht", hvc, case_type)
    harness.request("PUT", f"{CASE}/parties/partner", hvc, _party("co_initiator", phone="0611111111"))
    accepted = harness.request("POST", "/v1/events", hvc, event_body()).json_body
    assert [n["party_id"] for n in accepted["notifications"]] == ["partner"]
    harness.run_worker_until_empty()
    assert [m["to"] for m in harness.standin.messages] == ["+31611111111"]
