"""How to reach the organisation, through the app: given when the organisation is created (or
by a case type, which wins), in the tracking JSON, on the page and in every e-mail's footer."""

from __future__ import annotations

import json

import pytest

from tests.builders import HVC_CASE_TYPE, event_body, hvc_case_type
from tests.mail import parts, sent_mails

CONTACT = {
    "phone": "0800 0700",
    "email": "Klantenservice@HVC.example",
    "url": "https://www.hvc.example/contact",
    "hours": {"nl": "maandag tot en met vrijdag van 8.00 tot 17.00 uur", "en": "Monday to Friday, 8:00 to 17:00"},
}
BY_EMAIL = {"channel": "email", "email": "jan@example.nl", "language": "nl"}


@pytest.fixture
def hvc_desk(harness):
    """HVC with its customer service as contact, and the complaint case type."""
    creds = harness.create_organisation("hvc", sms_from="HVC", contact=CONTACT)
    assert harness.request("PUT", "/v1/case-types/klacht", creds, HVC_CASE_TYPE).status_code == 201
    return creds


def _token(accepted) -> str:
    return accepted.json_body["tracking_url"].rsplit("/", 1)[1]


def test_the_tracking_json_and_the_page_show_the_organisations_contact(harness, hvc_desk):
    token = _token(harness.request("POST", "/v1/events", hvc_desk, event_body()))

    view = harness.request("GET", f"/v1/track/{token}").json_body
    html = harness.request("GET", f"/track/{token}").body.decode()

    assert view["contact"] == {**CONTACT, "email": "Klantenservice@hvc.example"}  # the domain normalised
    assert '<h2 id="h-contact">Contact</h2>' in html
    assert "Vragen over uw zaak? Neem contact op met HVC." in html
    assert '<a href="tel:08000700">0800 0700</a>' in html
    assert '<a href="mailto:Klantenservice@hvc.example">' in html
    assert "<dt>Bereikbaar</dt><dd>maandag tot en met vrijdag van 8.00 tot 17.00 uur</dd>" in html
    assert "Monday to Friday, 8:00 to 17:00" in harness.request("GET", f"/track/{token}?lang=en").body.decode()


def test_an_e_mail_names_the_contact_in_its_footer(harness, hvc_desk):
    harness.request("POST", "/v1/events", hvc_desk, event_body(subscriber=BY_EMAIL))
    harness.run_worker_until_empty()

    [(_, mail)] = sent_mails()
    plain, html = parts(mail)
    assert "Vragen over uw zaak? Neem contact op met HVC.\nTelefoon: 0800 0700\n" in plain
    assert "Website: https://www.hvc.example/contact\nBereikbaar: maandag tot en met vrijdag" in plain
    assert html is not None and '<a href="tel:08000700" style="color:#01689b">0800 0700</a>' in html


def test_a_case_types_own_contact_wins_over_the_organisations(harness, hvc_desk):
    desk = {"phone": "0800 1234", "hours": {"nl": "elke werkdag"}}
    harness.request("PUT", "/v1/case-types/klacht", hvc_desk, hvc_case_type(contact=desk))
    token = _token(harness.request("POST", "/v1/events", hvc_desk, event_body(subscriber=BY_EMAIL)))
    harness.run_worker_until_empty()

    view = harness.request("GET", f"/v1/track/{token}").json_body
    [(_, mail)] = sent_mails()

    assert view["contact"] == {"phone": "0800 1234", "email": None, "url": None, "hours": {"nl": "elke werkdag"}}
    plain, _ = parts(mail)
    assert "Telefoon: 0800 1234\nBereikbaar: elke werkdag\n" in plain and "0800 0700" not in plain


def test_without_a_contact_the_page_and_e_mail_have_no_contact_section(harness, hvc):
    token = _token(harness.request("POST", "/v1/events", hvc, event_body(subscriber=BY_EMAIL)))
    harness.run_worker_until_empty()

    assert harness.request("GET", f"/v1/track/{token}").json_body["contact"] is None
    assert "h-contact" not in harness.request("GET", f"/track/{token}").body.decode()
    [(_, mail)] = sent_mails()
    assert "Vragen over uw zaak" not in parts(mail)[0]


def test_a_contact_with_a_website_that_is_not_https_is_refused_by_name(harness):
    body = {"id": "hvc", "name": "HVC", "contact": {"url": "http://www.hvc.example"}}
    response = harness.client.http.post(
        "/v1/admin/organisations",
        headers={"Authorization": "Bearer test-admin-token", "Content-Type": "application/json"},
        body=json.dumps(body),
    )

    assert response.status_code == 400
    assert [p["name"] for p in response.json_body["invalid_params"]] == ["contact.url"]
