"""Receipts: Twilio status callbacks (signed by the stand-in as Twilio signs) and SES events via SNS."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode, urlsplit

from local.twilio_standin import twilio_signature
from tests.builders import event_body
from tests.mail import sent_mails

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
BOTH = {"channel": "sms", "phone": "06 12345678", "email": "jan@example.nl", "language": "nl"}


def post_callback(
    harness, callback: dict[str, Any], signature: str | None = "same", form: dict | None = None, url: str | None = None
):
    parts = urlsplit(url or callback["url"])
    headers = dict(FORM)
    if signature == "same":
        signature = callback["signature"]
    if signature is not None:
        headers["X-Twilio-Signature"] = signature
    body = urlencode(form if form is not None else callback["form"])
    return harness.client.http.post(f"{parts.path}?{parts.query}", headers=headers, body=body)


def notification(harness, creds) -> dict[str, Any]:
    [n] = harness.request("GET", "/v1/cases/HVC-2026-000123", creds).json_body["notifications"]
    return n


def sent_sms(harness, creds, **extra) -> list[dict[str, Any]]:
    assert harness.request("POST", "/v1/events", creds, event_body(event_id="e-1", **extra)).status_code == 202
    harness.run_worker()
    return harness.standin.callbacks


def test_status_callback_url_carries_keys_only_and_the_exact_public_url(harness, hvc):
    sent, delivered = sent_sms(harness, hvc)
    assert sent["url"].startswith("https://zaakstatus.test/v1/webhooks/twilio/status?o=hvc&c=HVC-2026-000123&e=")
    assert "612345678" not in sent["url"]
    assert (sent["form"]["MessageStatus"], delivered["form"]["MessageStatus"]) == ("sent", "delivered")


def test_signed_callbacks_move_the_notification_to_delivered(harness, hvc):
    sent, delivered = sent_sms(harness, hvc)

    assert post_callback(harness, sent).status_code == 204
    assert notification(harness, hvc)["state"] == "sent"
    assert post_callback(harness, delivered).status_code == 204
    assert notification(harness, hvc)["state"] == "delivered"
    assert post_callback(harness, sent).status_code == 204  # late and out of order: no step back
    assert notification(harness, hvc)["state"] == "delivered"


def test_unsigned_callback_is_refused_with_403_and_changes_nothing(harness, hvc):
    _, delivered = sent_sms(harness, hvc)
    response = post_callback(harness, delivered, signature=None)
    assert response.status_code == 403
    assert response.headers["Content-Type"] == "application/problem+json"
    assert notification(harness, hvc)["state"] == "sent"


def test_forged_callbacks_are_refused_with_403(harness, hvc):
    _, delivered = sent_sms(harness, hvc)
    wrong_token = twilio_signature("not-the-auth-token", delivered["url"], delivered["form"])
    tampered = {**delivered["form"], "MessageStatus": "undelivered", "ErrorCode": "30003"}
    other_event = delivered["url"][:-4] + "0000"

    assert post_callback(harness, delivered, signature=wrong_token).status_code == 403
    assert post_callback(harness, delivered, form=tampered).status_code == 403
    assert post_callback(harness, delivered, url=other_event).status_code == 403
    assert post_callback(harness, delivered, signature="garbage").status_code == 403
    assert notification(harness, hvc)["state"] == "sent"


def test_undelivered_sms_falls_back_to_email(harness, hvc):
    harness.standin.fail_next("undelivered")
    _, undelivered = sent_sms(harness, hvc, subscriber=BOTH)
    assert undelivered["form"]["MessageStatus"] == "undelivered"

    assert post_callback(harness, undelivered).status_code == 204
    harness.run_worker()

    n = notification(harness, hvc)
    assert (n["state"], n["channel"], n["fallback"], n["last_error"]) == ("sent", "email", True, "twilio-30003")
    [(_, mail)] = sent_mails()
    assert mail["To"] == "jan@example.nl"


def test_undelivered_sms_without_an_email_address_ends_on_the_website_only(harness, hvc):
    harness.standin.fail_next("undelivered")
    _, undelivered = sent_sms(harness, hvc)
    post_callback(harness, undelivered)

    n = notification(harness, hvc)
    assert (n["state"], n["last_error"], n["last_error_class"], n["final"]) == (
        "permanent-failure",
        "twilio-30003",
        "permanent",
        True,
    )
    assert "website only" in n["note"]


def ses_event(kind: str, mail_id: str, ref: str, **detail: Any) -> dict[str, Any]:
    body = {"eventType": kind, "mail": {"messageId": mail_id, "headers": [{"name": "X-Zaakstatus-Ref", "value": ref}]}}
    body.update(detail)
    return body


def sent_email(harness, creds) -> tuple[str, str]:
    subscriber = {"channel": "email", "email": "jan@example.nl", "phone": None, "language": "nl"}
    harness.request("POST", "/v1/events", creds, event_body(event_id="e-1", subscriber=subscriber))
    harness.run_worker()
    [(mail_id, mail)] = sent_mails()
    return mail_id, mail["X-Zaakstatus-Ref"]


def invoke_ses(harness, body: dict[str, Any]) -> None:
    harness.client.lambda_.invoke("ses_events", harness.client.events.generate_sns_event(message=json.dumps(body)))


def test_ses_delivery_event_marks_the_email_delivered(harness, hvc):
    mail_id, ref = sent_email(harness, hvc)
    assert "jan" not in ref and ref.startswith("o=hvc&c=HVC-2026-000123&e=")
    invoke_ses(harness, ses_event("Delivery", mail_id, ref))
    assert notification(harness, hvc)["state"] == "delivered"


def test_ses_hard_bounce_fails_the_email_and_makes_the_address_unusable(harness, hvc):
    mail_id, ref = sent_email(harness, hvc)
    bounce = {"bounceType": "Permanent", "bouncedRecipients": [{"emailAddress": "jan@example.nl"}]}
    invoke_ses(harness, ses_event("Bounce", mail_id, ref, bounce=bounce))

    n = notification(harness, hvc)
    assert (n["state"], n["last_error"]) == ("permanent-failure", "ses-bounce")
    # The next status is not sent to that address at all.
    harness.request(
        "POST",
        "/v1/events",
        hvc,
        event_body(
            "afgehandeld",
            "2026-11-29T10:00:00+01:00",
            event_id="e-2",
            subscriber={"channel": "email", "email": "jan@example.nl"},
        ),
    )
    harness.run_worker()
    assert len(sent_mails()) == 1


def test_ses_complaint_makes_the_address_unusable(harness, hvc):
    mail_id, ref = sent_email(harness, hvc)
    complaint = {"complainedRecipients": [{"emailAddress": "jan@example.nl"}]}
    invoke_ses(harness, ses_event("Complaint", mail_id, ref, complaint=complaint))
    harness.request(
        "POST",
        "/v1/events",
        hvc,
        event_body(
            "afgehandeld",
            "2026-11-29T10:00:00+01:00",
            event_id="e-2",
            subscriber={"channel": "email", "email": "jan@example.nl"},
        ),
    )
    harness.run_worker()
    assert len(sent_mails()) == 1
