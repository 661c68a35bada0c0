"""Organisations and their API clients (the operator's side)."""

from __future__ import annotations

import re
import secrets

from chalicelib.domain import clock
from chalicelib.domain.answers import ClientIssued
from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.domain.inbound import CLIENT_ID, ORG_ID, OrganisationIn
from chalicelib.domain.models import ClientCredentials, Organisation
from chalicelib.domain.organisation_answers import OrganisationOnboarded
from chalicelib.domain.test_mode import LIVE, ClientIn, Mode
from chalicelib.services import organisation_settings
from chalicelib.services.deps import Deps


def create(deps: Deps, data: OrganisationIn) -> OrganisationOnboarded:
    """Create an organisation with its first client; the secret is in this answer only. Its
    e-mail sender's identity is created too, and the answer says what it still needs."""
    org = Organisation(id=data.id, created_at=clock.now(), **organisation_settings.settings_of(deps.settings, data))
    if not deps.organisations.create_organisation(org):
        raise Conflict(f"An organisation with id '{data.id}' exists.")
    client_id, secret = issue_client(deps, org.id)
    sender, warnings = organisation_settings.onboard(deps, org.email_from)
    return OrganisationOnboarded(
        id=org.id, name=org.name, client_id=client_id, client_secret=secret, sender=sender, warnings=warnings
    )


def issue_client(deps: Deps, org_id: str, mode: Mode = LIVE) -> tuple[str, str]:
    # The org id leads the client id so a token's client finds its organisation's partition.
    client_id = f"{org_id}.{secrets.token_hex(8)}"
    secret = secrets.token_urlsafe(32)
    encrypted = deps.secrets.encrypt(secret)
    deps.organisations.put_client(
        ClientCredentials(
            org_id=org_id, client_id=client_id, secret_encrypted=encrypted, created_at=clock.now(), mode=mode
        )
    )
    return client_id, secret


def add_client(deps: Deps, org_id: str, data: ClientIn | None = None) -> ClientIssued:
    """Credential rotation, step one: a new client beside the old; the secret is shown once.
    With mode "test": a test client, whose events and cases are its own (domain/test_mode.py)."""
    if not re.fullmatch(ORG_ID, org_id) or deps.organisations.get_organisation(org_id) is None:
        raise NotFound("There is no such organisation.")
    mode = data.mode if data else LIVE
    client_id, secret = issue_client(deps, org_id, mode)
    return ClientIssued(organisation_id=org_id, client_id=client_id, client_secret=secret, mode=mode)


def revoke_client(deps: Deps, org_id: str, client_id: str) -> None:
    """Credential rotation, step two: the old client's tokens get 401 from the next request on
    (tokens are checked against the stored client on every request)."""
    if (
        not re.fullmatch(CLIENT_ID, client_id)
        or not client_id.startswith(f"{org_id}.")
        or not deps.organisations.delete_client(org_id, client_id)
    ):
        raise NotFound("The organisation has no such client.")
