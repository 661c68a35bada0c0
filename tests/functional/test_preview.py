"""`POST /v1/case-types/{code}/preview` through the app: a status's message for a channel,
language and reader with sample values, before any citizen gets it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.builders import event_body
from tests.harness import Harness

PATH = "/v1/case-types/klacht/preview"


def _post(harness: Harness, creds: dict[str, Any], body: Any, path: str = PATH) -> Any:
    return harness.request("POST", path, creds, body)


def test_an_sms_preview_with_sample_values_and_its_count(harness, hvc):
    body = {
        "status": "in_behandeling",
        "language": "nl",
        "channel": "sms",
        "sample": {"case": {"description": "container niet geleegd"}},
    }
    response = _post(harness, hvc, body)
    assert response.status_code == 200
    answer = response.json_body
    assert answer["body"].startswith("Uw klacht over container niet geleegd is in behandeling genomen.\n")
    assert answer["body"].split("\n")[1].startswith("https://zaakstatus.test/track/hvc.")
    assert answer["subject"] is None and answer["notifies"] is True
    assert answer["sms"] == {"encoding": "GSM-7", "characters": len(answer["body"]), "fragments": 1}


def test_the_preview_matches_the_sms_a_real_event_sends(harness, hvc):
    harness.request("POST", "/v1/events", hvc, event_body("opgeschort", explanation="wij wachten op de gemeente"))
    harness.run_worker_until_empty()
    [sent] = harness.standin.messages
    sample = {"case": {"id": "HVC-2026-000123"}, "status": {"explanation": "wij wachten op de gemeente"}}
    answer = _post(harness, hvc, {"status": "opgeschort", "language": "nl", "channel": "sms", "sample": sample})
    text, link = answer.json_body["body"].split("\n")
    sent_text, sent_link = sent["body"].split("\n")
    assert text == sent_text == "Uw klacht is opgeschort. Reden: wij wachten op de gemeente"
    assert len(link) == len(sent_link) and link != sent_link  # the real length, never the real link


def test_an_e_mail_preview_in_english_and_in_dutch(harness, hvc):
    english = _post(harness, hvc, {"status": "in_behandeling", "language": "en", "channel": "email"}).json_body
    assert english["subject"] == "HVC: Waste collection complaint"
    assert english["body"].startswith("Your complaint is being handled.\n\nView the status of your case: https://")
    assert english["sms"] is None
    dutch = _post(harness, hvc, {"status": "in_behandeling", "language": "nl", "channel": "email"}).json_body
    assert dutch["subject"] == "HVC: Klacht over afvalinzameling"
    assert dutch["body"].startswith("Uw klacht is in behandeling genomen.\n\nBekijk de status van uw zaak: https://")


def test_a_business_reader_gets_text_business(harness, hvc):
    case_type = harness.request("GET", "/v1/case-types/klacht", hvc).json_body
    del case_type["code"]
    case_type["statuses"][1]["text_business"] = {"nl": "De klacht van uw onderneming is in behandeling."}
    assert harness.request("PUT", "/v1/case-types/klacht", hvc, case_type).status_code == 200
    body = {"status": "in_behandeling", "language": "nl", "channel": "sms"}
    business = _post(harness, hvc, {**body, "role": "business"}).json_body
    person = _post(harness, hvc, body).json_body
    assert business["body"].startswith("De klacht van uw onderneming is in behandeling.\n")
    assert person["body"].startswith("Uw klacht is in behandeling genomen.\n")


def test_an_emoji_makes_the_sms_ucs_2(harness, hvc):
    sample = {"case": {"description": "container 🗑"}}
    body = {"status": "in_behandeling", "language": "nl", "channel": "sms", "sample": sample}
    count = _post(harness, hvc, body).json_body["sms"]
    assert count["encoding"] == "UCS-2" and count["fragments"] == 2


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ({"status": "bestaat_niet", "language": "nl", "channel": "sms"}, ["status"]),
        ({"status": "ontvangen", "language": "fr", "channel": "sms"}, ["language"]),
        ({"status": "ontvangen", "language": "nl", "channel": "fax"}, ["channel"]),
        ({"status": "ontvangen", "language": "nl", "channel": "sms", "role": "burgemeester"}, ["role"]),
        (
            {"status": "ontvangen", "language": "nl", "channel": "sms", "sample": {"case": {"naam": "x"}}},
            ["sample.case.naam"],
        ),
        (
            {"status": "ontvangen", "language": "nl", "channel": "sms", "sample": {"dates": {"x": "2027-01-01"}}},
            ["sample.dates.x"],
        ),
        ({"language": "nl"}, ["status", "channel"]),
    ],
)
def test_unknown_fields_are_refused_each_by_name(harness, hvc, body, names):
    response = _post(harness, hvc, body)
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in response.json_body["invalid_params"]] == names


def test_an_unknown_or_another_organisations_case_type_is_not_found(harness, hvc):
    other = harness.create_organisation("other")
    body = {"status": "ontvangen", "language": "nl", "channel": "sms"}
    assert _post(harness, hvc, body, "/v1/case-types/onbekend/preview").status_code == 404
    assert _post(harness, other, body).status_code == 404
    assert harness.request("POST", PATH, None, body).status_code == 401


def test_the_preview_is_described_in_the_openapi_document(harness):
    document = harness.client.http.get("/openapi.json").json_body
    operation = document["paths"]["/v1/case-types/{code}/preview"]["post"]
    assert operation["operationId"] == "previewMessage"
    assert set(operation["responses"]) >= {"200", "400", "401", "404"}
    assert "PreviewIn" in document["components"]["schemas"] and "PreviewAnswer" in document["components"]["schemas"]
