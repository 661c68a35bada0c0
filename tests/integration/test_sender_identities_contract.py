"""The SenderIdentities port's contract, held against SES v2 on moto and the memory adapter; then
what only SES does: its answers as the real service gives them (DKIM tokens, pending, failed;
moto's SES v2 has no tokens and verifies at once), read through botocore's Stubber, and the
e-mail sender telling an unverified sender from SES's other rejections."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber
from moto import mock_aws

from chalicelib.adapters.memory_identities import MemoryIdentities
from chalicelib.adapters.ses_email import SesEmailSender
from chalicelib.adapters.ses_identities import SesIdentities, sender_verified
from chalicelib.domain.channels import OutgoingMessage, PermanentError
from chalicelib.domain.sender_identity import SenderUnavailable
from tests.mail import sent_mails

REGION = "eu-west-1"
TOKENS = ["abcdefghijklmnopqrstuvwxyz234567", "bcdefghijklmnopqrstuvwxyz2345678", "cdefghijklmnopqrstuvwxyz23456789"]


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    with mock_aws():
        yield


def _client(service: str) -> Any:
    return boto3.client(service, region_name=REGION)


class SenderIdentitiesContract:
    """Both adapters as the local run wires them: a new domain is verified at once."""

    def test_a_domain_without_an_identity_is_none(self, identities):
        assert identities.get("gouda.example") is None

    def test_creating_a_domain_gives_its_three_dkim_cname_records(self, identities):
        identity = identities.create("gouda.example")

        assert identity.domain == "gouda.example"
        assert len(identity.dns_records) == 3
        for record in identity.dns_records:
            token = record.name.removesuffix("._domainkey.gouda.example")
            assert token and record.type == "CNAME" and record.value == f"{token}.dkim.amazonses.com"

    def test_creating_twice_keeps_the_one_identity(self, identities):
        first = identities.create("gouda.example")
        assert identities.create("gouda.example") == first
        assert identities.get("gouda.example") == first

    def test_a_locally_verified_domain_is_verified_and_others_are_apart(self, identities):
        identities.create("gouda.example")
        assert identities.get("gouda.example").status == "verified"
        assert identities.get("post.gouda.example") is None


class TestSenderIdentitiesInMemory(SenderIdentitiesContract):
    @pytest.fixture
    def identities(self) -> MemoryIdentities:
        return MemoryIdentities(verify_locally=True)


class TestSenderIdentitiesOnSes(SenderIdentitiesContract):
    @pytest.fixture
    def identities(self, aws: None) -> SesIdentities:
        return SesIdentities(lambda: _client("sesv2"), lambda: _client("ses"), verify_locally=True)


def test_a_domain_created_in_the_local_run_is_one_moto_sends_from(aws):
    SesIdentities(lambda: _client("sesv2"), lambda: _client("ses"), verify_locally=True).create("gouda.example")
    message = OutgoingMessage(to="jan@example.nl", body="Tekst.", sender="noreply@gouda.example", subject="Nieuws")

    SesEmailSender(lambda: _client("sesv2")).send(message)

    assert [mail["From"] for _, mail in sent_mails(REGION)] == ["noreply@gouda.example"]


def test_the_memory_adapter_as_deployed_keeps_a_new_domain_pending_until_verified():
    identities = MemoryIdentities()
    assert identities.create("gouda.example").status == "pending"
    identities.verify("gouda.example")
    assert identities.get("gouda.example").status == "verified"
    identities.fail("gouda.example")
    assert identities.get("gouda.example").status == "failed"


def _stubbed() -> tuple[Any, Stubber]:
    client = boto3.client("sesv2", region_name=REGION, aws_access_key_id="x", aws_secret_access_key="x")
    return client, Stubber(client)


def _no_v1() -> Any:
    raise AssertionError("a deployed stage never asks SES v1 to verify a domain")


def _identity_answer(status: str, verified: bool, dkim: str) -> dict[str, Any]:
    return {
        "IdentityType": "DOMAIN",
        "VerifiedForSendingStatus": verified,
        "VerificationStatus": status,
        "DkimAttributes": {"SigningEnabled": True, "Status": dkim, "Tokens": TOKENS},
    }


def test_a_deployed_stage_creates_the_domain_with_easy_dkim_and_answers_pending_with_ses_tokens():
    client, stubber = _stubbed()
    dkim = {"SigningEnabled": True, "Status": "PENDING", "Tokens": TOKENS}
    stubber.add_response(
        "create_email_identity",
        {"IdentityType": "DOMAIN", "VerifiedForSendingStatus": False, "DkimAttributes": dkim},
        {"EmailIdentity": "gouda.example"},
    )
    stubber.add_response("get_email_identity", _identity_answer("PENDING", False, "PENDING"))
    with stubber:
        identity = SesIdentities(lambda: client, _no_v1).create("gouda.example")

    assert identity.status == "pending"
    assert [(r.name, r.value) for r in identity.dns_records] == [
        (f"{t}._domainkey.gouda.example", f"{t}.dkim.amazonses.com") for t in TOKENS
    ]


@pytest.mark.parametrize(
    ("status", "verified", "dkim", "ours"),
    [
        ("SUCCESS", True, "SUCCESS", "verified"),
        ("PENDING", False, "PENDING", "pending"),
        ("TEMPORARY_FAILURE", False, "TEMPORARY_FAILURE", "pending"),
        ("FAILED", False, "FAILED", "failed"),
    ],
)
def test_ses_verification_states_read_as_ours(status, verified, dkim, ours):
    client, stubber = _stubbed()
    stubber.add_response("get_email_identity", _identity_answer(status, verified, dkim))
    with stubber:
        assert SesIdentities(lambda: client).get("gouda.example").status == ours


def test_an_existing_identity_is_kept_and_read():
    client, stubber = _stubbed()
    stubber.add_client_error("create_email_identity", "AlreadyExistsException", http_status_code=400)
    stubber.add_response("get_email_identity", _identity_answer("SUCCESS", True, "SUCCESS"))
    with stubber:
        assert SesIdentities(lambda: client).create("gouda.example").status == "verified"


def test_ses_refusing_to_create_is_sender_unavailable_without_its_message():
    client, stubber = _stubbed()
    stubber.add_client_error(
        "create_email_identity", "AccessDeniedException", "not authorized for noreply@gouda.example", 403
    )
    with stubber, pytest.raises(SenderUnavailable) as caught:
        SesIdentities(lambda: client).create("gouda.example")
    assert "AccessDeniedException" in caught.value.detail and "noreply@" not in caught.value.detail


def test_sender_verified_looks_at_the_address_and_its_domain(aws):
    sesv2 = _client("sesv2")
    assert sender_verified(sesv2, "noreply@gouda.example") is False
    sesv2.create_email_identity(EmailIdentity="gouda.example")
    assert sender_verified(sesv2, "noreply@gouda.example") is True


def test_ses_rejecting_a_message_from_a_verified_sender_keeps_ses_own_word():
    client, stubber = _stubbed()
    stubber.add_client_error("send_email", "MessageRejected", "Email address is on the suppression list", 400)
    stubber.add_response("get_email_identity", _identity_answer("SUCCESS", True, "SUCCESS"))
    message = OutgoingMessage(to="jan@example.nl", body="Tekst.", sender="noreply@gouda.example", subject="Nieuws")
    with stubber, pytest.raises(PermanentError) as caught:
        SesEmailSender(lambda: client).send(message)
    assert caught.value.kind == "ses-MessageRejected"


def test_ses_rejecting_a_message_from_a_pending_domain_is_sender_not_verified():
    client, stubber = _stubbed()
    stubber.add_client_error("send_email", "MessageRejected", "Email address is not verified.", 400)
    stubber.add_client_error("get_email_identity", "NotFoundException", http_status_code=404)  # the address
    stubber.add_response("get_email_identity", _identity_answer("PENDING", False, "PENDING"))  # its domain
    message = OutgoingMessage(to="jan@example.nl", body="Tekst.", sender="noreply@gouda.example", subject="Nieuws")
    with stubber, pytest.raises(PermanentError) as caught:
        SesEmailSender(lambda: client).send(message)
    assert caught.value.kind == "sender-not-verified"
    assert caught.value.__context__ is None
