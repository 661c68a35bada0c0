"""Unit-test fixtures: the service on in-memory adapters and fake senders; no I/O at all."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

from chalicelib import config
from chalicelib.domain.inbound import OrganisationIn
from chalicelib.services import organisations
from chalicelib.services.deps import Deps
from tests.builders import FakeSender, memory_deps, put_case_type


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A unit test that opens a socket is not a unit test: fail loudly if one tries."""

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("unit tests must not open sockets")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield


@pytest.fixture
def sms() -> FakeSender:
    return FakeSender("sms")


@pytest.fixture
def email() -> FakeSender:
    return FakeSender("email")


@pytest.fixture
def deps(sms: FakeSender, email: FakeSender) -> Deps:
    return memory_deps(sms=sms, email=email)


@pytest.fixture
def table(deps: Deps) -> Any:
    """The memory table every store of `deps` writes to (its `items` are what DynamoDB would hold)."""
    return deps.cases.table  # type: ignore[attr-defined]


@pytest.fixture
def org(deps: Deps) -> dict[str, Any]:
    """Organisation 'hvc' with the demo case type 'klacht'; the answer holds the client's secret."""
    created = organisations.create(
        deps, OrganisationIn(id="hvc", name="HVC", email_from="noreply@hvc.example", sms_from="HVC")
    )
    put_case_type(deps, "hvc", "klacht")
    return created.json_body()


@pytest.fixture
def settings() -> config.Settings:
    return config.settings()
