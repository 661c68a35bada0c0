"""The preference rules and the form's plumbing, without I/O."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from chalicelib.domain import clock
from chalicelib.domain.errors import InvalidFields
from chalicelib.domain.models import Subscriber
from chalicelib.services import preferences
from chalicelib.web import forms
from chalicelib.web.problems import PayloadTooLarge, UnsupportedMediaType, problem_for

SMS = Subscriber(channel="sms", phone="+31612345678", email="jan@example.nl", language="nl")
FORM = {"content-type": "application/x-www-form-urlencoded"}


def _request(body: bytes, headers=FORM):
    return SimpleNamespace(raw_body=body, headers=headers)


def test_an_empty_number_keeps_the_stored_one_and_other_contact_data_is_dropped():
    result = preferences.validated({"channel": "sms", "phone": ""}, SMS)

    assert result == Subscriber(channel="sms", phone="+31612345678", email=None, language="nl")


def test_website_only_keeps_no_contact_data():
    assert preferences.validated({"channel": "portal"}, SMS) == Subscriber(channel="portal", language="nl")


def test_each_invalid_field_gets_its_own_code():
    with pytest.raises(InvalidFields) as raised:
        preferences.validated({"channel": "email", "email": "nope", "language": "xx"}, None)

    assert raised.value.codes == {"language": "language.invalid", "email": "email.invalid"}
    assert problem_for(raised.value).status == 400


@pytest.mark.parametrize(
    "fields, code",
    [
        ({}, "channel.missing"),
        ({"channel": "fax"}, "channel.missing"),
    ],
)
def test_a_channel_must_be_chosen(fields, code):
    with pytest.raises(InvalidFields) as raised:
        preferences.validated(fields, SMS)
    assert raised.value.codes == {"channel": code}


def test_sms_needs_a_mobile_number():
    for phone, code in (("", "phone.missing"), ("020 123 4567", "phone.invalid")):
        with pytest.raises(InvalidFields) as raised:
            preferences.validated({"channel": "sms", "phone": phone}, None)
        assert raised.value.codes == {"phone": code}


def test_the_form_parser_reads_known_fields_first_value_wins():
    fields = forms.parse_form(_request(b"channel=email&channel=sms&email=a%40b.nl&evil=1&phone="))

    assert fields == {"channel": "email", "email": "a@b.nl", "phone": ""}


def test_the_form_parser_refuses_other_types_and_large_bodies():
    with pytest.raises(UnsupportedMediaType):
        forms.parse_form(_request(b"{}", {"content-type": "application/json"}))
    with pytest.raises(PayloadTooLarge):
        forms.parse_form(_request(b"a=" + b"x" * 5000))


def test_a_form_token_is_bound_to_its_tracking_token_and_expires(monkeypatch):
    start = dt.datetime(2026, 11, 28, 12, tzinfo=dt.UTC)
    monkeypatch.setattr(clock, "now", lambda: start)
    value = forms.form_token("key", "hvc.AAAAAAAAAAAAAAAAAAAAAA")

    assert forms.form_token_valid("key", "hvc.AAAAAAAAAAAAAAAAAAAAAA", value)
    assert not forms.form_token_valid("key", "hvc.BBBBBBBBBBBBBBBBBBBBBB", value)
    assert not forms.form_token_valid("other-key", "hvc.AAAAAAAAAAAAAAAAAAAAAA", value)
    assert not forms.form_token_valid("key", "hvc.AAAAAAAAAAAAAAAAAAAAAA", None)

    monkeypatch.setattr(clock, "now", lambda: start + dt.timedelta(hours=25))
    assert not forms.form_token_valid("key", "hvc.AAAAAAAAAAAAAAAAAAAAAA", value)


def test_only_cross_site_and_same_site_posts_count_as_forged():
    assert forms.cross_site({"sec-fetch-site": "cross-site"})
    assert forms.cross_site({"sec-fetch-site": "same-site"})
    assert not forms.cross_site({"sec-fetch-site": "same-origin"})
    assert not forms.cross_site({})
