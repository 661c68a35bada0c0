"""Sending domains as SES v2 email identities, with Easy DKIM (port: `SenderIdentities`).

`create_email_identity` for a domain starts Easy DKIM: SES answers three tokens, published by the
organisation as CNAME records `<token>._domainkey.<domain>` -> `<token>.dkim.amazonses.com`;
SES verifies the domain when it finds them. Errors carry only SES's error code (its messages
can quote addresses).

The local run (and the tests) talk to moto, where an identity is verified as soon as it exists
and whose SES v2 answers hold no DKIM tokens. With `verify_locally` (set by bootstrap from the
deployment settings, never in a deployed stage) the adapter also calls SES v1's
`verify_domain_dkim` on creation (moto: the domain is verified) and reads the tokens with SES
v1's `get_identity_dkim_attributes`, so the local run sends from every new organisation's domain
and shows its records as SES would.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.domain.sender_identity import DnsRecord, SenderIdentity, SenderUnavailable, Status, domain_of

DKIM_TARGET = "dkim.amazonses.com"


class SesIdentities:
    def __init__(
        self,
        sesv2_factory: Callable[[], Any],
        ses_v1_factory: Callable[[], Any] | None = None,
        *,
        verify_locally: bool = False,
    ) -> None:
        self._sesv2 = sesv2_factory
        self._ses_v1 = ses_v1_factory
        self._verify_locally = verify_locally and ses_v1_factory is not None

    def create(self, domain: str) -> SenderIdentity:
        try:
            self._sesv2().create_email_identity(EmailIdentity=domain)
        except ClientError as exc:
            if _code(exc) != "AlreadyExistsException":
                raise SenderUnavailable(f"SES did not create the identity ({_code(exc)}).") from None
        except BotoCoreError as exc:
            raise SenderUnavailable(f"SES could not be reached ({type(exc).__name__}).") from None
        if self._verify_locally and self._ses_v1 is not None:
            try:
                self._ses_v1().verify_domain_dkim(Domain=domain)  # the emulator's "DNS published"
            except (ClientError, BotoCoreError) as exc:
                raise SenderUnavailable(f"SES did not verify the domain ({type(exc).__name__}).") from None
        found = self.get(domain)
        return found or SenderIdentity(domain=domain, status="pending")

    def get(self, domain: str) -> SenderIdentity | None:
        answer = _identity(self._sesv2(), domain)
        if answer is None:
            return None
        tokens = answer.get("DkimAttributes", {}).get("Tokens") or self._local_tokens(domain)
        records = tuple(
            DnsRecord(type="CNAME", name=f"{t}._domainkey.{domain}", value=f"{t}.{DKIM_TARGET}") for t in tokens
        )
        return SenderIdentity(domain=domain, status=status_of(answer), dns_records=records)

    def _local_tokens(self, domain: str) -> list[str]:
        if not self._verify_locally or self._ses_v1 is None:
            return []
        try:
            found = self._ses_v1().get_identity_dkim_attributes(Identities=[domain])["DkimAttributes"]
        except (ClientError, BotoCoreError):
            return []
        tokens: list[str] = found.get(domain, {}).get("DkimTokens", [])
        return tokens


def status_of(answer: dict[str, Any]) -> Status:
    """SES's word for an identity as ours: verified once SES would send from it."""
    if answer.get("VerifiedForSendingStatus"):
        return "verified"
    status = answer.get("VerificationStatus") or answer.get("DkimAttributes", {}).get("Status")
    if status == "SUCCESS":
        return "verified"
    if status == "FAILED":
        return "failed"
    return "pending"  # PENDING, TEMPORARY_FAILURE (SES keeps trying), NOT_STARTED


def sender_verified(sesv2: Any, address: str) -> bool | None:
    """Whether SES has verified the address or its domain; None when SES could not tell (the
    caller then keeps SES's own error)."""
    try:
        answers = [_identity(sesv2, identity) for identity in (address, domain_of(address))]
    except SenderUnavailable:
        return None
    return any(a is not None and status_of(a) == "verified" for a in answers)


def _identity(sesv2: Any, identity: str) -> dict[str, Any] | None:
    try:
        answer: dict[str, Any] = sesv2.get_email_identity(EmailIdentity=identity)
    except ClientError as exc:
        if _code(exc) == "NotFoundException":
            return None
        raise SenderUnavailable(f"SES did not answer ({_code(exc)}).") from None
    except BotoCoreError as exc:
        raise SenderUnavailable(f"SES could not be reached ({type(exc).__name__}).") from None
    return answer


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code") or "unknown")[:64]
