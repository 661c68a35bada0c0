"""The console's sign-in rules on in-memory adapters: links, sessions and their time limits."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from chalicelib.domain import clock
from chalicelib.domain.channels import PermanentError
from chalicelib.domain.errors import InvalidFields, NotFound, Unauthorized
from chalicelib.domain.models import Organisation
from chalicelib.domain.staff import StaffIn
from chalicelib.services import console_auth
from tests.builders import FakeSender, memory_deps

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
ADDRESS = "beheer@hvc.example"


@pytest.fixture
def at(monkeypatch):
    moment = {"now": T0}
    monkeypatch.setattr(clock, "now", lambda: moment["now"])

    def move(**delta: float) -> None:
        moment["now"] = moment["now"] + dt.timedelta(**delta)

    return move


@pytest.fixture
def email():
    return FakeSender("email")


@pytest.fixture
def deps(email):
    deps = memory_deps(email=email)
    for org_id, name in (("hvc", "HVC"), ("dcmr", "DCMR")):
        deps.organisations.create_organisation(
            Organisation(id=org_id, name=name, email_from=f"noreply@{org_id}.example", sms_from=name, created_at=T0)
        )
    return deps


def _token(email: FakeSender, index: int = -1) -> str:
    return re.findall(r"/console/login/([A-Za-z0-9_-]+)", email.sent[index].body)[-1]


def test_the_link_goes_to_the_typed_address_from_the_default_sender(deps, email, at):
    console_auth.register(deps, "hvc", ADDRESS, StaffIn(role="agent"))
    console_auth.request_link(deps, " Beheer@HVC.example ")
    [message] = email.sent
    assert message.to == ADDRESS
    assert message.sender == deps.settings.default_email_from
    assert "HVC:" in message.body and "15 minuten" in message.body


def test_an_unknown_address_is_sent_nothing(deps, email, at):
    console_auth.request_link(deps, "onbekend@hvc.example")
    assert email.sent == []


def test_an_invalid_address_is_refused(deps, at):
    with pytest.raises(InvalidFields):
        console_auth.request_link(deps, "geen adres")


def test_a_failing_e_mail_is_not_told_to_the_caller(deps, email, at):
    console_auth.register(deps, "hvc", ADDRESS, StaffIn(role="agent"))
    email.errors.append(PermanentError("ses-MessageRejected", "http=400"))
    console_auth.request_link(deps, ADDRESS)  # no exception: the page says the same


def test_a_link_signs_in_once_within_fifteen_minutes(deps, email, at):
    console_auth.register(deps, "hvc", ADDRESS, StaffIn(role="admin"))
    console_auth.request_link(deps, ADDRESS)
    token = _token(email)
    at(minutes=14)
    assert console_auth.peek(deps, token) == "HVC"
    done = console_auth.sign_in(deps, token)
    assert (done.session.org_id, done.session.role) == ("hvc", "admin")
    with pytest.raises(NotFound):
        console_auth.sign_in(deps, token)


def test_a_link_older_than_fifteen_minutes_is_dead(deps, email, at):
    console_auth.register(deps, "hvc", ADDRESS, StaffIn(role="admin"))
    console_auth.request_link(deps, ADDRESS)
    at(minutes=15)
    with pytest.raises(NotFound):
        console_auth.peek(deps, _token(email))
    with pytest.raises(NotFound):
        console_auth.sign_in(deps, _token(email))


def test_only_hashes_of_links_and_sessions_are_stored(deps, email, at):
    console_auth.register(deps, "hvc", ADDRESS, StaffIn(role="admin"))
    console_auth.request_link(deps, ADDRESS)
    token = _token(email)
    done = console_auth.sign_in(deps, token)
    stored = repr(deps.staff.table.items)  # type: ignore[union-attr]
    assert token not in stored and done.token not in stored and ADDRESS not in stored


def test_a_session_ends_after_thirty_idle_minutes_but_activity_keeps_it(deps, email, at):
    console_auth.register(deps, "hvc", ADDRESS, StaffIn(role="agent"))
    console_auth.request_link(deps, ADDRESS)
    done = console_auth.sign_in(deps, _token(email))
    for _ in range(3):
        at(minutes=29)
        assert console_auth.session_of(deps, done.token).org_name == "HVC"
    at(minutes=31)
    with pytest.raises(Unauthorized):
        console_auth.session_of(deps, done.token)


def test_a_session_ends_after_eight_hours_however_active(deps, email, at):
    console_auth.register(deps, "hvc", ADDRESS, StaffIn(role="agent"))
    console_auth.request_link(deps, ADDRESS)
    done = console_auth.sign_in(deps, _token(email))
    for _ in range(16):
        at(minutes=29)
        console_auth.session_of(deps, done.token)
    at(minutes=20)  # 8 h 4 min after signing in
    with pytest.raises(Unauthorized):
        console_auth.session_of(deps, done.token)


def test_a_role_change_counts_at_the_next_request(deps, email, at):
    console_auth.register(deps, "hvc", ADDRESS, StaffIn(role="admin"))
    console_auth.request_link(deps, ADDRESS)
    done = console_auth.sign_in(deps, _token(email))
    console_auth.register(deps, "hvc", ADDRESS, StaffIn(role="viewer"))
    assert console_auth.session_of(deps, done.token).role == "viewer"


def test_staff_of_two_organisations_get_one_e_mail_with_a_link_for_each(deps, email, at):
    console_auth.register(deps, "hvc", ADDRESS, StaffIn(role="admin"))
    console_auth.register(deps, "dcmr", ADDRESS, StaffIn(role="viewer"))
    console_auth.request_link(deps, ADDRESS)
    [message] = email.sent
    tokens = re.findall(r"/console/login/([A-Za-z0-9_-]+)", message.body)
    sessions = [console_auth.sign_in(deps, t).session for t in tokens]
    assert sorted((s.org_id, s.role) for s in sessions) == [("dcmr", "viewer"), ("hvc", "admin")]
