"""Delivery channels: one module per channel, each with one `send`.

A channel returns the provider's message id, or raises `RetryableError` (try again later:
throttling, 5xx, failures to connect), `PermanentError` (never retry: bad number, rejected
address) or `UnconfirmedError` (the provider may have the message: do not send it again).
The error's `kind` is a short, PII-free word stored on the notification and used in logs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class OutgoingMessage:
    to: str  # E.164 phone number or e-mail address
    body: str  # plain text (SMS body, or the e-mail's plain-text part)
    sender: str  # SMS sender id or e-mail From address
    subject: str | None = None  # e-mail only
    html: str | None = None  # e-mail only, already escaped where it holds event data
    reference: str | None = None  # our notification id, for provider callbacks
    # Where the provider's receipt finds us: the SMS status callback URL, or the value of the
    # e-mail's X-Zaakstatus-Ref header (SES events quote it). Keys only, no PII.
    receipt: str | None = None


class ChannelError(Exception):
    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


class RetryableError(ChannelError):
    """The provider may accept the same message later."""


class PermanentError(ChannelError):
    """The provider will never accept this message; do not retry."""


class UnconfirmedError(ChannelError):
    """The request may have reached the provider (a read timeout, a connection cut mid-request):
    it may send the message. Retrying could send it twice, so it is never retried blindly; the
    provider's receipt, or the claim's lease running out, settles it."""


class Channel(Protocol):
    name: str

    def send(self, message: OutgoingMessage) -> str:
        """Hand the message to the provider; return the provider's message id."""
        ...
