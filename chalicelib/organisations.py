"""Organisations and their API clients (the operator's side)."""

from __future__ import annotations

import re
import secrets

from chalicelib import auth, clock
from chalicelib.models.domain import ClientCredentials, Organisation
from chalicelib.models.inbound import ORG_ID, OrganisationIn
from chalicelib.problems import Conflict, NotFound
from chalicelib.wiring import Services


def create(svc: Services, data: OrganisationIn) -> dict[str, str]:
    """Create an organisation with its first client; the secret is in this answer only."""
    now = clock.now()
    org = Organisation(
        id=data.id,
        name=data.name,
        email_from=data.email_from or svc.settings.email_from,
        sms_from=data.sms_from or svc.settings.sms_from,
        created_at=now,
        quiet_hours=data.quiet_hours,
        sms_fragments=data.sms_fragments,
    )
    if not svc.store.create_organisation(org):
        raise Conflict(f"An organisation with id '{data.id}' exists.")
    client_id, secret = issue_client(svc, org.id)
    return {"id": org.id, "name": org.name, "client_id": client_id, "client_secret": secret}


def issue_client(svc: Services, org_id: str) -> tuple[str, str]:
    # The org id leads the client id so a token's client finds its organisation's partition.
    client_id = f"{org_id}.{secrets.token_hex(8)}"
    secret = secrets.token_urlsafe(32)
    svc.store.put_client(
        ClientCredentials(
            org_id=org_id,
            client_id=client_id,
            secret_encrypted=svc.secrets.encrypt(secret),
            created_at=clock.now(),
        )
    )
    return client_id, secret


def add_client(svc: Services, org_id: str) -> dict[str, str]:
    """Credential rotation, step one: a new client beside the old; the secret is shown once."""
    if not re.match(ORG_ID, org_id) or svc.store.get_organisation(org_id) is None:
        raise NotFound("There is no such organisation.")
    client_id, secret = issue_client(svc, org_id)
    return {"organisation_id": org_id, "client_id": client_id, "client_secret": secret}


def revoke_client(svc: Services, org_id: str, client_id: str) -> None:
    """Credential rotation, step two: the old client's tokens get 401 from the next request on
    (tokens are checked against the stored client on every request, nothing is cached)."""
    if not auth.CLIENT_ID.match(client_id) or not client_id.startswith(f"{org_id}.") \
            or not svc.store.delete_client(org_id, client_id):
        raise NotFound("The organisation has no such client.")
