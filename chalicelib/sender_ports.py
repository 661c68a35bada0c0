"""Ports of an organisation's settings and its e-mail sender's identity in SES."""

from __future__ import annotations

from typing import Protocol

from chalicelib.domain.organisation import Organisation
from chalicelib.domain.sender_identity import SenderIdentity


class SenderIdentities(Protocol):
    """The e-mail provider's verified senders, one identity per domain (SES v2 with Easy DKIM).
    Raises `SenderUnavailable` when the provider cannot be asked."""

    def create(self, domain: str) -> SenderIdentity:
        """Start verifying the domain (idempotent: an existing identity is kept) and say where it stands."""
        ...

    def get(self, domain: str) -> SenderIdentity | None:
        """Where the domain's verification stands, with the DNS records to publish; None without an identity."""
        ...


class OrganisationSettings(Protocol):
    def replace_settings(self, org: Organisation) -> bool:
        """Replace the stored organisation's settings (not its id nor creation time); False when
        there is no such organisation."""
        ...
