"""No broken sentences on the page and in messages: empty placeholders, the explanation said
once, Dutch-only texts named on an English page, a case with only internal statuses so far."""

from __future__ import annotations

import re

from local.seed import ORGANISATIONS
from tests.builders import event_body

SVB_AOW = next(e for e in ORGANISATIONS if e["org"]["id"] == "svb")["case_types"]["aanvraag-aow"]


def _post(harness, creds, body) -> str:
    response = harness.request("POST", "/v1/events", creds, body)
    assert response.status_code == 202, response.body
    return str(response.json_body["tracking_url"]).rsplit("/", 1)[1]


def _html(harness, token: str, query: str = "") -> str:
    return str(harness.client.http.get(f"/track/{token}{query}").body.decode())


def test_a_case_without_description_reads_without_the_clause_in_the_message_and_on_the_page(harness, hvc):
    body = event_body()
    del body["case"]["description"]
    token = _post(harness, hvc, body)
    harness.run_worker_until_empty()
    [sms] = [m["body"] for m in harness.standin.messages]
    assert sms.startswith("Uw klacht is in behandeling genomen.")
    assert "Uw klacht is in behandeling genomen." in _html(harness, token)


def test_the_svb_message_names_the_expected_end_date_computed_from_the_service_norm(harness):
    svb = harness.create_organisation("svb", sms_from="SVB")
    assert harness.request("PUT", "/v1/case-types/aanvraag-aow", svb, SVB_AOW).status_code == 201
    body = event_body("ontvangen", case={"id": "AOW-1", "case_type": "aanvraag-aow"})
    _post(harness, svb, body)
    harness.run_worker_until_empty()
    [sms] = [m["body"] for m in harness.standin.messages]
    assert "U hoort uiterlijk 26 december 2026 van ons." in sms  # 28 November + 28 days
    assert "  " not in sms


def test_an_explanation_the_text_already_says_is_not_repeated_below_it(harness, hvc):
    token = _post(harness, hvc, event_body("opgeschort", explanation="wacht op foto's"))
    html = _html(harness, token)
    assert html.count("wacht op foto&#x27;s") == 2  # the current status and the history, once each
    assert 'class="explanation"' not in html


def test_an_english_page_names_the_texts_only_in_dutch(harness, hvc):
    token = _post(harness, hvc, event_body("opgeschort", explanation="foto nodig"))
    view = harness.request("GET", f"/v1/track/{token}?lang=en").json_body
    assert {"current_status.text", "history.0.text"} <= set(view["untranslated"])
    html = _html(harness, token, "?lang=en")
    assert "Some texts on this page are only available in Dutch: the current status, the history" in html
    assert '<p lang="nl">Uw klacht is opgeschort. Reden: foto nodig</p>' in html
    dutch = harness.request("GET", f"/v1/track/{token}?lang=nl").json_body
    assert dutch["untranslated"] == []


def test_a_case_with_only_internal_statuses_shows_that_it_is_being_processed_and_nothing_internal(harness, hvc):
    token = _post(harness, hvc, event_body("toegewezen"))
    view = harness.request("GET", f"/v1/track/{token}")
    assert view.status_code == 200
    body = view.json_body
    assert body["current_status"]["text"] == "Uw aanvraag is in behandeling."
    assert body["history"] == [] and body["step"] == 0
    assert {s["state"] for s in body["steps"]} == {"upcoming"}
    html = _html(harness, token)
    assert "Uw aanvraag is in behandeling." in html and "niet (meer) geldig" not in html
    assert "Toegewezen" not in html and "toegewezen" not in html
    assert "Stap " not in html
    english = harness.request("GET", f"/v1/track/{token}?lang=en").json_body
    assert english["current_status"]["text"] == "Your request is being processed."


def test_no_page_has_a_double_space_or_an_empty_bracket(harness, hvc):
    body = event_body("opgeschort")
    del body["case"]["description"]
    token = _post(harness, hvc, body)
    for query in ("", "?lang=en"):
        text = re.sub(r"<[^>]+>", "|", _html(harness, token, query))
        assert not re.search(r"[^ |]  [^ |]|\(\s*\)|\(\(", text)
