"""A channel added in one module (`whatsapp.py`) and one registration is chosen, validated,
delivered, held at night, fallen back from and offered on the citizen's page like SMS and e-mail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import ValidationError

from chalicelib.domain import clock
from chalicelib.domain.channels import CHANNELS, PermanentError
from chalicelib.domain.dates import AMSTERDAM
from chalicelib.domain.events import identity_key
from chalicelib.domain.inbound import SubscriberIn
from chalicelib.services import preferences, tracking
from chalicelib.services.deps import Deps
from chalicelib.web.pages.status import status_page
from tests.builders import CASE_ID, FakeSender, accept, drain, drain_all, event_in, memory_deps, notification_of
from tests.unit.third_channel.whatsapp import WHATSAPP, WhatsAppSender

PHONE = {"channel": "whatsapp", "phone": "06 12345678", "email": "jan@example.nl", "language": "nl"}


@pytest.fixture
def whatsapp() -> WhatsAppSender:
    return WhatsAppSender()


@pytest.fixture
def deps(sms: FakeSender, email: FakeSender, whatsapp: WhatsAppSender) -> Iterator[Deps]:
    CHANNELS.register(WHATSAPP)  # the one registration
    yield memory_deps(sms=sms, email=email, whatsapp=whatsapp)  # its sender, wired like the others
    CHANNELS.unregister(WHATSAPP.name)


pytestmark = pytest.mark.usefixtures("org")


def test_a_subscriber_may_choose_the_new_channel_and_needs_its_contact_field():
    assert SubscriberIn.model_validate(PHONE).phone == "+31612345678"
    with pytest.raises(ValidationError, match="channel 'whatsapp' needs a mobile number"):
        SubscriberIn.model_validate({"channel": "whatsapp", "email": "jan@example.nl"})


def test_a_notification_is_delivered_through_the_new_channel_once(deps, whatsapp, sms, email):
    data = event_in(subscriber=PHONE)
    answer = accept(deps, data)
    assert answer["notification"]["channel"] == "whatsapp"

    assert drain(deps) == ["sent"]
    assert drain(deps) == []
    [message] = whatsapp.sent
    assert message.to == "+31612345678" and message.sender == "HVC"
    assert "Uw klacht over container niet geleegd is in behandeling genomen." in message.body
    assert answer["tracking_url"] in message.body
    assert sms.sent == [] and email.sent == []
    n = notification_of(deps, identity_key(data))
    assert (n.state, n.channel, n.provider_id) == ("sent", "whatsapp", "wamid.1")


def test_the_new_channel_is_held_in_the_quiet_hours_as_its_description_says(deps, whatsapp, monkeypatch):
    import dataclasses

    night = dt.datetime(2026, 11, 28, 23, 30, tzinfo=AMSTERDAM)
    monkeypatch.setattr(clock, "now", lambda: night.astimezone(dt.UTC))
    deps = dataclasses.replace(deps, settings=dataclasses.replace(deps.settings, quiet_hours="22:00-08:00"))
    accept(deps, event_in(subscriber=PHONE))
    assert drain(deps) == ["held"]
    assert whatsapp.sent == []


def test_a_permanent_failure_falls_back_to_the_channel_its_description_names(deps, whatsapp, email):
    whatsapp.errors.append(PermanentError("not-on-whatsapp"))
    data = event_in(subscriber=PHONE)
    accept(deps, data)

    assert drain_all(deps) == ["fallback", "sent"]
    assert whatsapp.sent == [] and len(email.sent) == 1
    n = notification_of(deps, identity_key(data))
    assert (n.state, n.channel, n.fallback, n.error) == ("sent", "email", True, "not-on-whatsapp")


def test_the_citizen_can_choose_it_and_the_page_offers_it_in_their_language(deps):
    url = accept(deps, event_in(subscriber={"channel": "sms", "phone": "0612345678"}))["tracking_url"]
    token = url.rsplit("/", 1)[1]

    chosen = preferences.change(deps, token, {"channel": "whatsapp"})
    assert (chosen.channel, chosen.phone) == ("whatsapp", "+316******78")  # the stored number is kept
    view: Any = tracking.view(deps, token).json_body()
    page = status_page(view, token, "form-token")
    assert 'value="whatsapp" checked' in page and "Via WhatsApp" in page
    assert "U krijgt nu berichten via WhatsApp op +316******78." in page
    english = status_page(tracking.view(deps, token, "en").json_body(), token, "form-token")
    assert "By WhatsApp" in english
    assert deps.cases.load_case("hvc", CASE_ID).subscriber.channel == "whatsapp"
