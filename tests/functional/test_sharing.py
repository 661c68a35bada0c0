"""A case shared with another organisation on this deployment (contract v2 §2): an organisation
party names it, it reads the case (internal statuses included, nobody's contact data), and the
share ends the moment the party goes or names another organisation."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.builders import CASE_ID, HVC_CASE_TYPE, event_body
from tests.mail import parts, sent_mails
from tests.security.pii import findings

CASE = f"/v1/cases/{CASE_ID}"
SHARED = f"/v1/shared-cases/hvc/{CASE_ID}"
DCMR_EMAIL = "toezicht@dcmr.example"
COMMISSIONER: dict[str, Any] = {
    "role": "commissioner",
    "kind": "organisation",
    "name": "DCMR Milieudienst",
    "identifier": {"organisation": "dcmr"},
    "channel": "email",
    "email": DCMR_EMAIL,
}
INITIATOR = {"channel": "sms", "phone": "06 12345678", "email": "jan.jansen@example.nl", "language": "nl"}


def _token(url: str) -> str:
    return url.rsplit("/", 1)[1]


def _commissioned_case(harness, hvc) -> dict[str, Any]:
    """dcmr commissions hvc's case; the case reaches the internal status `toegewezen`."""
    dcmr = harness.create_organisation("dcmr")
    assert harness.request("PUT", f"{CASE}/parties/dcmr", hvc, COMMISSIONER).status_code == 201
    first = harness.request("POST", "/v1/events", hvc, event_body(subscriber=INITIATOR))
    assert first.status_code == 202, first.body
    internal = harness.request("POST", "/v1/events", hvc, event_body("toegewezen", "2026-11-28T11:00:00+01:00"))
    assert internal.status_code == 202, internal.body
    return dcmr


def test_the_commissioner_lists_the_shared_case_with_its_internal_current_status(harness, hvc):
    dcmr = _commissioned_case(harness, hvc)

    response = harness.request("GET", "/v1/shared-cases", dcmr)

    assert response.status_code == 200, response.body
    [shared] = response.json_body["cases"]
    assert {k: v for k, v in shared.items() if k != "updated_at"} == {
        "organisation": "hvc",
        "case_id": CASE_ID,
        "case_type": "klacht",
        "role": "commissioner",
        "current_status": {"code": "toegewezen", "name": "Toegewezen aan afdeling"},
    }
    assert shared["updated_at"] and shared["updated_at"][:4] == "2026"


def test_the_shared_case_shows_internal_statuses_and_no_partys_contact_data(harness, hvc):
    dcmr = _commissioned_case(harness, hvc)
    partner = {"role": "co_initiator", "channel": "email", "email": "piet@example.org", "phone": "0687654321"}
    harness.request("PUT", f"{CASE}/parties/partner", hvc, partner)

    response = harness.request("GET", SHARED, dcmr)

    assert response.status_code == 200, response.body
    view = response.json_body
    assert [h["status"] for h in view["history"]] == ["in_behandeling", "toegewezen"]
    assert view["current_status"]["code"] == "toegewezen"
    assert {p["party_id"] for p in view["parties"]} == {"initiator", "partner", "dcmr"}
    for party in view["parties"]:
        assert (party["phone"], party["email"], party["tracking_url"]) == (None, None, None)
    assert view["subscriber"] is None and view["preference_changes"] == [] and view["tracking_url"] is None
    raw = response.body.decode()
    assert findings(raw) == []
    assert "12345678" not in raw and "87654321" not in raw and "******" not in raw and "/track/" not in raw
    # The owner's own view of the same case does carry the (masked) contact data: the filter is real.
    assert "******" in harness.request("GET", CASE, hvc).body.decode()


def test_an_organisation_the_case_is_not_shared_with_sees_nothing(harness, hvc):
    _commissioned_case(harness, hvc)
    gouda = harness.create_organisation("gouda")

    assert harness.request("GET", "/v1/shared-cases", gouda).json_body == {"cases": []}
    response = harness.request("GET", SHARED, gouda)
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/problem+json"
    assert harness.request("GET", SHARED, hvc).status_code == 404  # the owner reads its own case elsewhere


@pytest.mark.parametrize("erased", ["/parties/dcmr", "/parties"])
def test_removing_the_organisation_party_ends_the_share_at_once(harness, hvc, erased):
    dcmr = _commissioned_case(harness, hvc)
    assert harness.request("GET", SHARED, dcmr).status_code == 200

    assert harness.request("DELETE", CASE + erased, hvc).status_code == 204

    assert harness.request("GET", SHARED, dcmr).status_code == 404
    assert harness.request("GET", "/v1/shared-cases", dcmr).json_body == {"cases": []}


def test_an_organisation_party_carried_by_an_event_shares_the_case(harness, hvc):
    dcmr = harness.create_organisation("dcmr")
    body = event_body(parties=[{"party_id": "dcmr", **COMMISSIONER, "role": "chain_partner"}])
    assert harness.request("POST", "/v1/events", hvc, body).status_code == 202

    [shared] = harness.request("GET", "/v1/shared-cases", dcmr).json_body["cases"]
    assert (shared["case_id"], shared["role"], shared["current_status"]["code"]) == (
        CASE_ID,
        "chain_partner",
        "in_behandeling",
    )
    assert harness.request("GET", SHARED, dcmr).json_body["history"][0]["status"] == "in_behandeling"


def test_naming_another_organisation_moves_the_share_to_it(harness, hvc):
    dcmr = _commissioned_case(harness, hvc)
    rws = harness.create_organisation("rws")
    moved = {**COMMISSIONER, "role": "chain_partner", "identifier": {"organisation": "rws"}}

    assert harness.request("PUT", f"{CASE}/parties/dcmr", hvc, moved).status_code == 200

    assert harness.request("GET", SHARED, dcmr).status_code == 404
    assert harness.request("GET", "/v1/shared-cases", dcmr).json_body == {"cases": []}
    [shared] = harness.request("GET", "/v1/shared-cases", rws).json_body["cases"]
    assert (shared["case_id"], shared["role"]) == (CASE_ID, "chain_partner")
    assert harness.request("GET", SHARED, rws).status_code == 200


def _bad_organisation(response) -> list[str]:
    assert response.status_code == 400, response.body
    assert response.headers["Content-Type"] == "application/problem+json"
    return [p["name"] for p in response.json_body["invalid_params"]]


def test_an_organisation_party_must_name_another_existing_organisation(harness, hvc):
    for named in ("bestaat-niet", "hvc"):
        party = {**COMMISSIONER, "identifier": {"organisation": named}}
        put = harness.request("PUT", f"{CASE}/parties/dcmr", hvc, party)
        assert _bad_organisation(put) == ["identifier.organisation"]
        event = harness.request("POST", "/v1/events", hvc, event_body(parties=[{"party_id": "dcmr", **party}]))
        assert _bad_organisation(event) == ["parties[0].identifier.organisation"]
    assert harness.request("GET", CASE, hvc).status_code == 404  # nothing was stored


def test_the_organisation_partys_own_link_shows_internal_statuses_the_citizens_does_not(harness, hvc):
    _commissioned_case(harness, hvc)
    parties = {p["party_id"]: p for p in harness.request("GET", CASE, hvc).json_body["parties"]}

    theirs = harness.request("GET", "/v1/track/" + _token(parties["dcmr"]["tracking_url"])).json_body
    citizens = harness.request("GET", "/v1/track/" + _token(parties["initiator"]["tracking_url"])).json_body

    assert theirs["reader"] == {
        "role": "commissioner",
        "kind": "organisation",
        "name": "DCMR Milieudienst",
        "on_behalf_of": None,
    }
    assert theirs["current_status"]["text"] == "Toegewezen aan afdeling"
    assert len(theirs["history"]) == 2
    assert citizens["current_status"]["text"] == "Uw klacht over container niet geleegd is in behandeling genomen."
    assert len(citizens["history"]) == 1


def _case_type_telling_the_commissioner() -> dict[str, Any]:
    case_type = copy.deepcopy(HVC_CASE_TYPE)
    for status in case_type["statuses"]:
        if status["code"] == "toegewezen":
            status["notify"] = ["commissioner"]  # internal: only the commissioner hears of it
        if status["code"] == "opgeschort":
            status["notify"] = ["initiator", "commissioner"]
    return case_type


def test_an_organisation_party_is_told_only_where_its_role_is_listed_never_for_notify_true(harness, hvc):
    harness.request("PUT", "/v1/case-types/klacht", hvc, _case_type_telling_the_commissioner())
    harness.create_organisation("dcmr")
    harness.request("PUT", f"{CASE}/parties/dcmr", hvc, COMMISSIONER)
    subscriber = {"channel": "email", "email": "jan@example.nl"}

    told = []
    for status, hour in (("in_behandeling", 10), ("toegewezen", 11), ("opgeschort", 12)):
        body = event_body(status, f"2026-11-28T{hour}:00:00+01:00", subscriber=subscriber, explanation="foto nodig")
        accepted = harness.request("POST", "/v1/events", hvc, body).json_body
        told.append(sorted(n["party_id"] for n in accepted["notifications"]))
        harness.run_worker_until_empty()

    assert told == [["initiator"], ["dcmr"], ["dcmr", "initiator"]]
    to_dcmr = [mail for _, mail in sent_mails() if mail["To"] == DCMR_EMAIL]
    assert [parts(mail)[0].splitlines()[0] for mail in to_dcmr] == [
        "Toegewezen aan afdeling",
        "Uw klacht is opgeschort. Reden: foto nodig",
    ]
    to_citizen = [mail for _, mail in sent_mails() if mail["To"] == "jan@example.nl"]
    assert [parts(mail)[0].splitlines()[0] for mail in to_citizen] == [
        "Uw klacht over container niet geleegd is in behandeling genomen.",
        "Uw klacht is opgeschort. Reden: foto nodig",
    ]
