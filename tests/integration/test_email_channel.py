"""The e-mail sender (SesEmailSender) against moto's SES v2 (in-process), plus stubbed provider failures."""

from __future__ import annotations

import socket

import boto3
import pytest
from botocore.config import Config
from botocore.stub import Stubber
from moto import mock_aws

from chalicelib.adapters.ses_email import SesEmailSender
from chalicelib.domain.channels import OutgoingMessage, PermanentError, RetryableError
from local.resources import verify_senders
from tests.mail import parts, sent_mails

REGION = "eu-west-1"
SENDER = "noreply@zaakstatus.example"
RECIPIENT = "burger@example.org"


@pytest.fixture
def ses_mock(monkeypatch):
    # AWS_ENDPOINT_URL would send boto3 past mock_aws to a real (moto server) endpoint.
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    with mock_aws():
        yield


def _sesv2():
    return boto3.client("sesv2", region_name=REGION)


def _message(html: str | None = "<p>Uw zaak is <b>ontvangen</b>.</p>") -> OutgoingMessage:
    return OutgoingMessage(
        to=RECIPIENT,
        body="Uw zaak is ontvangen.",
        sender=SENDER,
        subject="Nieuwe status van uw zaak",
        html=html,
    )


def test_verified_domain_sender_sends_text_and_html(ses_mock):
    verify_senders(_sesv2(), ["zaakstatus.example"])
    client = _sesv2()

    message_id = SesEmailSender(lambda: client).send(_message())

    [(sent_id, mail)] = sent_mails(REGION)
    assert sent_id == message_id
    assert mail["From"] == SENDER
    assert mail["To"] == RECIPIENT
    assert mail["Subject"] == "Nieuwe status van uw zaak"
    plain, html = parts(mail)
    assert plain.strip() == "Uw zaak is ontvangen."
    assert html.strip() == "<p>Uw zaak is <b>ontvangen</b>.</p>"


def test_plain_text_only_message_has_no_html_part(ses_mock):
    verify_senders(_sesv2(), ["zaakstatus.example"])
    client = _sesv2()

    SesEmailSender(lambda: client).send(_message(html=None))

    [(_, mail)] = sent_mails(REGION)
    assert parts(mail) == ("Uw zaak is ontvangen.\n", None)


def test_client_is_created_lazily_once(ses_mock):
    verify_senders(_sesv2(), [SENDER])
    calls = []

    def factory():
        calls.append(1)
        return _sesv2()

    channel = SesEmailSender(factory)
    assert calls == []
    channel.send(_message())
    channel.send(_message())
    assert calls == [1]


def test_unverified_sender_is_a_permanent_sender_not_verified(ses_mock):
    with pytest.raises(PermanentError) as caught:
        SesEmailSender(_sesv2).send(_message())
    assert caught.value.kind == "sender-not-verified"
    # moto's message quotes the sender address; ours must quote no address at all.
    assert SENDER not in str(caught.value) and RECIPIENT not in str(caught.value)
    assert caught.value.__context__ is None
    assert sent_mails(REGION) == []


@pytest.mark.parametrize(
    ("code", "status", "error_class", "kind"),
    [
        ("TooManyRequestsException", 429, RetryableError, "ses-TooManyRequestsException"),
        ("ThrottlingException", 400, RetryableError, "ses-ThrottlingException"),
        ("SendingPausedException", 400, RetryableError, "ses-SendingPausedException"),
        ("InternalFailure", 500, RetryableError, "ses-5xx"),
        ("AccountSuspendedException", 400, PermanentError, "ses-AccountSuspendedException"),
        ("BadRequestException", 400, PermanentError, "ses-BadRequestException"),
        ("AccessDeniedException", 403, RetryableError, "ses-AccessDeniedException"),
    ],
)
def test_ses_client_error_maps_to_error_class_and_kind(code, status, error_class, kind):
    client = boto3.client("sesv2", region_name=REGION, aws_access_key_id="x", aws_secret_access_key="x")
    with Stubber(client) as stubber:
        stubber.add_client_error(
            "send_email",
            service_error_code=code,
            service_message=f"rejected {RECIPIENT}",
            http_status_code=status,
        )
        with pytest.raises(error_class) as caught:
            SesEmailSender(lambda: client).send(_message())
    assert caught.value.kind == kind
    assert RECIPIENT not in str(caught.value)


def test_unreachable_ses_endpoint_is_retryable():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = boto3.client(
        "sesv2",
        region_name=REGION,
        endpoint_url=f"http://127.0.0.1:{port}",
        aws_access_key_id="x",
        aws_secret_access_key="x",
        config=Config(retries={"total_max_attempts": 1}, connect_timeout=1, read_timeout=1),
    )
    with pytest.raises(RetryableError) as caught:
        SesEmailSender(lambda: client).send(_message())
    assert caught.value.kind == "connection"


def test_email_carries_the_receipt_reference_and_the_configuration_set(ses_mock):
    verify_senders(_sesv2(), ["zaakstatus.example"])
    _sesv2().create_configuration_set(ConfigurationSetName="zaakstatus-events")
    message = OutgoingMessage(
        to=RECIPIENT, body="Tekst.", sender=SENDER, subject="Onderwerp", receipt="o=hvc&c=HVC-1&e=" + "a" * 32
    )

    SesEmailSender(_sesv2, configuration_set="zaakstatus-events").send(message)

    [(_, mail)] = sent_mails(REGION)
    assert mail["X-Zaakstatus-Ref"] == "o=hvc&c=HVC-1&e=" + "a" * 32
