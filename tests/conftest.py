"""Fixtures shared by every test layer: a clean environment, moto, the Twilio stand-in."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from chalicelib import config, wiring

TEST_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "eu-west-1",
    "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
    "ZAAKSTATUS_STAGE": "test",
    "ZAAKSTATUS_ADMIN_TOKEN": "test-admin-token",
    "ZAAKSTATUS_PUBLIC_URL": "https://zaakstatus.test",
    "ZAAKSTATUS_TOKEN_KEY": "test-token-key",
    "ZAAKSTATUS_SECRET_KEY": "test-secret-key",
    # Tests must not depend on the hour they run at; quiet-hours tests switch them on.
    "ZAAKSTATUS_QUIET_HOURS": "off",
}


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # A developer's AWS_ENDPOINT_URL would override moto's mock and reach a real server.
    for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "ZAAKSTATUS_QUEUE_URL", "ZAAKSTATUS_TWILIO_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in TEST_ENV.items():
        monkeypatch.setenv(name, value)
    config.reset()
    wiring.reset()
    yield
    config.reset()
    wiring.reset()
