"""Event in, queue handler invoked, message out, tracking view: the whole flow."""

from __future__ import annotations

from tests.builders import event_body
from tests.mail import parts, sent_mails


def test_notifying_event_sends_one_sms_with_the_status_text_and_tracking_link(harness, hvc):
    response = harness.request("POST", "/v1/events", hvc, event_body(event_id="e-1"))

    assert response.status_code == 202, response.body
    answer = response.json_body
    assert answer["current_status"] == "in_behandeling"
    assert answer["notification"]["state"] == "created"
    assert answer["notification"]["channel"] == "sms"
    harness.run_worker()
    [sms] = harness.standin.messages
    assert sms["to"] == "+31612345678"
    assert sms["from"] == "HVC"
    assert sms["body"] == (
        "Uw klacht over container niet geleegd is in behandeling genomen.\n" + answer["tracking_url"]
    )
    case = harness.request("GET", "/v1/cases/HVC-2026-000123", hvc).json_body
    [notification] = case["notifications"]
    assert notification["state"] == "sent"
    assert notification["attempts"] == 1


def test_replayed_event_sends_nothing_twice(harness, hvc):
    first = harness.request("POST", "/v1/events", hvc, event_body(event_id="e-1"))
    harness.run_worker()
    second = harness.request("POST", "/v1/events", hvc, event_body(event_id="e-1"))
    harness.run_worker()

    assert second.status_code == 202
    assert second.json_body["notification"]["id"] == first.json_body["notification"]["id"]
    assert len(harness.standin.messages) == 1


def test_redelivered_queue_message_sends_nothing_twice(harness, hvc):
    harness.request("POST", "/v1/events", hvc, event_body())
    messages = harness.queued()
    harness.run_worker(messages)
    harness.run_worker(messages)  # SQS delivers at least once

    assert len(harness.standin.messages) == 1


def test_older_event_is_kept_in_history_but_changes_nothing_and_sends_nothing(harness, hvc):
    harness.request(
        "POST", "/v1/events", hvc, event_body("opgeschort", "2026-11-29T10:00:00+01:00", explanation="wacht op foto")
    )
    harness.run_worker()
    late = harness.request("POST", "/v1/events", hvc, event_body("in_behandeling", "2026-11-28T10:00:00+01:00"))
    harness.run_worker()

    assert late.json_body["current_status"] == "opgeschort"
    assert late.json_body["notification"] is None
    assert [m["body"].split("\n")[0] for m in harness.standin.messages] == [
        "Uw klacht is opgeschort. Reden: wacht op foto"
    ]
    case = harness.request("GET", "/v1/cases/HVC-2026-000123", hvc).json_body
    assert [h["status"] for h in case["history"]] == ["in_behandeling", "opgeschort"]
    assert case["current_status"]["code"] == "opgeschort"


def test_a_status_overtaken_before_delivery_is_suppressed_not_sent(harness, hvc):
    harness.request("POST", "/v1/events", hvc, event_body("in_behandeling", "2026-11-28T10:00:00+01:00"))
    harness.request("POST", "/v1/events", hvc, event_body("afgehandeld", "2026-11-28T11:00:00+01:00"))
    harness.run_worker()

    assert [m["body"].split("\n")[0] for m in harness.standin.messages] == ["Uw klacht is afgehandeld."]
    states = [n["state"] for n in harness.request("GET", "/v1/cases/HVC-2026-000123", hvc).json_body["notifications"]]
    assert states == ["suppressed", "sent"]


def test_same_time_events_order_by_the_case_types_status_order(harness, hvc):
    at = "2026-11-28T10:00:00+01:00"
    harness.request("POST", "/v1/events", hvc, event_body("afgehandeld", at))
    answer = harness.request("POST", "/v1/events", hvc, event_body("in_behandeling", at)).json_body

    assert answer["current_status"] == "afgehandeld"
    assert answer["notification"] is None


def test_email_subscriber_gets_plain_text_and_escaped_html(harness, hvc):
    body = event_body(subscriber={"channel": "email", "email": "Jan@Example.nl", "language": "en"})
    body["case"]["description"] = "<script>alert(1)</script> bin"
    harness.request("POST", "/v1/events", hvc, body)
    harness.run_worker()

    [(_, mail)] = sent_mails()
    plain, html = parts(mail)
    assert mail["To"] == "Jan@example.nl"
    assert mail["From"] == "noreply@hvc.example"
    assert mail["Subject"] == "HVC: Waste collection complaint"
    assert "Your complaint about <script>alert(1)</script> bin is being handled." in plain
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; bin" in html


def test_portal_subscriber_gets_no_message_and_the_notification_says_suppressed(harness, hvc):
    answer = harness.request("POST", "/v1/events", hvc, event_body(subscriber={"channel": "portal"})).json_body
    harness.run_worker()

    assert answer["notification"]["state"] == "suppressed"
    assert harness.standin.messages == []


def test_tracking_view_shows_the_citizen_public_texts_in_their_language(harness, hvc):
    body = event_body(subscriber={"channel": "sms", "phone": "0612345678", "language": "en"})
    url = harness.request("POST", "/v1/events", hvc, body).json_body["tracking_url"]
    token = url.rsplit("/", 1)[1]

    response = harness.request("GET", f"/v1/track/{token}")

    assert response.status_code == 200
    view = response.json_body
    assert view["organisation"] == {"name": "HVC"}
    assert view["case"]["case_type"] == "Waste collection complaint"
    assert view["current_status"]["text"] == "Your complaint about container niet geleegd is being handled."
    assert view["closed"] is False
    assert view["expected_end_date"] == "2026-12-12"
    assert "+31612345678" not in response.body.decode()


def test_tracking_page_is_html_and_unknown_token_is_a_404_page(harness, hvc):
    url = harness.request("POST", "/v1/events", hvc, event_body()).json_body["tracking_url"]
    token = url.rsplit("/", 1)[1]

    page = harness.client.http.get(f"/track/{token}")
    unknown = harness.client.http.get("/track/hvc.AAAAAAAAAAAAAAAAAAAAAA")

    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert "in behandeling genomen" in page.body.decode()
    assert unknown.status_code == 404
    assert "niet (meer) geldig" in unknown.body.decode()


def test_put_subscriber_governs_the_next_notification(harness, hvc):
    harness.request("POST", "/v1/events", hvc, event_body())
    harness.run_worker()
    put = harness.request(
        "PUT",
        "/v1/cases/HVC-2026-000123/subscriber",
        hvc,
        {"channel": "sms", "phone": "+31 6 87654321", "language": "nl"},
    )
    assert put.status_code == 200
    assert put.json_body["phone"] == "+316******21"

    harness.request("POST", "/v1/events", hvc, event_body("afgehandeld", "2026-11-29T10:00:00+01:00", subscriber=None))
    harness.run_worker()

    assert [m["to"] for m in harness.standin.messages] == ["+31612345678", "+31687654321"]


def test_case_view_masks_contact_data(harness, hvc):
    harness.request("POST", "/v1/events", hvc, event_body())
    response = harness.request("GET", "/v1/cases/HVC-2026-000123", hvc)

    assert response.json_body["subscriber"] == {
        "channel": "sms",
        "language": "nl",
        "phone": "+316******78",
        "email": None,
    }
    assert "12345678" not in response.body.decode()
