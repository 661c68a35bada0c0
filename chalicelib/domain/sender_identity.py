"""An organisation's senders: the e-mail domain SES must have verified before it sends from it,
and the SMS sender name Twilio shows.

E-mail: SES refuses every message from an address whose identity it has not verified. We create
the identity of the address's domain (not of the address alone: SES recommends domains, and
Easy DKIM signs the domain's mail) and the organisation publishes the three DKIM CNAME records
SES gives; until then SES says `pending` and e-mail from it fails with `sender-not-verified`.
"""

from __future__ import annotations

import re
from typing import Literal

from chalicelib.domain.base import Domain
from chalicelib.domain.errors import DomainError

Status = Literal["verified", "pending", "failed"]
SENDER_NOT_VERIFIED = "sender-not-verified"  # the notification's last_error; a permanent failure

# Twilio's alphanumeric sender ID: 1 to 11 of A-Z, a-z, 0-9 and space, at least one letter
# (all digits would read as a phone number); or a phone number in E.164.
ALPHANUMERIC_SENDER = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$")
E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")
SMS_SENDER_RULE = "1 to 11 letters, digits or spaces with at least one letter, or a number in E.164 (+31...)"


def check_sms_sender(value: str | None) -> str | None:
    if value is None or ALPHANUMERIC_SENDER.fullmatch(value) or E164.fullmatch(value):
        return value
    raise ValueError(f"an SMS sender is {SMS_SENDER_RULE}")


def domain_of(email_from: str) -> str:
    return email_from.rpartition("@")[2].lower()


class DnsRecord(Domain):
    type: Literal["CNAME"]
    name: str
    value: str


class SenderIdentity(Domain):
    """What SES says of a sending domain."""

    domain: str
    status: Status
    dns_records: tuple[DnsRecord, ...] = ()


class SenderUnavailable(DomainError):
    """SES could not be asked (throttled, unreachable, not permitted); nothing was changed there."""


def warnings(identity: SenderIdentity | None) -> list[str]:
    """What the organisation must still do before its e-mail goes out; empty once SES verified it."""
    if identity is None:
        return [
            "The e-mail sender's identity could not be created in SES now; e-mail is refused "
            "until it exists and is verified. Send the settings again (PUT /v1/organisation)."
        ]
    if identity.status == "verified":
        return []
    if identity.status == "failed":
        return [
            f"SES could not verify the domain {identity.domain}: check the DNS records of "
            "GET /v1/organisation/sender. E-mail is refused until it is verified."
        ]
    return [
        f"E-mail from {identity.domain} is refused until SES has verified the domain: publish the "
        "DNS records of GET /v1/organisation/sender (usually verified within an hour)."
    ]
