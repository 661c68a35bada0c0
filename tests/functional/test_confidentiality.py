"""Confidentiality through the app: a `vertrouwelijk` case's SMS names only the organisation and
the link; a `geheim` case has no page (its link answers as an unknown one) and no message."""

from __future__ import annotations

from tests.builders import CASE_ID, event_body, hvc_case_type

CASE = f"/v1/cases/{CASE_ID}"
UNKNOWN = "hvc.AAAAAAAAAAAAAAAAAAAAAA"


def _post(harness, hvc, level: str | None, status: str = "in_behandeling", at: str = "2026-11-28T10:00:00+01:00"):
    body = event_body(status, at, explanation="De container stond niet aan de straat.")
    if level is not None:
        body["case"]["confidentiality"] = level
    response = harness.request("POST", "/v1/events", hvc, body)
    assert response.status_code == 202, response.body
    return response.json_body


def _token(accepted: dict) -> str:
    return accepted["tracking_url"].rsplit("/", 1)[1]


def test_a_vertrouwelijk_case_sends_an_sms_without_description_or_status_text(harness, hvc):
    accepted = _post(harness, hvc, "vertrouwelijk")
    harness.run_worker_until_empty()

    [sms] = harness.standin.messages
    assert sms["body"] == f"Er is nieuws over uw zaak bij HVC. Kijk op https://zaakstatus.test/track/{_token(accepted)}"
    assert "container" not in sms["body"] and "behandeling" not in sms["body"]
    # The page is there, with everything: the limit is on what messages carry.
    page = harness.request("GET", f"/v1/track/{_token(accepted)}").json_body
    assert page["case"]["description"] == "container niet geleegd"


def test_a_zaakvertrouwelijk_case_still_sends_its_text_by_default(harness, hvc):
    _post(harness, hvc, "zaakvertrouwelijk")
    harness.run_worker_until_empty()

    [sms] = harness.standin.messages
    assert sms["body"].startswith("Uw klacht over container niet geleegd is in behandeling genomen.")


def test_a_geheim_case_has_no_page_and_no_message(harness, hvc):
    accepted = _post(harness, hvc, "geheim")
    harness.run_worker_until_empty()

    assert harness.standin.messages == []
    [n] = harness.request("GET", CASE, hvc).json_body["notifications"]
    assert (n["state"], n["last_error"]) == ("suppressed", "confidential")
    for path in ("/v1/track/", "/track/"):
        mine = harness.request("GET", path + _token(accepted))
        unknown = harness.request("GET", path + UNKNOWN)
        assert (mine.status_code, mine.body) == (404, unknown.body)
    form = harness.request("POST", f"/track/{_token(accepted)}/preferences", body="channel=portal")
    assert form.status_code == 404


def test_the_case_keeps_the_level_given_last(harness, hvc):
    accepted = _post(harness, hvc, "geheim", "ontvangen", "2026-11-27T09:00:00+01:00")
    _post(harness, hvc, None)  # no level given: still geheim
    assert harness.request("GET", f"/v1/track/{_token(accepted)}").status_code == 404

    _post(harness, hvc, "openbaar", "opgeschort", "2026-11-29T09:00:00+01:00")
    harness.run_worker_until_empty()

    assert harness.request("GET", f"/v1/track/{_token(accepted)}").status_code == 200
    assert [m["body"].split("\n")[0] for m in harness.standin.messages] == [
        "Uw klacht is opgeschort. Reden: De container stond niet aan de straat."
    ]


def test_a_case_type_can_allow_details_up_to_a_higher_level(harness, hvc):
    limits = {"message_details_up_to": "confidentieel", "publish_up_to": "geheim"}
    saved = harness.request("PUT", "/v1/case-types/klacht", hvc, hvc_case_type(confidentiality=limits))
    assert saved.status_code == 200 and saved.json_body["confidentiality"] == limits

    _post(harness, hvc, "geheim")
    harness.run_worker_until_empty()

    [sms] = harness.standin.messages
    assert sms["body"].startswith("Er is nieuws over uw zaak bij HVC.")


def test_an_unknown_level_is_refused_by_name(harness, hvc):
    body = event_body()
    body["case"]["confidentiality"] = "topgeheim"

    response = harness.request("POST", "/v1/events", hvc, body)

    assert response.status_code == 400
    assert [p["name"] for p in response.json_body["invalid_params"]] == ["case.confidentiality"]
