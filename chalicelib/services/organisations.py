"""Organisations and their API clients (the operator's side)."""

from __future__ import annotations

import re
import secrets

from chalicelib.domain import clock
from chalicelib.domain.answers import ClientIssued, OrganisationCreated
from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.domain.inbound import CLIENT_ID, ORG_ID, OrganisationIn
from chalicelib.domain.models import ClientCredentials, Organisation
from chalicelib.services.deps import Deps


def create(deps: Deps, data: OrganisationIn) -> OrganisationCreated:
    """Create an organisation with its first client; the secret is in this answer only."""
    org = Organisation(
        id=data.id,
        name=data.name,
        email_from=data.email_from or deps.settings.default_email_from,
        sms_from=data.sms_from or deps.settings.default_sms_from,
        created_at=clock.now(),
        quiet_hours=data.quiet_hours,
        sms_fragments=data.sms_fragments,
        contact=data.contact.domain() if data.contact else None,
    )
    if not deps.organisations.create_organisation(org):
        raise Conflict(f"An organisation with id '{data.id}' exists.")
    client_id, secret = issue_client(deps, org.id)
    return OrganisationCreated(id=org.id, name=org.name, client_id=client_id, client_secret=secret)


def issue_client(deps: Deps, org_id: str) -> tuple[str, str]:
    # The org id leads the client id so a token's client finds its organisation's partition.
    client_id = f"{org_id}.{secrets.token_hex(8)}"
    secret = secrets.token_urlsafe(32)
    deps.organisations.put_client(
        ClientCredentials(
            org_id=org_id, client_id=client_id, secret_encrypted=deps.secrets.encrypt(secret), created_at=clock.now()
        )
    )
    return client_id, secret


def add_client(deps: Deps, org_id: str) -> ClientIssued:
    """Credential rotation, step one: a new client beside the old; the secret is shown once."""
    if not re.match(ORG_ID, org_id) or deps.organisations.get_organisation(org_id) is None:
        raise NotFound("There is no such organisation.")
    client_id, secret = issue_client(deps, org_id)
    return ClientIssued(organisation_id=org_id, client_id=client_id, client_secret=secret)


def revoke_client(deps: Deps, org_id: str, client_id: str) -> None:
    """Credential rotation, step two: the old client's tokens get 401 from the next request on
    (tokens are checked against the stored client on every request)."""
    if (
        not re.match(CLIENT_ID, client_id)
        or not client_id.startswith(f"{org_id}.")
        or not deps.organisations.delete_client(org_id, client_id)
    ):
        raise NotFound("The organisation has no such client.")
