"""Sending one notification: claimed once, sent once, failures recorded, stale ones suppressed."""

from __future__ import annotations

import threading

import pytest

from chalicelib.adapters.config_cache import ConfigVersions
from chalicelib.domain import links
from chalicelib.domain.channels import PermanentError, RetryableError
from chalicelib.domain.events import identity_key
from chalicelib.domain.inbound import SubscriberIn
from chalicelib.domain.messages import NotificationRef, parse_job
from chalicelib.services import cases, delivery
from tests.builders import CASE_ID, accept, drain, event_in, notification_of, put_case_type

pytestmark = pytest.mark.usefixtures("org")


@pytest.fixture
def url(settings) -> str:
    return f"https://zaakstatus.test/track/{links.derive(settings.token_key, 'hvc', CASE_ID)}"


def queued_one(deps) -> NotificationRef:
    assert len(deps.queue.messages) == 1
    return parse_job(deps.queue.messages.pop())


def test_notification_is_sent_once_then_already_sent(deps, sms, url):
    data = event_in()
    answer = accept(deps, data)
    message = queued_one(deps)
    assert delivery.deliver(deps, message) == "sent"
    assert delivery.deliver(deps, message) == "already-sent"
    assert len(sms.sent) == 1
    sent = sms.sent[0]
    assert sent.to == "+31612345678" and sent.sender == "HVC"
    assert sent.reference == answer["notification"]["id"]
    n = notification_of(deps, identity_key(data))
    assert (n.state, n.attempts, n.provider_id, n.channel) == ("sent", 1, "sms-provider-1", "sms")


def test_sms_body_is_the_text_then_a_newline_and_the_tracking_url(deps, sms, url):
    accept(deps, event_in())
    drain(deps)
    assert sms.sent[0].body == "Uw klacht over container niet geleegd is in behandeling genomen.\n" + url


def test_sms_text_with_its_own_tracking_url_placeholder_gets_no_second_url(deps, sms, url):
    put_case_type(
        deps,
        "hvc",
        "klacht",
        statuses=[
            {"code": "a", "name": "A", "notify": True, "text": {"nl": "Zie ((tracking_url)) voor uw zaak."}},
        ],
    )
    accept(deps, event_in("a"))
    drain(deps)
    assert sms.sent[0].body == f"Zie {url} voor uw zaak."


def test_spaced_tracking_url_placeholder_does_not_repeat_the_url_in_the_sms(deps, sms, url):
    put_case_type(
        deps,
        "hvc",
        "klacht",
        statuses=[
            {"code": "a", "name": "A", "notify": True, "text": {"nl": "Zie (( tracking_url )) voor uw zaak."}},
        ],
    )
    accept(deps, event_in("a"))
    drain(deps)
    assert sms.sent[0].body == f"Zie {url} voor uw zaak."


def test_placeholders_are_filled_from_case_event_and_organisation(deps, sms):
    put_case_type(
        deps,
        "hvc",
        "klacht",
        statuses=[
            {
                "code": "a",
                "name": "A",
                "notify": True,
                "text": {
                    "nl": "((organisation.name)) ((case.id)): ((status.explanation)), "
                    "uiterlijk ((case.expected_end_date)).",
                },
            },
        ],
    )
    accept(deps, event_in("a", explanation="ontbrekende foto"))
    drain(deps)
    assert sms.sent[0].body.startswith("HVC HVC-2026-000123: ontbrekende foto, uiterlijk 12 december 2026.\n")
    assert "((" not in sms.sent[0].body


def test_retryable_error_defers_and_a_later_delivery_sends(deps, sms):
    data = event_in()
    accept(deps, data)
    message = queued_one(deps)
    sms.errors.append(RetryableError("throttled", "429"))
    with pytest.raises(delivery.DeliveryDeferred):
        delivery.deliver(deps, message)
    n = notification_of(deps, identity_key(data))
    assert (n.state, n.error, n.attempts) == ("temporary-failure", "throttled", 1)
    assert sms.sent == []
    assert delivery.deliver(deps, message) == "sent"
    n = notification_of(deps, identity_key(data))
    assert (n.state, n.attempts) == ("sent", 2)
    assert len(sms.sent) == 1


def test_permanent_error_is_recorded_and_never_retried(deps, sms):
    data = event_in()
    accept(deps, data)
    message = queued_one(deps)
    sms.errors.append(PermanentError("invalid-number"))
    assert delivery.deliver(deps, message) == "permanent-failure"
    assert delivery.deliver(deps, message) == "already-permanent-failure"
    accept(deps, data)  # a replay of the event does not revive it either
    assert deps.queue.messages == []
    assert sms.attempts == 1 and sms.sent == []
    n = notification_of(deps, identity_key(data))
    assert (n.state, n.error, n.attempts) == ("permanent-failure", "invalid-number", 1)


def test_notification_overtaken_by_a_newer_public_status_is_suppressed(deps, sms):
    first = event_in("in_behandeling", "2026-11-28T10:00:00+01:00")
    accept(deps, first)
    accept(deps, event_in("opgeschort", "2026-11-28T11:00:00+01:00", explanation="wacht op foto"))
    assert drain(deps) == ["suppressed", "sent"]
    assert [m.body.split("\n")[0] for m in sms.sent] == ["Uw klacht is opgeschort. Reden: wacht op foto"]
    n = notification_of(deps, identity_key(first))
    assert (n.state, n.error) == ("suppressed", "stale")


def test_newer_internal_status_does_not_make_a_notification_stale(deps, sms):
    accept(deps, event_in("in_behandeling", "2026-11-28T10:00:00+01:00"))
    accept(deps, event_in("toegewezen", "2026-11-28T11:00:00+01:00"))
    assert drain(deps) == ["sent"]
    assert len(sms.sent) == 1


def test_subscriber_changed_between_ingest_and_delivery_is_used(deps, sms, email):
    data = event_in()
    accept(deps, data)
    cases.set_subscriber(deps, "hvc", CASE_ID, SubscriberIn(channel="email", email="jan@example.nl", language="en"))
    assert drain(deps) == ["sent"]
    assert sms.sent == [] and len(email.sent) == 1
    assert email.sent[0].to == "jan@example.nl" and email.sent[0].sender == "noreply@hvc.example"
    assert email.sent[0].subject == "HVC: Waste collection complaint"
    assert email.sent[0].body.startswith("Your complaint about container niet geleegd is being handled.")
    assert notification_of(deps, identity_key(data)).channel == "email"


def test_new_phone_number_registered_before_delivery_is_used(deps, sms):
    accept(deps, event_in())
    cases.set_subscriber(deps, "hvc", CASE_ID, SubscriberIn(channel="sms", phone="06 87654321"))
    drain(deps)
    assert [m.to for m in sms.sent] == ["+31687654321"]


def test_subscriber_switched_to_portal_before_delivery_gets_nothing(deps, sms, email):
    data = event_in()
    accept(deps, data)
    cases.set_subscriber(deps, "hvc", CASE_ID, SubscriberIn(channel="portal"))
    assert drain(deps) == ["suppressed"]
    assert sms.sent == [] and email.sent == []
    n = notification_of(deps, identity_key(data))
    assert (n.state, n.error, n.channel) == ("suppressed", "no-channel", "portal")


def test_text_missing_in_the_subscribers_language_falls_back_to_dutch(deps, sms):
    accept(
        deps,
        event_in(
            "opgeschort", explanation="wacht", subscriber={"channel": "sms", "phone": "0612345678", "language": "en"}
        ),
    )
    drain(deps)
    assert sms.sent[0].body.startswith("Uw klacht is opgeschort. Reden: wacht\n")


def test_text_in_the_subscribers_language_is_used_when_present(deps, sms):
    accept(deps, event_in(subscriber={"channel": "sms", "phone": "0612345678", "language": "en"}))
    drain(deps)
    assert sms.sent[0].body.startswith("Your complaint about container niet geleegd is being handled.\n")


def test_email_html_escapes_what_the_case_system_sent(deps, email, url):
    accept(
        deps,
        event_in(
            case={"id": CASE_ID, "case_type": "klacht", "description": "<script>x</script>"},
            subscriber={"channel": "email", "email": "jan@example.nl"},
        ),
    )
    drain(deps)
    sent = email.sent[0]
    assert "<script>" not in sent.html and "&lt;script&gt;" in sent.html
    assert "<script>x</script>" in sent.body and url in sent.body and url in sent.html


def test_two_workers_with_the_same_message_send_once(deps, sms):
    accept(deps, event_in())
    message = queued_one(deps)
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def work():
        barrier.wait()
        outcomes.append(delivery.deliver(deps, message))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("sent") == 1 and len(sms.sent) == 1


def test_message_for_an_unknown_event_is_ignored(deps, sms):
    assert delivery.deliver(deps, NotificationRef("hvc", "nope", "0" * 32)) == "unknown"
    accept(deps, event_in("ontvangen"))  # an event without a notification
    key = identity_key(event_in("ontvangen"))
    assert delivery.deliver(deps, NotificationRef("hvc", CASE_ID, key)) == "unknown"
    assert sms.attempts == 0


def test_missing_case_type_is_a_technical_failure(deps, table, sms):
    data = event_in()
    accept(deps, data)
    del table.items[("ORG#hvc", "CASETYPE#klacht")]
    ConfigVersions(table).bump("hvc")  # as every change of configuration through the stores does
    assert drain(deps) == ["technical-failure"]
    n = notification_of(deps, identity_key(data))
    assert (n.state, n.error) == ("technical-failure", "configuration-missing")
    assert sms.attempts == 0


def test_unexpected_channel_error_does_not_leave_the_notification_stuck_in_sending(deps, sms):
    data = event_in()
    accept(deps, data)
    message = queued_one(deps)
    sms.errors.append(RuntimeError("unexpected"))

    first = delivery.deliver(deps, message)
    again = delivery.deliver(deps, message)

    # Unclassified errors are not retried blindly: the provider may have taken the message.
    notification = notification_of(deps, identity_key(data))
    assert first == "technical-failure"
    assert again == "already-technical-failure"
    assert (notification.state, notification.error) == ("technical-failure", "RuntimeError")
    assert sms.sent == []
