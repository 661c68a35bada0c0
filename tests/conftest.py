"""Fixtures shared by every test layer: a clean environment, moto, the Twilio stand-in, the app."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from chalice.test import Client
from moto import mock_aws

from chalicelib import bootstrap, config
from chalicelib.web import sqs_batches
from local.resources import create_bucket, create_queue, create_table, verify_senders
from local.twilio_standin import TwilioStandIn
from tests.builders import HVC_CASE_TYPE
from tests.harness import Harness

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
# A developer's AWS_ENDPOINT_URL would override moto's mock and reach a real server.
UNSET = ("AWS_ENDPOINT_URL", "AWS_PROFILE", "ZAAKSTATUS_QUEUE_URL", "ZAAKSTATUS_TWILIO_BASE_URL")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in UNSET:
        monkeypatch.delenv(name, raising=False)
    for name, value in TEST_ENV.items():
        monkeypatch.setenv(name, value)
    config.reset()
    bootstrap.reset()
    yield
    config.reset()
    bootstrap.reset()


@pytest.fixture
def standin() -> Iterator[TwilioStandIn]:
    s = config.settings()
    with TwilioStandIn(s.twilio_account_sid, s.twilio_auth_token) as server:
        yield server


@pytest.fixture
def harness(monkeypatch: pytest.MonkeyPatch, standin: TwilioStandIn) -> Iterator[Harness]:
    """The app on moto, with the Twilio stand-in as the SMS provider."""
    with mock_aws():
        create_table(boto3.client("dynamodb"), "zaakstatus")
        queue_url = create_queue(boto3.client("sqs"), "zaakstatus-notifications")
        verify_senders(boto3.client("sesv2"), ["zaakstatus.example", "hvc.example", "other.example"])
        create_bucket(boto3.client("s3"), "zaakstatus-documents")
        monkeypatch.setenv("ZAAKSTATUS_QUEUE_URL", queue_url)
        monkeypatch.setenv("ZAAKSTATUS_TWILIO_BASE_URL", standin.url)
        # chalice's test client gives every invocation 3 s: no webhook try would be left time for.
        monkeypatch.setattr(sqs_batches, "WEBHOOK_TRY_S", 0)
        config.reset()
        bootstrap.reset()
        from app import app

        with Client(app) as client:
            yield Harness(client, standin)


@pytest.fixture
def hvc(harness: Harness) -> dict[str, Any]:
    """Organisation 'hvc' with the case type 'klacht'; the answer holds the client's secret."""
    creds = harness.create_organisation("hvc", sms_from="HVC")
    response = harness.request("PUT", "/v1/case-types/klacht", creds, HVC_CASE_TYPE)
    assert response.status_code == 201, response.body
    return creds
