"""Text filling, tracking tokens, masking in views and in logs."""

from __future__ import annotations

import datetime as dt
import logging
import re

import pytest

from chalicelib.domain import links, masking, rendering
from chalicelib.domain.models import Subscriber
from chalicelib.domain.views import masked
from chalicelib.web.logs import configure_logging

VALUES = {
    "case.id": "HVC-1",
    "case.description": "container",
    "case.expected_end_date": "12 december 2026",
    "status.explanation": "",
    "organisation.name": "HVC",
    "tracking_url": "https://x/track/hvc.t",
}
LEFTOVER = re.compile(r"\(\([^()]*\)\)")


@pytest.mark.parametrize(
    "template",
    [
        "Zaak ((case.id)) over ((case.description)) bij ((organisation.name)).",
        "Reden: ((status.explanation))",
        "(( case.id )) en ((  tracking_url  ))",
        "((onbekend)) blijft niet staan",
        "((case.id))((case.id))",
        "",
    ],
)
def test_fill_leaves_no_placeholders(template):
    assert not LEFTOVER.search(rendering.fill(template, VALUES))


def test_fill_substitutes_values_and_reads_missing_ones_as_empty():
    assert rendering.fill("Zaak ((case.id)): ((status.explanation)).", VALUES) == "Zaak HVC-1: ."
    assert rendering.fill("((case.id))", {}) == ""


def test_fill_does_not_expand_placeholders_inside_values():
    assert rendering.fill("((case.description))", {"case.description": "((case.id))", "case.id": "X"}) == "((case.id))"


def test_unknown_placeholders_lists_only_the_unknown_names():
    assert rendering.unknown_placeholders("((case.id)) ((zaak.nummer)) (( foo ))") == ["zaak.nummer", "foo"]


def test_tracking_token_carries_128_bits_as_22_base64url_characters():
    token = links.derive("key", "hvc", "HVC-1")
    org, dot, secret = token.partition(".")
    assert (org, dot) == ("hvc", ".")
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", secret)
    # 22 base64url characters = 132 bits of which 128 are carried: 16 bytes
    import base64

    assert len(base64.urlsafe_b64decode(secret + "==")) == 16


def test_tracking_token_depends_on_key_org_case_and_generation():
    base = links.derive("key", "hvc", "HVC-1")
    assert base == links.derive("key", "hvc", "HVC-1")
    others = {
        links.derive("other-key", "hvc", "HVC-1"),
        links.derive("key", "hvd", "HVC-1"),
        links.derive("key", "hvc", "HVC-2"),
        links.derive("key", "hvc", "HVC-1", generation=1),
    }
    assert base not in others and len(others) == 4


def test_split_of_a_valid_token_gives_org_and_its_hash():
    token = links.derive("key", "hvc", "HVC-1")
    assert links.split(token) == ("hvc", links.lookup_hash(token))
    assert re.fullmatch(r"[0-9a-f]{64}", links.lookup_hash(token))


@pytest.mark.parametrize(
    "token",
    [
        "",
        "hvc",
        "hvc.",
        ".AAAAAAAAAAAAAAAAAAAAAA",
        "hvcAAAAAAAAAAAAAAAAAAAAAA",
        "hvc.AAAAAAAAAAAAAAAAAAAAA",  # 21
        "hvc.AAAAAAAAAAAAAAAAAAAAAAA",  # 23
        "a" * 41 + ".AAAAAAAAAAAAAAAAAAAAAA",
    ],
)
def test_split_rejects_malformed_tokens(token):
    assert links.split(token) is None


def test_mask_phone_keeps_only_prefix_and_last_two_digits():
    assert masking.mask_phone("+31612345678") == "+316******78"
    assert masking.mask_phone(None) is None and masking.mask_phone("") is None


def test_mask_email_keeps_first_letter_and_domain():
    assert masking.mask_email("jan.jansen@example.nl") == "j*********@example.nl"
    assert masking.mask_email("a@example.nl") == "a*@example.nl"
    assert masking.mask_email(None) is None


def test_masked_subscriber_has_no_full_contact_data():
    view = masked(Subscriber(channel="sms", phone="+31612345678", email="jan@example.nl", language="en"))
    assert view.json_body() == {"channel": "sms", "language": "en", "phone": "+316******78", "email": "j**@example.nl"}


@pytest.mark.parametrize(
    "text",
    [
        "sms naar +31612345678 mislukt",
        "sms naar 06 12345678 mislukt",
        "sms naar 06-12345678 mislukt",
        "sms naar 0031 6 1234 5678 mislukt",
        "sms naar (06) 12 34 56 78 mislukt",
        "bsn 123456782",
    ],
)
def test_log_mask_hides_phone_numbers_and_bsns(text):
    hidden = masking.mask_text(text)
    assert "<number>" in hidden
    assert not re.search(r"\d", hidden)


def test_log_mask_hides_email_addresses():
    assert masking.mask_text("mail voor jan.jansen+x@example.nl bounced") == "mail voor <email> bounced"


@pytest.mark.parametrize(
    "text",
    [
        "on 2026-11-28",
        "at 2026-11-28T10:00:00+01:00",
        "at 2026-11-28T09:00:00Z",
        "date 20261128",
        "notification 6f0b8f52-5d0e-4d55-9a53-7a1d1b7c2f10",
        "event 1234567890abcdef1234567890abcdef",
    ],
)
def test_log_mask_leaves_iso_dates_and_ids_readable(text):
    assert masking.mask_text(text) == text


def test_log_mask_leaves_a_datetime_formatted_by_python_readable():
    text = f"received at {dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)}"
    assert masking.mask_text(text) == text


def test_log_records_are_masked_when_made(monkeypatch, caplog):
    monkeypatch.setattr(logging, "_logRecordFactory", logging.getLogRecordFactory())
    configure_logging()
    with caplog.at_level(logging.INFO, logger="chalicelib.test"):
        logging.getLogger("chalicelib.test").info("sent to %s and %s", "+31612345678", "jan@example.nl")
    assert caplog.records[-1].getMessage() == "sent to <number> and <email>"


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/track/hvc.SECRETTOKEN?lang=en", "/track/…"),
        ("/v1/track/hvc.SECRETTOKEN/preferences", "/v1/track/…/preferences"),
        ("/console/login/SECRETTOKEN", "/console/login/…"),
        ("/mijn-zaken/login/SECRETTOKEN", "/mijn-zaken/login/…"),
        ("/console/cases?case_id=HVC-1", "/console/cases"),
    ],
)
def test_the_local_servers_request_log_never_shows_a_token_of_a_link(path, logged, caplog):
    from local.api import _Handler

    handler = _Handler.__new__(_Handler)  # only its logging is used: no socket behind it
    handler.command, handler.path = "GET", path
    with caplog.at_level(logging.INFO, logger="local.api"):
        handler.log_request(200)
    assert [r.getMessage() for r in caplog.records] == [f"GET {logged} 200"]
    assert "SECRETTOKEN" not in caplog.text
