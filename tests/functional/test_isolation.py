"""One organisation's credentials cannot read or write another's case types or cases: 404."""

from __future__ import annotations

from tests.builders import HVC_CASE_TYPE, event_body


def test_another_organisation_cannot_see_or_touch_case_types_or_cases(harness, hvc):
    harness.request("POST", "/v1/events", hvc, event_body())
    other = harness.create_organisation("other")

    assert harness.request("GET", "/v1/case-types/klacht", other).status_code == 404
    assert harness.request("GET", "/v1/case-types", other).json_body == {"case_types": []}
    assert harness.request("GET", "/v1/cases/HVC-2026-000123", other).status_code == 404
    put = harness.request("PUT", "/v1/cases/HVC-2026-000123/subscriber", other, {"channel": "none"})
    # A preference may be registered before a case's first event (a ZGW case system does): it lands in the
    # caller's own partition and leaves HVC's case alone.
    assert put.status_code == 200
    assert harness.request("GET", "/v1/cases/HVC-2026-000123", hvc).json_body["subscriber"]["channel"] == "sms"
    # Posting an event for "the same" case id creates nothing in HVC's case: case types are per org.
    assert harness.request("POST", "/v1/events", other, event_body()).status_code == 400


def test_same_case_id_in_two_organisations_are_two_cases(harness, hvc):
    other = harness.create_organisation("other")
    harness.request("PUT", "/v1/case-types/klacht", other, HVC_CASE_TYPE)
    a = harness.request("POST", "/v1/events", hvc, event_body()).json_body
    b = harness.request("POST", "/v1/events", other, event_body("afgehandeld")).json_body

    assert a["tracking_url"] != b["tracking_url"]
    assert (
        harness.request("GET", "/v1/cases/HVC-2026-000123", hvc).json_body["current_status"]["code"] == "in_behandeling"
    )
    assert (
        harness.request("GET", "/v1/cases/HVC-2026-000123", other).json_body["current_status"]["code"] == "afgehandeld"
    )


def test_a_tracking_token_with_another_organisations_prefix_finds_nothing(harness, hvc):
    harness.create_organisation("other")
    url = harness.request("POST", "/v1/events", hvc, event_body()).json_body["tracking_url"]
    secret = url.rsplit(".", 1)[1]

    assert harness.request("GET", f"/v1/track/other.{secret}").status_code == 404
