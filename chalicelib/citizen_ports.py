"""Ports of a citizen's own cases across organisations: the address and identity index, sign-in links
and sessions."""

from __future__ import annotations

from typing import Protocol

from chalicelib.domain.citizen import CaseRef, CitizenLink, CitizenSession


class CitizenIndex(Protocol):
    """Index keys are `a:<address hash>` or `i:<identity hash>` (domain/citizen.py)."""

    def put_ref(self, key: str, ref: CaseRef, expires_at: int | None = None) -> None:
        """One write; `expires_at` (the case's) lets the entry go with the case."""
        ...

    def delete_ref(self, key: str, ref: CaseRef) -> None: ...

    def refs(self, key: str) -> list[CaseRef]:
        """Every case reference under the key (read consistently)."""
        ...

    def put_link(self, link: CitizenLink) -> None: ...

    def peek_link(self, token_hash: str) -> CitizenLink | None:
        """The link, if stored (expired or not), without using it."""
        ...

    def take_link(self, token_hash: str) -> CitizenLink | None:
        """Use the link: only one caller ever gets it, then it is gone."""
        ...

    def put_session(self, session: CitizenSession) -> None: ...

    def get_session(self, token_hash: str) -> CitizenSession | None: ...

    def touch_session(self, token_hash: str, seen_at: int) -> None: ...

    def delete_session(self, token_hash: str) -> None: ...


class OidcProvider(Protocol):
    """An OpenID Connect provider (a DigiD/eHerkenning broker): authorization code flow with PKCE."""

    def authorization_url(self, redirect_uri: str, state: str, nonce: str, code_verifier: str) -> str:
        """Where to send the browser; the S256 challenge of `code_verifier` goes with it."""
        ...

    def claims(self, code: str, redirect_uri: str, code_verifier: str, nonce: str) -> dict[str, object]:
        """Exchange the code and return the ID token's claims once its signature (the provider's
        JWKS), iss, aud, exp/iat and nonce are verified; Unauthorized for anything else."""
        ...
