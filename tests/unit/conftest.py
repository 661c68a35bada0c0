"""Unit-test fixtures: the service on in-memory adapters and fake channels; no I/O at all."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from chalicelib import config, organisations
from chalicelib.models.inbound import OrganisationIn

from .helpers import FakeChannel, build_services, put_case_type


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A unit test that opens a socket is not a unit test: fail loudly if one tries."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("unit tests must not open sockets")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield


@pytest.fixture
def sms() -> FakeChannel:
    return FakeChannel("sms")


@pytest.fixture
def email() -> FakeChannel:
    return FakeChannel("email")


@pytest.fixture
def svc(sms: FakeChannel, email: FakeChannel):
    return build_services(sms, email)


@pytest.fixture
def org(svc) -> dict[str, str]:
    """Organisation 'hvc' with the demo case type 'klacht'; the answer holds the client's secret."""
    created = organisations.create(
        svc, OrganisationIn(id="hvc", name="HVC", email_from="noreply@hvc.example", sms_from="HVC")
    )
    put_case_type(svc, "hvc", "klacht")
    return created


@pytest.fixture
def settings():
    return config.settings()
