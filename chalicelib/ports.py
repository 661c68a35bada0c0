"""The small interfaces the services talk to; `chalicelib/adapters/` implements each, and one
contract test class per port (tests/integration) holds every adapter of it to the same behaviour.

The five stores share one DynamoDB table (key design: `chalicelib/adapters/items.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any, Protocol

from chalicelib.domain.channels import OutgoingMessage
from chalicelib.domain.messages import NotificationRef
from chalicelib.domain.models import (
    Case,
    CaseType,
    ClientCredentials,
    Event,
    Notification,
    NotificationChange,
    Organisation,
    SubscriberChange,
)
from chalicelib.domain.parties import INITIATOR, Beyond, SharedCase
from chalicelib.domain.webhooks import Delivery, Webhook
from chalicelib.domain.zgw.models import Connection, ZaakLink


class Organisations(Protocol):
    """Organisations and their API clients."""

    def create_organisation(self, org: Organisation) -> bool:
        """Store a new organisation; False when the id is taken."""
        ...

    def get_organisation(self, org_id: str) -> Organisation | None: ...

    def put_client(self, client: ClientCredentials) -> None: ...

    def get_client(self, org_id: str, client_id: str) -> ClientCredentials | None: ...

    def delete_client(self, org_id: str, client_id: str) -> bool:
        """Revoke an API client; False when it did not exist."""
        ...

    def set_partner(self, org_id: str, partner: str, subcases: bool) -> None:
        """Allow (or, with False, stop) `partner` to link sub-cases to `org_id`'s cases."""
        ...

    def is_partner(self, org_id: str, partner: str) -> bool: ...


class ConfigScope(Protocol):
    def request(self) -> AbstractContextManager[None]:
        """One request's view of the organisations' configuration (each version read once)."""
        ...

    def current(self, org_id: str) -> int: ...

    def hint(self, org_id: str, version: int) -> None:
        """Within this request, what is held of `version` or newer is recent enough."""
        ...


class CaseTypes(Protocol):
    def put_case_type(self, org_id: str, case_type: CaseType) -> bool:
        """Create or replace; True when it was new."""
        ...

    def get_case_type(self, org_id: str, code: str) -> CaseType | None: ...

    def list_case_types(self, org_id: str) -> list[CaseType]: ...


class Cases(Protocol):
    """Cases: their events and parties' changes, the parties' tracking-token lookups, and the
    cases shared with other organisations on this deployment."""

    def load_case(self, org_id: str, case_id: str) -> Case:
        """Everything of one case, read consistently; `known` is False for an unknown case."""
        ...

    def add_event(self, org_id: str, case_id: str, event: Event) -> bool:
        """Store the event unless one with its key exists; True when stored."""
        ...

    def add_subscriber_change(self, org_id: str, case_id: str, change: SubscriberChange) -> None: ...

    def put_tracking_token(
        self, org_id: str, token_hash: str, case_id: str, party_id: str = INITIATOR, expires_at: int | None = None
    ) -> None: ...

    def find_tracking_token(self, org_id: str, token_hash: str) -> tuple[str, str] | None:
        """(case id, party id) of a token's lookup item."""
        ...

    def delete_tracking_token(self, org_id: str, token_hash: str) -> None: ...

    def delete_case(self, org_id: str, case_id: str, beyond: Beyond) -> None:
        """Remove a case: every item of its partition, its token lookups and its shares."""
        ...

    def expire_case(self, org_id: str, case_id: str, beyond: Beyond, expires_at: int | None) -> int:
        """Set (or, with None, remove) `expires_at` on every item of the case, its token lookups
        and its shares; items that have it already are left alone. Returns the items written."""
        ...

    def erase_contact_data(self, org_id: str, case_id: str, party_id: str | None = None) -> int:
        """Remove the phone numbers, e-mail addresses and names of one party (None: of every
        party) from the case's items. Returns the items written."""
        ...

    def share_case(self, owner: str, case_id: str, with_org: str, role: str, expires_at: int | None) -> None: ...

    def unshare_case(self, owner: str, case_id: str, with_org: str) -> None: ...

    def shared_with(self, org_id: str) -> list[SharedCase]:
        """The cases other organisations share with `org_id`."""
        ...

    def link_subcase(self, parent_org: str, parent_case: str, org_id: str, case_id: str) -> None:
        """Record a sub-case with its parent (another organisation's case, usually)."""
        ...


class NotificationLedger(Protocol):
    """A notification's state, and what delivery keeps per recipient: caps, unusable addresses,
    and messages held for the morning. Addresses appear only as keyed hashes."""

    def transition(self, ref: NotificationRef, from_states: tuple[str, ...], change: NotificationChange) -> bool:
        """Move a notification to `change.state` only if it is in one of `from_states` now.

        The condition is what makes a claim exclusive: of two workers holding the same
        message, one wins and the other sends nothing."""
        ...

    def count_recipient_message(self, org_id: str, recipient: str, day: str, limit: int) -> bool:
        """Count one message to `recipient` on `day`; False, and nothing counted, when `limit`
        messages were counted already."""
        ...

    def suppress_address(self, org_id: str, address_hash: str, reason: str) -> None:
        """Remember that an address bounced hard or complained: never send to it again."""
        ...

    def address_suppressed(self, org_id: str, address_hash: str) -> bool: ...

    def hold_for_morning(self, day: str, ref: NotificationRef) -> None:
        """Park a notification (keys only) until the morning of `day` (quiet hours)."""
        ...

    def held_for_morning(self, day: str) -> list[NotificationRef]: ...

    def release_held(self, day: str, ref: NotificationRef) -> None: ...

    def add_notifications(self, ref: NotificationRef, notifications: dict[str, Notification]) -> None:
        """Add notifications to `ref`'s event under their slots (`<party>~reminder`); a slot
        that has one keeps it, so adding twice creates each once."""
        ...

    def schedule_reminder(self, day: str, org_id: str, case_id: str, event_key: str) -> None:
        """Remember (keys only) that the action `event_key` set is reminded on the morning of `day`."""
        ...

    def reminders_due(self, day: str) -> list[tuple[str, str, str]]:
        """(organisation, case id, event key) of each action reminded on `day`."""
        ...

    def drop_reminder(self, day: str, org_id: str, case_id: str, event_key: str) -> None: ...


class ZgwStore(Protocol):
    """An organisation's ZGW connection, the hub's messages until processed, zaak → case links."""

    def put_zgw_connection(self, connection: Connection) -> None: ...

    def get_zgw_connection(self, org_id: str) -> Connection | None: ...

    def list_zgw_organisations(self) -> list[str]: ...

    def put_zgw_inbox(self, org_id: str, key: str, message: dict[str, Any]) -> bool:
        """Keep a hub notification until processed; False when it is kept already."""
        ...

    def get_zgw_inbox(self, org_id: str, key: str) -> dict[str, Any] | None: ...

    def delete_zgw_inbox(self, org_id: str, key: str) -> None: ...

    def put_zgw_zaak(self, org_id: str, zaak_hash: str, link: ZaakLink) -> None: ...

    def get_zgw_zaak(self, org_id: str, zaak_hash: str) -> ZaakLink | None: ...

    def delete_zgw_zaak(self, org_id: str, zaak_hash: str) -> None: ...


class Queue(Protocol):
    def send(self, body: dict[str, Any]) -> None:
        """Put a message on the queue. Bodies carry keys only, never contact data."""
        ...

    def delay(self, receipt_handle: str, seconds: int) -> None:
        """Make a received message visible again only after `seconds` (retry backoff)."""
        ...

    def dead_letter(self, body: dict[str, Any]) -> None:
        """Put a message on the dead-letter queue (given up after the retry horizon)."""
        ...


class SecretBox(Protocol):
    def encrypt(self, plaintext: str) -> str: ...

    def decrypt(self, ciphertext: str) -> str: ...


class Sender(Protocol):
    """A channel's provider: hands over the message, returns the provider's message id, or
    raises RetryableError / PermanentError / UnconfirmedError (`chalicelib.domain.channels`)."""

    def send(self, message: OutgoingMessage) -> str: ...


class Senders(Protocol):
    def names(self) -> frozenset[str]:
        """The channels a provider is wired for."""
        ...

    def get(self, channel: str) -> Sender: ...


class Metrics(Protocol):
    def count(self, name: str, value: int = 1, **dimensions: str) -> None: ...


class ZgwApi(Protocol):
    """One organisation's Zaken and Catalogi APIs. Raises `chalicelib.domain.zgw.errors`."""

    @property
    def zaken_api(self) -> str: ...

    @property
    def catalogi_api(self) -> str: ...

    def get(self, url: str, params: dict[str, str] | None = None) -> dict[str, Any]: ...

    def pages(self, url: str, params: dict[str, str] | None = None) -> Iterator[dict[str, Any]]: ...


class ZgwApis(Protocol):
    def connect(self, connection: Connection, secret: str) -> ZgwApi: ...


class Outbox(Protocol):
    """The local run's providers' outboxes (the Twilio stand-in, moto's SES)."""

    def messages(self) -> list[dict[str, Any]]: ...


class Webhooks(Protocol):
    """An organisation's webhooks (secrets encrypted) and their deliveries (kept 30 days)."""

    def put_webhook(self, hook: Webhook) -> bool:
        """Create or replace; True when it was new."""
        ...

    def get_webhook(self, org_id: str, name: str) -> Webhook | None: ...

    def list_webhooks(self, org_id: str) -> list[Webhook]: ...

    def delete_webhook(self, org_id: str, name: str) -> bool:
        """Remove the webhook (its deliveries stay until they expire); False when there was none."""
        ...

    def add_delivery(self, delivery: Delivery) -> bool:
        """Store a new delivery; False, and nothing changed, when one with its key exists."""
        ...

    def get_delivery(self, org_id: str, name: str, key: str) -> Delivery | None: ...

    def latest_deliveries(self, org_id: str, name: str, limit: int) -> list[Delivery]:
        """The webhook's newest deliveries first (by the time their event was received)."""
        ...

    def update_delivery(self, delivery: Delivery, expected_due: int) -> bool:
        """Write the delivery's status, attempts, last error, due and update time, only if its
        stored `due` is still `expected_due`: of two workers, one wins a claim or an outcome."""
        ...


class WebhookPoster(Protocol):
    """One POST to an organisation's URL through the outbound-URL guard; no redirect followed."""

    def post(self, url: str, headers: dict[str, str], body: bytes) -> int:
        """The answer's status code; raises `domain.outbound.OutboundFailed` (url-refused, dns,
        timeout, tls, connection) when there is none."""
        ...
