"""An organisation's own settings and its e-mail sender, through the app on moto's SES:
`GET/PUT /v1/organisation`, `GET /v1/organisation/sender`, and what happens to e-mail from a
new organisation (it arrives) and from a domain SES has not verified (a clear last_error)."""

from __future__ import annotations

import json

import boto3
import pytest

from chalicelib import bootstrap, config
from chalicelib.domain.sms_countries import DEFAULT_SMS_COUNTRIES
from tests.builders import CASE_ID, HVC_CASE_TYPE, event_body
from tests.harness import ADMIN
from tests.mail import sent_mails

BY_EMAIL = {"channel": "email", "email": "jan@example.nl", "language": "nl"}
BY_EMAIL_OR_SMS = {"channel": "email", "email": "jan@example.nl", "phone": "06 12345678", "language": "nl"}
SETTINGS = {
    "name": "Gemeente Gouda",
    "email_from": "Info@Gouda.example",
    "sms_from": "Gouda",
    "quiet_hours": False,
    "sms_fragments": 2,
    "contact": {"phone": "14 0182", "url": "https://www.gouda.example/contact"},
    "sms_countries": ["NL", "BE"],
}


def _new_organisation(harness, org_id: str = "gouda", **extra):
    """An organisation created through the operator's API: no sender of it was verified beforehand."""
    creds = harness.create_organisation(org_id, **extra)
    assert harness.request("PUT", "/v1/case-types/klacht", creds, HVC_CASE_TYPE).status_code == 201
    return creds


def _notification(harness, creds):
    [n] = harness.request("GET", f"/v1/cases/{CASE_ID}", creds).json_body["notifications"]
    return n


def test_get_answers_the_settings_the_organisation_was_created_with(harness):
    creds = harness.create_organisation("gouda", name="Gemeente Gouda", sms_from="Gouda", sms_fragments=2)

    got = harness.request("GET", "/v1/organisation", creds)

    assert got.status_code == 200
    assert got.json_body == {
        "id": "gouda",
        "name": "Gemeente Gouda",
        "email_from": "noreply@gouda.example",
        "sms_from": "Gouda",
        "quiet_hours": True,
        "sms_fragments": 2,
        "contact": None,
        "sms_countries": list(DEFAULT_SMS_COUNTRIES),  # the Netherlands and the other EU/EEA countries
    }


def test_put_replaces_every_setting_and_get_reads_them_back(harness):
    creds = harness.create_organisation("gouda", sms_from="Gouda", contact={"phone": "0800 1234"})

    put = harness.request("PUT", "/v1/organisation", creds, {"name": "Gouda", "sms_from": "+3197010203040"})
    got = harness.request("GET", "/v1/organisation", creds).json_body
    saved = harness.request("PUT", "/v1/organisation", creds, SETTINGS)
    again = harness.request("GET", "/v1/organisation", creds).json_body

    assert put.status_code == 200
    # Absent settings take their defaults, as at creation: the platform's sender, no contact.
    assert got["email_from"] == "noreply@zaakstatus.example" and got["contact"] is None
    assert got["sms_from"] == "+3197010203040"
    assert saved.status_code == 200
    assert again == {
        "id": "gouda",
        **SETTINGS,
        "email_from": "info@gouda.example",  # normalised (a role mailbox: lower case)
        "contact": {"phone": "14 0182", "email": None, "url": "https://www.gouda.example/contact", "hours": {}},
    }
    assert {k: saved.json_body[k] for k in again} == again


def test_the_new_settings_are_what_the_next_message_is_sent_with(harness):
    creds = _new_organisation(harness, sms_from="Gouda")
    harness.request("PUT", "/v1/organisation", creds, {**SETTINGS, "sms_from": "GoudaStad"})

    harness.request("POST", "/v1/events", creds, event_body())
    harness.run_worker()

    [sms] = harness.standin.messages
    assert sms["from"] == "GoudaStad"


def test_every_route_wants_an_organisation_token(harness):
    harness.create_organisation("gouda")
    for method, path in (("GET", "/v1/organisation"), ("PUT", "/v1/organisation"), ("GET", "/v1/organisation/sender")):
        response = harness.request(method, path, None, SETTINGS)
        assert response.status_code == 401, (method, path)
        assert response.headers["Content-Type"] == "application/problem+json"
    admin = harness.client.http.get("/v1/organisation", headers=ADMIN)
    assert admin.status_code == 401  # the operator's token is not an organisation's


def test_put_names_each_invalid_field(harness):
    creds = harness.create_organisation("gouda")
    body = {
        "name": "Gouda\r\nBcc: iedereen@example.org",
        "email_from": "geen adres",
        "sms_from": "0612345678",
        "sms_fragments": 9,
        "contact": {"url": "http://gouda.example"},
        "colour": "blauw",
    }

    response = harness.request("PUT", "/v1/organisation", creds, body)

    assert response.status_code == 400
    reasons = {p["name"]: p["reason"] for p in response.json_body["invalid_params"]}
    assert set(reasons) == {"name", "email_from", "sms_from", "sms_fragments", "contact.url", "colour"}
    assert "control characters" in reasons["name"]
    assert "at least one letter" in reasons["sms_from"]
    assert harness.request("GET", "/v1/organisation", creds).json_body["name"] == "GOUDA"  # nothing changed


def test_the_operator_cannot_create_an_organisation_with_a_name_on_two_lines_or_a_numeric_sender(harness):
    for extra, field in (({"name": "HVC\nX-Header: 1"}, "name"), ({"sms_from": "12345"}, "sms_from")):
        body = {"id": "nieuw", "name": "Nieuw", **extra}
        response = harness.client.http.post("/v1/admin/organisations", headers=ADMIN, body=json.dumps(body))
        assert response.status_code == 400
        assert [p["name"] for p in response.json_body["invalid_params"]] == [field]


def test_a_new_organisations_first_e_mail_arrives(harness):
    created = harness.client.http.post(
        "/v1/admin/organisations",
        headers=ADMIN,
        body='{"id": "gouda", "name": "Gemeente Gouda", "email_from": "noreply@gouda.example"}',
    ).json_body
    creds = {"client_id": created["client_id"], "client_secret": created["client_secret"]}
    assert harness.request("PUT", "/v1/case-types/klacht", creds, HVC_CASE_TYPE).status_code == 201

    harness.request("POST", "/v1/events", creds, event_body(subscriber=BY_EMAIL))
    harness.run_worker_until_empty()

    [(_, mail)] = sent_mails()
    assert mail["From"] == "noreply@gouda.example" and mail["To"] == "jan@example.nl"
    assert _notification(harness, creds)["state"] == "sent"
    # The creation said where the sender stands: verified at once in the local run and the tests.
    assert created["sender"]["domain"] == "gouda.example"
    assert (created["sender"]["status"], created["warnings"]) == ("verified", [])


def test_the_sender_route_shows_the_dkim_records_to_publish(harness):
    creds = harness.create_organisation("gouda")

    sender = harness.request("GET", "/v1/organisation/sender", creds)

    assert sender.status_code == 200
    body = sender.json_body
    assert (body["email_from"], body["domain"], body["status"]) == (
        "noreply@gouda.example",
        "gouda.example",
        "verified",
    )
    assert len(body["dns_records"]) == 3
    for record in body["dns_records"]:
        token = record["name"].removesuffix("._domainkey.gouda.example")
        assert record == {
            "type": "CNAME",
            "name": f"{token}._domainkey.gouda.example",
            "value": f"{token}.dkim.amazonses.com",
        }


def test_changing_the_sender_to_another_domain_onboards_that_domain(harness):
    creds = harness.create_organisation("gouda")

    saved = harness.request("PUT", "/v1/organisation", creds, {**SETTINGS, "email_from": "noreply@post.gouda.example"})

    assert saved.json_body["sender"]["domain"] == "post.gouda.example"
    identities = boto3.client("sesv2").list_email_identities()["EmailIdentities"]
    assert "post.gouda.example" in {i["IdentityName"] for i in identities}


@pytest.fixture
def deployed(harness, monkeypatch):
    """The app as a deployed stage runs it (not local): nothing verifies a new sender by itself."""
    monkeypatch.setenv("ZAAKSTATUS_STAGE", "prod")
    config.reset()
    bootstrap.reset()
    assert not config.settings().is_local
    return harness


def _withdraw_from_moto(domain: str) -> None:
    # moto verifies every identity it is asked to create; SES leaves a new domain pending until it
    # finds the DKIM records. Removing the identity makes moto refuse the sender as SES would.
    boto3.client("sesv2").delete_email_identity(EmailIdentity=domain)


def test_e_mail_from_a_domain_ses_has_not_verified_fails_with_a_clear_last_error(deployed):
    creds = _new_organisation(deployed)
    _withdraw_from_moto("gouda.example")

    deployed.request("POST", "/v1/events", creds, event_body(subscriber=BY_EMAIL))
    deployed.run_worker_until_empty()

    n = _notification(deployed, creds)
    assert (n["state"], n["last_error"]) == ("permanent-failure", "sender-not-verified")
    assert sent_mails() == []
    sender = deployed.request("GET", "/v1/organisation/sender", creds).json_body
    assert sender["status"] == "failed" and "PUT /v1/organisation" in sender["warnings"][0]


def test_an_unverified_sender_falls_back_to_sms_where_the_party_has_a_number(harness):
    creds = _new_organisation(harness, sms_from="Gouda")
    _withdraw_from_moto("gouda.example")

    harness.request("POST", "/v1/events", creds, event_body(subscriber=BY_EMAIL_OR_SMS))
    harness.run_worker_until_empty()

    n = _notification(harness, creds)
    assert (n["state"], n["channel"], n["fallback"], n["last_error"]) == ("sent", "sms", True, "sender-not-verified")
    assert [m["from"] for m in harness.standin.messages] == ["Gouda"]


def test_putting_the_settings_again_restores_a_missing_sender_identity(harness):
    creds = _new_organisation(harness)
    _withdraw_from_moto("gouda.example")
    assert harness.request("GET", "/v1/organisation/sender", creds).json_body["status"] == "failed"

    saved = harness.request("PUT", "/v1/organisation", creds, {"name": "Gouda", "email_from": "noreply@gouda.example"})

    assert saved.json_body["sender"]["status"] == "verified"
    assert harness.request("GET", "/v1/organisation/sender", creds).json_body["status"] == "verified"


def test_a_test_client_reads_the_settings_but_cannot_change_them(harness):
    creds = harness.create_organisation("gouda", sms_from="Gouda")
    issued = harness.client.http.post("/v1/admin/organisations/gouda/clients", headers=ADMIN, body='{"mode": "test"}')
    assert issued.status_code == 201, issued.body
    test_client = issued.json_body

    read = harness.request("GET", "/v1/organisation", test_client)
    changed = harness.request("PUT", "/v1/organisation", test_client, {**SETTINGS, "name": "Test"})

    assert read.status_code == 200 and read.json_body["id"] == "gouda"
    assert changed.status_code == 403
    assert harness.request("GET", "/v1/organisation", creds).json_body["name"] == "GOUDA"
    assert harness.request("GET", "/v1/organisation/sender", test_client).json_body["domain"] == "gouda.example"
