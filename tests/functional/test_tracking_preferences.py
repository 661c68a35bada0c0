"""Self-service preferences: the page's form (no JavaScript) and `PUT /v1/track/{token}/preferences`."""

from __future__ import annotations

import re
import urllib.parse

from tests.builders import event_body
from tests.mail import sent_mails

CASE = "HVC-2026-000123"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _token(harness, hvc, body=None) -> str:
    answer = harness.request("POST", "/v1/events", hvc, body or event_body()).json_body
    return answer["tracking_url"].rsplit("/", 1)[1]


def _form_token(harness, token: str) -> str:
    html = harness.client.http.get(f"/track/{token}").body.decode()
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


def _submit(harness, token: str, fields: dict, lang: str = "nl", headers: dict | None = None, form_token=True):
    if form_token is True:
        fields = {"form_token": _form_token(harness, token), **fields}
    body = urllib.parse.urlencode(fields)
    return harness.client.http.post(
        f"/track/{token}/preferences?lang={lang}", headers={**FORM, **(headers or {})}, body=body
    )


def test_a_valid_form_is_stored_and_answered_with_303_to_the_page_with_a_confirmation(harness, hvc):
    token = _token(harness, hvc)

    response = _submit(harness, token, {"channel": "email", "phone": "", "email": "Jan@Example.nl", "language": "nl"})
    page = harness.client.http.get(response.headers["Location"].split("#")[0]).body.decode()

    assert response.status_code == 303
    assert response.headers["Location"] == f"/track/{token}?lang=nl&saved=1#berichten"
    assert 'role="status"' in page and "Uw wijziging is opgeslagen." in page
    assert "per e-mail naar J**@example.nl" in page


def test_an_invalid_form_is_answered_400_with_the_message_next_to_the_field_and_nothing_stored(harness, hvc):
    token = _token(harness, hvc, event_body(subscriber={"channel": "portal"}))

    response = _submit(harness, token, {"channel": "sms", "phone": "020 123 4567", "language": "nl"})
    html = response.body.decode()
    case = harness.request("GET", f"/v1/cases/{CASE}", hvc).json_body

    assert response.status_code == 400
    assert "<title>Fout: " in html
    assert 'class="error-summary" role="alert"' in html and 'href="#phone"' in html
    field = re.search(r'<div class="field invalid"><label for="phone">.*?</div>', html).group(0)
    assert 'id="phone-error"' in field and "Vul een geldig mobiel nummer in" in field
    assert 'aria-invalid="true"' in field and 'aria-describedby="phone-hint phone-error"' in field
    assert 'value="020 123 4567"' in field  # the citizen's own input back, to correct it
    assert 'id="channel-sms" value="sms" checked' in html
    assert case["subscriber"]["channel"] == "portal"


def test_sms_without_a_number_and_nothing_stored_asks_for_the_number_in_english(harness, hvc):
    token = _token(harness, hvc, event_body(subscriber={"channel": "portal"}))

    html = _submit(harness, token, {"channel": "sms", "phone": ""}, lang="en").body.decode()

    assert "Enter your mobile number." in html
    assert '<html lang="en">' in html


def test_an_empty_number_keeps_the_stored_one_and_the_language_can_change(harness, hvc):
    token = _token(harness, hvc)

    response = _submit(harness, token, {"channel": "sms", "phone": "", "language": "en"})
    case = harness.request("GET", f"/v1/cases/{CASE}", hvc).json_body

    assert response.status_code == 303
    assert case["subscriber"] == {"channel": "sms", "language": "en", "phone": "+316******78", "email": None}


def test_a_missing_expired_or_forged_form_token_is_refused_and_the_form_shown_again(harness, hvc):
    token = _token(harness, hvc)
    other = _token(harness, hvc, event_body(case={"id": "HVC-OTHER", "case_type": "klacht"}))

    missing = _submit(harness, token, {"channel": "none"}, form_token=None)
    forged = _submit(
        harness, token, {"channel": "none", "form_token": "1764000000.AAAAAAAAAAAAAAAAAAAAAA"}, form_token=None
    )
    borrowed = _submit(harness, token, {"channel": "none", "form_token": _form_token(harness, other)}, form_token=None)
    case = harness.request("GET", f"/v1/cases/{CASE}", hvc).json_body

    assert [r.status_code for r in (missing, forged, borrowed)] == [400, 400, 400]
    assert "Het formulier is verlopen" in missing.body.decode()
    assert case["subscriber"]["channel"] == "sms"


def test_a_cross_site_post_is_refused(harness, hvc):
    token = _token(harness, hvc)

    response = _submit(harness, token, {"channel": "none"}, headers={"Sec-Fetch-Site": "cross-site"})
    case = harness.request("GET", f"/v1/cases/{CASE}", hvc).json_body

    assert response.status_code == 403
    assert case["subscriber"]["channel"] == "sms"


def test_the_form_for_an_unknown_token_is_the_404_page(harness, hvc):
    response = harness.client.http.post(
        "/track/hvc.AAAAAAAAAAAAAAAAAAAAAA/preferences", headers=FORM, body="channel=none"
    )

    assert response.status_code == 404
    assert "niet (meer) geldig" in response.body.decode()


def test_the_form_accepts_only_form_encoded_bodies(harness, hvc):
    token = _token(harness, hvc)

    response = harness.client.http.post(
        f"/track/{token}/preferences", headers={"Content-Type": "application/json"}, body='{"channel": "none"}'
    )

    assert response.status_code == 415


def test_put_preferences_json_changes_the_preference_and_answers_it_masked(harness, hvc):
    token = _token(harness, hvc)

    response = harness.request(
        "PUT", f"/v1/track/{token}/preferences", body={"channel": "email", "email": "jan@example.nl", "language": "en"}
    )

    assert response.status_code == 200
    assert response.json_body == {"channel": "email", "language": "en", "phone": None, "email": "j**@example.nl"}


def test_put_preferences_json_names_each_invalid_field(harness, hvc):
    token = _token(harness, hvc)

    bad = harness.request("PUT", f"/v1/track/{token}/preferences", body={"channel": "email", "email": "nope"})
    unknown_field = harness.request("PUT", f"/v1/track/{token}/preferences", body={"channel": "sms", "x": 1})
    unknown_token = harness.request("PUT", "/v1/track/hvc.AAAAAAAAAAAAAAAAAAAAAA/preferences", body={"channel": "none"})

    assert bad.status_code == 400
    assert bad.headers["Content-Type"] == "application/problem+json"
    assert bad.json_body["invalid_params"] == [{"name": "email", "reason": "is not a valid e-mail address"}]
    assert unknown_field.status_code == 400
    assert unknown_token.status_code == 404


def test_every_change_is_in_the_case_trail_with_time_and_origin(harness, hvc):
    token = _token(harness, hvc)
    _submit(harness, token, {"channel": "portal"})
    harness.request("PUT", f"/v1/cases/{CASE}/subscriber", hvc, {"channel": "sms", "phone": "0687654321"})
    harness.request("PUT", f"/v1/track/{token}/preferences", body={"channel": "none"})

    trail = harness.request("GET", f"/v1/cases/{CASE}", hvc).json_body["preference_changes"]

    assert [(c["origin"], c["channel"]) for c in trail] == [
        ("organisation", "sms"),
        ("citizen", "portal"),
        ("organisation", "sms"),
        ("citizen", "none"),
    ]
    assert all(c["at"] for c in trail)
    assert trail[1]["phone"] is None  # choosing the website only keeps no phone number


def test_a_preference_changed_on_the_page_governs_the_very_next_notification(harness, hvc):
    token = _token(harness, hvc)  # in_behandeling, SMS to +31612345678
    harness.run_worker()
    assert [m["to"] for m in harness.standin.messages] == ["+31612345678"]

    # The citizen switches to e-mail on the page, then the case system posts the next status
    # without a subscriber: the e-mail address from the page must get it, and no SMS.
    assert (
        _submit(harness, token, {"channel": "email", "email": "burger@example.nl", "language": "en"}).status_code == 303
    )
    harness.request("POST", "/v1/events", hvc, event_body("afgehandeld", "2026-11-29T10:00:00+01:00", subscriber=None))
    harness.run_worker()

    assert [m["to"] for m in harness.standin.messages] == ["+31612345678"]
    [(_, mail)] = sent_mails()
    assert mail["To"] == "burger@example.nl"
    assert mail["Subject"] == "HVC: Waste collection complaint"


def test_choosing_nothing_on_the_page_suppresses_the_next_notification(harness, hvc):
    token = _token(harness, hvc)
    harness.queued()  # the first status's message is not the point here

    _submit(harness, token, {"channel": "none"})
    answer = harness.request(
        "POST", "/v1/events", hvc, event_body("afgehandeld", "2026-11-29T10:00:00+01:00", subscriber=None)
    ).json_body
    harness.run_worker()

    assert answer["notification"]["state"] == "suppressed"
    assert harness.standin.messages == []


def test_a_citizens_change_on_a_closed_case_expires_with_the_case(harness, hvc):
    import boto3

    token = _token(harness, hvc)
    harness.request("POST", "/v1/events", hvc, event_body("afgehandeld", "2026-12-03T11:00:00+01:00"))

    assert harness.request("PUT", f"/v1/track/{token}/preferences", body={"channel": "none"}).status_code == 200

    items = boto3.client("dynamodb").scan(TableName="zaakstatus")["Items"]
    changes = [i for i in items if i["sk"]["S"].startswith("SUB#")]
    assert len(changes) == 1 and "expires_at" in changes[0]
