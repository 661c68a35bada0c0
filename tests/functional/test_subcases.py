"""Sub-cases across organisations (contract v2 §4): a partner the parent's organisation allowed
links its case to the parent; the parent's reader sees the sub-case's public status, the
sub-case's reader sees whose case it is part of. Without the permission nothing is revealed."""

from __future__ import annotations

from typing import Any

import pytest

PARENT = "ODMH-2026-0042"
SUB = "GOUDA-KAP-7"
PARENT_TYPE: dict[str, Any] = {
    "name": "Omgevingsvergunning",
    "public_name": {"nl": "Omgevingsvergunning", "en": "Environmental permit"},
    "statuses": [
        {
            "code": "ontvangen",
            "name": "Aanvraag ontvangen",
            "notify": False,
            "text": {"nl": "Uw aanvraag is ontvangen."},
        },
        {"code": "besluit", "name": "Besluit", "final": True, "text": {"nl": "Er is besloten."}},
    ],
}
SUB_TYPE: dict[str, Any] = {
    "name": "Kapvergunning",
    "public_name": {"nl": "Kapvergunning", "en": "Tree felling permit"},
    "statuses": [
        {"code": "in_behandeling", "name": "In behandeling", "text": {"nl": "De kapaanvraag wordt beoordeeld."}},
        {"code": "ter_inzage", "name": "Ter inzage bij de afdeling", "public": False},
        {"code": "gekapt", "name": "Gekapt", "final": True, "text": {"nl": "De bomen zijn gekapt."}},
    ],
}


@pytest.fixture
def orgs(harness) -> dict[str, dict[str, Any]]:
    """odmh with case PARENT, gouda with its case type: no permission yet."""
    odmh = harness.create_organisation("odmh")
    gouda = harness.create_organisation("gouda")
    assert harness.request("PUT", "/v1/case-types/vergunning", odmh, PARENT_TYPE).status_code == 201
    assert harness.request("PUT", "/v1/case-types/kap", gouda, SUB_TYPE).status_code == 201
    posted = harness.request("POST", "/v1/events", odmh, _event(PARENT, "vergunning", "ontvangen"))
    assert posted.status_code == 202, posted.body
    return {"odmh": odmh, "gouda": gouda, "parent_url": posted.json_body["tracking_url"]}


def _event(case_id: str, case_type: str, status: str, hour: int = 10, parent: str | None = None) -> dict[str, Any]:
    case: dict[str, Any] = {"id": case_id, "case_type": case_type, "description": "drie eiken"}
    if parent is not None:
        case["parent"] = {"organisation": "odmh", "case_id": parent}
    return {
        "case": case,
        "status": status,
        "occurred_at": f"2026-11-28T{hour:02d}:00:00+01:00",
        "subscriber": {"channel": "portal", "language": "nl"},
    }


def _track(harness, url: str) -> dict[str, Any]:
    response = harness.request("GET", "/v1/track/" + url.rsplit("/", 1)[1])
    assert response.status_code == 200, response.body
    body: dict[str, Any] = response.json_body
    return body


def _allow(harness, orgs) -> None:
    response = harness.request("PUT", "/v1/partners/gouda", orgs["odmh"], {"subcases": True})
    assert response.status_code == 200, response.body
    assert response.json_body == {"organisation": "gouda", "subcases": True}


def test_without_permission_a_sub_case_is_refused_the_same_way_whether_the_parent_exists_or_not(harness, orgs):
    real = harness.request("POST", "/v1/events", orgs["gouda"], _event(SUB, "kap", "in_behandeling", parent=PARENT))
    fake = harness.request("POST", "/v1/events", orgs["gouda"], _event(SUB, "kap", "in_behandeling", parent="NOPE-1"))

    for response in (real, fake):
        assert response.status_code == 403, response.body
        assert response.headers["Content-Type"] == "application/problem+json"
    assert real.json_body == fake.json_body  # nothing tells whether odmh has such a case
    assert harness.request("GET", f"/v1/cases/{SUB}", orgs["gouda"]).status_code == 404
    assert _track(harness, orgs["parent_url"])["subcases"] == []


def test_with_permission_an_unknown_parent_case_is_a_400_naming_case_parent(harness, orgs):
    _allow(harness, orgs)
    response = harness.request(
        "POST", "/v1/events", orgs["gouda"], _event(SUB, "kap", "in_behandeling", parent="NOPE-1")
    )

    assert response.status_code == 400, response.body
    assert [p["name"] for p in response.json_body["invalid_params"]] == ["case.parent"]
    assert harness.request("GET", f"/v1/cases/{SUB}", orgs["gouda"]).status_code == 404


def test_an_allowed_sub_case_shows_on_the_parents_page_with_its_public_status_only(harness, orgs):
    _allow(harness, orgs)
    gouda = orgs["gouda"]
    accepted = harness.request("POST", "/v1/events", gouda, _event(SUB, "kap", "in_behandeling", parent=PARENT))
    assert accepted.status_code == 202, accepted.body
    internal = harness.request("POST", "/v1/events", gouda, _event(SUB, "kap", "ter_inzage", hour=11, parent=PARENT))
    assert internal.status_code == 202, internal.body

    parent_view = _track(harness, orgs["parent_url"])
    assert parent_view["subcases"] == [
        {
            "organisation_name": "GOUDA",
            "case_type_name": "Kapvergunning",
            "current_status": {"text": "De kapaanvraag wordt beoordeeld.", "since": "2026-11-28T09:00:00+00:00"},
            "closed": False,
        }
    ]
    assert parent_view["parent"] is None
    sub_view = _track(harness, accepted.json_body["tracking_url"])
    assert sub_view["parent"] == {"organisation_name": "ODMH", "case_type_name": "Omgevingsvergunning"}
    assert sub_view["subcases"] == []
    page = harness.client.http.get("/track/" + orgs["parent_url"].rsplit("/", 1)[1]).body.decode()
    assert "GOUDA" in page and "De kapaanvraag wordt beoordeeld." in page


def test_a_closed_sub_case_reads_closed_on_the_parents_page(harness, orgs):
    _allow(harness, orgs)
    gouda = orgs["gouda"]
    harness.request("POST", "/v1/events", gouda, _event(SUB, "kap", "in_behandeling", parent=PARENT))
    harness.request("POST", "/v1/events", gouda, _event(SUB, "kap", "gekapt", hour=12, parent=PARENT))

    [sub] = _track(harness, orgs["parent_url"])["subcases"]
    assert (sub["current_status"]["text"], sub["closed"]) == ("De bomen zijn gekapt.", True)


def test_both_organisations_views_name_the_link(harness, orgs):
    _allow(harness, orgs)
    harness.request("POST", "/v1/events", orgs["gouda"], _event(SUB, "kap", "in_behandeling", parent=PARENT))

    parent_case = harness.request("GET", f"/v1/cases/{PARENT}", orgs["odmh"]).json_body
    sub_case = harness.request("GET", f"/v1/cases/{SUB}", orgs["gouda"]).json_body

    assert parent_case["subcases"] == [{"organisation": "gouda", "case_id": SUB}]
    assert parent_case["parent"] is None
    assert sub_case["parent"] == {"organisation": "odmh", "case_id": PARENT}


def test_revoking_the_partner_refuses_the_next_new_sub_case(harness, orgs):
    _allow(harness, orgs)
    gouda = orgs["gouda"]
    first = harness.request("POST", "/v1/events", gouda, _event(SUB, "kap", "in_behandeling", parent=PARENT))
    assert first.status_code == 202

    assert harness.request("DELETE", "/v1/partners/gouda", orgs["odmh"]).status_code == 204

    second = harness.request("POST", "/v1/events", gouda, _event("GOUDA-KAP-8", "kap", "in_behandeling", parent=PARENT))
    assert second.status_code == 403, second.body
    assert [s["organisation_name"] for s in _track(harness, orgs["parent_url"])["subcases"]] == ["GOUDA"]


def test_only_the_parents_organisation_can_allow_a_partner_for_its_own_cases(harness, orgs):
    # gouda allowing odmh says nothing about odmh's cases accepting gouda's sub-cases.
    assert harness.request("PUT", "/v1/partners/odmh", orgs["gouda"], {"subcases": True}).status_code == 200
    response = harness.request("POST", "/v1/events", orgs["gouda"], _event(SUB, "kap", "in_behandeling", parent=PARENT))
    assert response.status_code == 403
    assert harness.request("PUT", "/v1/partners/bestaat-niet", orgs["odmh"], {"subcases": True}).status_code == 404


def test_a_case_named_a_sub_case_by_a_later_event_is_listed_by_its_parent(harness, orgs):
    _allow(harness, orgs)
    gouda = orgs["gouda"]
    assert harness.request("POST", "/v1/events", gouda, _event(SUB, "kap", "in_behandeling")).status_code == 202
    later = harness.request("POST", "/v1/events", gouda, _event(SUB, "kap", "gekapt", hour=12, parent=PARENT))
    assert later.status_code == 202, later.body

    assert [s["case_type_name"] for s in _track(harness, orgs["parent_url"])["subcases"]] == ["Kapvergunning"]
    parent_case = harness.request("GET", f"/v1/cases/{PARENT}", orgs["odmh"]).json_body
    assert parent_case["subcases"] == [{"organisation": "gouda", "case_id": SUB}]
