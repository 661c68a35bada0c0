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
    ) -> bool:
        """Move a notification to `to_state` only if it is in one of `from_states` now.

        The condition is what makes a claim exclusive: of two workers holding the same
        message, one wins and the other sends nothing.
        """


class Queue(Protocol):
    def send(self, body: dict[str, Any]) -> None:
        """Put a message on the notification queue. Bodies carry keys only, never contact data."""


class SecretBox(Protocol):
    def encrypt(self, plaintext: str) -> str: ...

    def decrypt(self, ciphertext: str) -> str: ...
