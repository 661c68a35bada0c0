"""Organisations and their API clients (the operator's side)."""

from __future__ import annotations

import secrets

from chalicelib import clock
from chalicelib.models.domain import ClientCredentials, Organisation
from chalicelib.models.inbound import OrganisationIn
from chalicelib.problems import Conflict
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
