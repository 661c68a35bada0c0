"""The small interfaces the service talks to. Adapters live in `chalicelib/adapters/`."""

from __future__ import annotations

from typing import Any, Protocol

from chalicelib.models.domain import (
    Case,
    CaseType,
    ClientCredentials,
    Event,
    Organisation,
    SubscriberChange,
)


class Store(Protocol):
    def create_organisation(self, org: Organisation) -> bool:
        """Store a new organisation; False when the id is taken."""

    def get_organisation(self, org_id: str) -> Organisation | None: ...

    def put_client(self, client: ClientCredentials) -> None: ...

    def get_client(self, org_id: str, client_id: str) -> ClientCredentials | None: ...

    def put_case_type(self, org_id: str, case_type: CaseType) -> bool:
        """Create or replace; True when it was new."""

    def get_case_type(self, org_id: str, code: str) -> CaseType | None: ...

    def list_case_types(self, org_id: str) -> list[CaseType]: ...

    def load_case(self, org_id: str, case_id: str) -> Case:
        """Everything of one case, read consistently; `exists` is False for an unknown case."""

    def add_event(self, org_id: str, case_id: str, event: Event) -> bool:
        """Store the event unless one with its key exists; True when stored."""

    def add_subscriber_change(self, org_id: str, case_id: str, change: SubscriberChange) -> None: ...

    def put_tracking_token(self, org_id: str, token_hash: str, case_id: str) -> None: ...

    def find_tracking_token(self, org_id: str, token_hash: str) -> str | None: ...

    def transition_notification(
        self,
        org_id: str,
        case_id: str,
        event_key: str,
        from_states: tuple[str, ...],
        to_state: str,
        *,
        count_attempt: bool = False,
        provider_id: str | None = None,
        error: str | None = None,
        channel: str | None = None,
        error_class: str | None = None,
        fallback: bool | None = None,
    ) -> bool:
        """Move a notification to `to_state` only if it is in one of `from_states` now.

        The condition is what makes a claim exclusive: of two workers holding the same
        message, one wins and the other sends nothing.
        """

    def count_recipient_message(self, org_id: str, recipient: str, day: str, limit: int) -> bool:
        """Count one message to `recipient` (an HMAC, never the address) on `day`; False, and
        nothing counted, when `limit` messages were counted already."""

    def suppress_address(self, org_id: str, address_hash: str, reason: str) -> None:
        """Remember that an address (by HMAC) bounced hard or complained: never send to it again."""

    def address_suppressed(self, org_id: str, address_hash: str) -> bool: ...

    def hold_for_morning(self, day: str, org_id: str, case_id: str, event_key: str) -> None:
        """Park a notification (keys only) until the morning of `day` (quiet hours)."""

    def held_for_morning(self, day: str) -> list[tuple[str, str, str]]:
        """The (org, case, event key) parked for the morning of `day`."""

    def release_held(self, day: str, org_id: str, case_id: str, event_key: str) -> None: ...

    def delete_case(self, org_id: str, case_id: str, token_hash: str) -> None:
        """Remove a case: every item of its partition and its tracking-token lookup."""

    # ZGW (chalicelib/zgw/store.py: one implementation on both adapters' primitives)
    def put_zgw_connection(self, connection: Any) -> None: ...

    def get_zgw_connection(self, org_id: str) -> Any: ...

    def list_zgw_organisations(self) -> list[str]: ...

    def put_zgw_inbox(self, org_id: str, key: str, message: dict[str, Any]) -> bool:
        """Keep a hub notification until processed; False when it is kept already."""

    def get_zgw_inbox(self, org_id: str, key: str) -> dict[str, Any] | None: ...

    def delete_zgw_inbox(self, org_id: str, key: str) -> None: ...

    def put_zgw_zaak(self, org_id: str, zaak_hash: str, link: Any) -> None: ...

    def get_zgw_zaak(self, org_id: str, zaak_hash: str) -> Any: ...

    def delete_zgw_zaak(self, org_id: str, zaak_hash: str) -> None: ...

    # security and privacy (issue 5)
    def delete_client(self, org_id: str, client_id: str) -> bool:
        """Revoke an API client; False when it did not exist."""

    def expire_case(self, org_id: str, case_id: str, token_hash: str, expires_at: int | None) -> int:
        """Set (or, with None, remove) `expires_at` on every item of the case and its token
        lookup item; items that have it already are left alone. Returns the items written."""

    def erase_contact_data(self, org_id: str, case_id: str) -> int:
        """Remove every phone number and e-mail address from the case's items (events and
        preference changes). Returns the items written."""


class Queue(Protocol):
    def send(self, body: dict[str, Any]) -> None:
        """Put a message on the notification queue. Bodies carry keys only, never contact data."""

    def delay(self, receipt_handle: str, seconds: int) -> None:
        """Make a received message visible again only after `seconds` (retry backoff)."""

    def dead_letter(self, body: dict[str, Any]) -> None:
        """Put a message on the dead-letter queue (given up after the retry horizon)."""


class SecretBox(Protocol):
    def encrypt(self, plaintext: str) -> str: ...

    def decrypt(self, ciphertext: str) -> str: ...
