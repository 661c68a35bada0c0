"""What a channel is, described once: the contact field it sends to, how its message is composed,
whether quiet hours hold it, which channel it falls back to, and how the citizen's page names it.

The provider that carries the message (Twilio, SES, ...) is an adapter with one `send`; it
returns the provider's message id or raises one of the errors below, whose class is the retry
policy (GOV.UK Notify's provider clients work the same way).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from chalicelib.domain.contacts import ContactField
from chalicelib.domain.messages import NotificationRef
from chalicelib.domain.models import CaseType, Event, Organisation

WEBSITE_ONLY = "portal"  # the citizen follows the case on the website: nothing is sent
NO_MESSAGES = "none"
SILENT = (WEBSITE_ONLY, NO_MESSAGES)


@dataclass(frozen=True)
class OutgoingMessage:
    to: str  # the address in the channel's contact field
    body: str  # plain text (the SMS, or the e-mail's plain-text part)
    sender: str  # SMS sender id or e-mail From address
    subject: str | None = None  # e-mail only
    html: str | None = None  # e-mail only, already escaped where it holds event data
    reference: str | None = None  # our notification id, for provider callbacks
    # Where the provider's receipt finds us: the SMS status callback URL, or the value of the
    # e-mail's X-Zaakstatus-Ref header (SES events quote it). Keys only, no PII.
    receipt: str | None = None


@dataclass(frozen=True)
class Draft:
    """Everything a channel needs to compose one message."""

    organisation: Organisation
    case_type: CaseType
    event: Event
    case_id: str
    to: str
    text: str  # the status's text in the reader's language, placeholders filled
    language: str
    tracking_url: str
    public_url: str  # where provider receipts reach this service
    party_id: str = "initiator"  # whom it is for: receipts name the party's notification

    @property
    def ref(self) -> NotificationRef:
        return NotificationRef(self.organisation.id, self.case_id, self.event.key, self.party_id)

    @property
    def notification_id(self) -> str | None:
        n = self.event.notifications.get(self.party_id)
        return n.id if n else None


@dataclass(frozen=True)
class ChannelSpec:
    name: str
    contact: ContactField
    compose: Callable[[Draft], OutgoingMessage]
    quiet_hours: bool  # held between the quiet hours' start and end (an SMS at night wakes people)
    fallback: str | None  # tried once when this channel fails for good for the subscriber
    labels: Mapping[str, str]  # the choice on the citizen's page, per language
    now: Mapping[str, str]  # "you now receive messages ... to {contact}", per language
    # Its provider reports addresses never to use again (hard bounces, complaints): each send
    # checks the address first. A channel without such reports is spared that read.
    suppressible: bool = False


class ChannelError(Exception):
    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind  # a short, PII-free word stored on the notification and logged
        self.detail = detail


class RetryableError(ChannelError):
    """The provider may accept the same message later (throttling, 5xx, failing to connect)."""


class PermanentError(ChannelError):
    """The provider will never accept this message (bad number, rejected address)."""


class UnconfirmedError(ChannelError):
    """The request may have reached the provider (a read timeout, a connection cut mid-request):
    it may send the message. Retrying could send it twice, so it is never retried blindly; the
    provider's receipt, or the claim's lease running out, settles it."""


class ChannelRegistry:
    """The channels a subscriber can choose, by name."""

    def __init__(self, *specs: ChannelSpec) -> None:
        self._specs = {spec.name: spec for spec in specs}

    def register(self, spec: ChannelSpec) -> None:
        self._specs[spec.name] = spec

    def unregister(self, name: str) -> None:
        self._specs.pop(name, None)

    def get(self, name: str | None) -> ChannelSpec | None:
        return self._specs.get(name or "")

    def names(self) -> tuple[str, ...]:
        return tuple(self._specs)

    def choices(self) -> tuple[str, ...]:
        """Every value a subscriber's `channel` may take: a channel, or no messages at all."""
        return (*self._specs, *SILENT)

    def contact_fields(self) -> tuple[ContactField, ...]:
        fields: dict[str, ContactField] = {}
        for spec in self._specs.values():
            fields.setdefault(spec.contact.name, spec.contact)
        return tuple(fields.values())
