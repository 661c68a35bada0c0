"""Caps, unusable addresses, the SMS fragment budget and quiet hours."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from chalicelib.domain import clock, quiet_hours
from chalicelib.domain.channels import sms as sms_rules
from chalicelib.domain.dates import AMSTERDAM
from chalicelib.domain.events import identity_key
from chalicelib.domain.inbound import OrganisationIn
from chalicelib.domain.privacy import address_hash
from chalicelib.services import organisations
from chalicelib.services.quiet_hours import release
from tests.builders import accept, drain, drain_all, event_in, notification_of, put_case_type

pytestmark = pytest.mark.usefixtures("org")
URL = "https://zaakstatus.test/track/hvc.abcdefghijklmnopqrstuv"


def at(hour: int, minute: int = 0) -> dt.datetime:
    """A moment on 28 November 2026 in Amsterdam (UTC+1 then)."""
    return dt.datetime(2026, 11, 28, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def frozen(monkeypatch):
    now = [at(12)]
    monkeypatch.setattr(clock, "now", lambda: now[0].astimezone(dt.UTC))
    return now


def case(n: int) -> dict:
    return {"id": f"HVC-{n}", "case_type": "klacht", "description": "container niet geleegd"}


def test_the_eleventh_message_of_a_day_to_one_number_is_not_sent(deps, sms):
    for n in range(11):
        accept(deps, event_in(case=case(n)))
    outcomes = drain(deps)

    assert outcomes == ["sent"] * 10 + ["suppressed"]
    assert len(sms.sent) == 10
    last = deps.cases.load_case("hvc", "HVC-10").events[0].notification
    assert (last.state, last.error, last.error_class) == ("suppressed", "daily-cap", "limit")


def test_the_daily_cap_is_configurable_and_keyed_by_an_hmac_of_the_number(deps, table, sms):
    deps = dataclasses.replace(deps, settings=dataclasses.replace(deps.settings, daily_cap=2))
    for n in range(3):
        accept(deps, event_in(case=case(n)))

    assert drain(deps) == ["sent", "sent", "suppressed"]
    cap_keys = [pk for pk, _ in table.items if "#CAP#" in pk]
    assert cap_keys and all("612345678" not in pk for pk in cap_keys)


def test_an_address_that_bounced_hard_is_not_used_and_the_other_channel_is(deps, sms, email):
    deps.ledger.suppress_address("hvc", address_hash(deps.settings.token_key, "jan@example.nl"), "bounce")
    data = event_in(subscriber={"channel": "email", "phone": "0612345678", "email": "jan@example.nl"})
    accept(deps, data)

    assert drain_all(deps) == ["fallback", "sent"]  # the SMS is a new queue message
    assert email.attempts == 0 and len(sms.sent) == 1
    n = notification_of(deps, identity_key(data))
    assert (n.channel, n.fallback, n.error) == ("sms", True, "address-unusable")


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("€" * 80, 1),
        ("€" * 81, 2),
        ("ë" * 70, 1),
        ("ë" * 71, 2),
        ("ë" * 134, 2),
        ("ë" * 135, 3),
    ],
)
def test_fragments_follow_gsm7_160_153_and_ucs2_70_67(text, fragments):
    assert sms_rules.fragments(text) == fragments


def test_long_sms_is_shortened_to_the_budget_and_keeps_the_link():
    body = sms_rules.fit_sms("Uw aanvraag is ontvangen. " * 40, URL, budget=2)
    assert body.endswith("...\n" + URL) and sms_rules.fragments(body) == 2


def test_long_ucs2_sms_is_shortened_with_a_unicode_ellipsis():
    body = sms_rules.fit_sms("Uw aanvraag 👍 is ontvangen. " * 20, URL, budget=3)
    assert body.endswith("…\n" + URL) and sms_rules.fragments(body) <= 3


def test_sms_is_never_longer_than_918_characters_and_a_short_one_is_untouched():
    assert len(sms_rules.fit_sms("x" * 5000, URL, budget=6)) <= 918
    assert sms_rules.fit_sms("Kort.", URL, budget=1) == "Kort.\n" + URL
    assert sms_rules.fit_sms(f"Zie {URL} nu.", URL, budget=1) == f"Zie {URL} nu."


def test_organisation_fragment_budget_shortens_what_is_sent(deps, sms):
    organisations.create(deps, OrganisationIn(id="kort", name="Kort", sms_fragments=1))
    put_case_type(deps, "kort", "klacht")
    accept(deps, event_in(explanation="x" * 400, status="opgeschort"), org_id="kort")
    drain(deps)
    [sent] = sms.sent
    assert sms_rules.fragments(sent.body) == 1 and sent.body.split("\n")[-1].startswith(
        "https://zaakstatus.test/track/"
    )


@pytest.fixture
def quiet(deps):
    """The service with quiet hours from 22:00 to 08:00, on the same stores."""
    return dataclasses.replace(deps, settings=dataclasses.replace(deps.settings, quiet_hours="22:00-08:00"))


def test_sms_at_night_waits_for_the_morning_release(quiet, sms, frozen):
    deps = quiet
    frozen[0] = at(23, 30)
    data = event_in()
    accept(deps, data)

    assert drain(deps) == ["held"]
    assert sms.sent == [] and notification_of(deps, identity_key(data)).state == "created"
    frozen[0] = dt.datetime(2026, 11, 29, 7, 59, tzinfo=AMSTERDAM)
    assert release(deps, clock.now()) == 0
    frozen[0] = dt.datetime(2026, 11, 29, 8, 0, tzinfo=AMSTERDAM)
    assert release(deps, clock.now()) == 1
    assert release(deps, clock.now()) == 0  # released once

    assert drain(deps) == ["sent"]
    assert len(sms.sent) == 1


def test_quiet_hours_do_not_hold_email_or_an_organisation_that_turned_them_off(quiet, sms, email, frozen):
    deps = quiet
    frozen[0] = at(3)
    organisations.create(deps, OrganisationIn(id="dcmr", name="DCMR", quiet_hours=False))
    put_case_type(deps, "dcmr", "klacht")
    accept(deps, event_in(), org_id="dcmr")
    accept(deps, event_in(case=case(2), subscriber={"channel": "email", "email": "jan@example.nl"}))

    assert drain(deps) == ["sent", "sent"]
    assert len(sms.sent) == 1 and len(email.sent) == 1


def test_quiet_hours_window_parses_and_can_be_off():
    assert quiet_hours.window("22:00-08:00") == (dt.time(22), dt.time(8))
    assert quiet_hours.window("off") is None


def test_only_a_channel_whose_addresses_can_be_suppressed_reads_the_suppression_list(deps, sms, email, monkeypatch):
    checked: list[str] = []
    suppressed = deps.ledger.address_suppressed
    monkeypatch.setattr(deps.ledger, "address_suppressed", lambda org, h: checked.append(h) or suppressed(org, h))
    accept(deps, event_in(case=case(1)))  # SMS: nothing ever suppresses a number
    assert drain(deps) == ["sent"] and checked == []
    accept(deps, event_in(case=case(2), subscriber={"channel": "email", "phone": None, "email": "jan@example.nl"}))
    assert drain(deps) == ["sent"] and len(email.sent) == 1
    assert checked == [address_hash(deps.settings.token_key, "jan@example.nl")]
