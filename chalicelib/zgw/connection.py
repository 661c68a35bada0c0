"""The organisation's ZGW connection: where its APIs are, how we authenticate to them, and the
Authorization value its hub sends us. Secrets are stored encrypted (client secret) or as a keyed
hash (hub Authorization); neither is ever returned or logged."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any
from urllib.parse import urlsplit

from chalicelib import clock
from chalicelib.problems import Forbidden, NotFound, Unauthorized, invalid
from chalicelib.wiring import Services
from chalicelib.zgw.client import ZgwClient
from chalicelib.zgw.models import Connection, ConnectionIn

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def authorization_hash(svc: Services, value: str) -> str:
    # Keyed, so a low-entropy value agreed with the hub cannot be found from the table alone.
    return hmac.new(svc.settings.token_key.encode(), f"zgw-hub\0{value}".encode(), hashlib.sha256).hexdigest()


def put(svc: Services, org_id: str, data: ConnectionIn) -> dict[str, Any]:
    urls = {"zaken_api": str(data.zaken_api), "catalogi_api": str(data.catalogi_api)}
    for name, url in urls.items():
        parts = urlsplit(url)
        # Plain http only for a loopback test server in the local run: these requests carry JWTs.
        if parts.scheme != "https" and not (svc.settings.is_local and parts.hostname in LOOPBACK):
            raise invalid(name, "must be an https URL")
    connection = Connection(
        org_id=org_id,
        zaken_api=urls["zaken_api"].rstrip("/"),
        catalogi_api=urls["catalogi_api"].rstrip("/"),
        client_id=data.client_id,
        secret_encrypted=svc.secrets.encrypt(data.secret),
        rsins=tuple(data.rsins),
        authorization_hash=authorization_hash(svc, data.notifications_authorization),
        updated_at=clock.now(),
    )
    svc.store.put_zgw_connection(connection)
    return view(svc, connection)


def require(svc: Services, org_id: str) -> Connection:
    connection = svc.store.get_zgw_connection(org_id)
    if connection is None:
        raise NotFound("This organisation has no ZGW connection; PUT /v1/zgw/connection first.")
    return connection


def get(svc: Services, org_id: str) -> dict[str, Any]:
    return view(svc, require(svc, org_id))


def view(svc: Services, connection: Connection) -> dict[str, Any]:
    return {
        **connection.public(),
        "callback_url": f"{svc.settings.public_url}/v1/zgw/notifications/{connection.org_id}",
        "kanaal": "zaken",
    }


def require_hub(svc: Services, org_id: str, authorization: str | None) -> Connection:
    """The connection whose hub sent this Authorization; 401 without one, 403 for a wrong one.

    The hub's subscription handshake calls without the header first and requires 401 or 403.
    An unknown organisation is 403 as well, so the answer does not tell which exist.
    """
    if not authorization:
        raise Unauthorized("Send the Authorization value agreed for this organisation's hub.")
    connection = svc.store.get_zgw_connection(org_id)
    given = authorization_hash(svc, authorization)
    expected = connection.authorization_hash if connection else authorization_hash(svc, "\0none")
    if not hmac.compare_digest(given, expected) or connection is None:
        raise Forbidden("The Authorization value is not the one agreed for this organisation.")
    return connection


def client(svc: Services, connection: Connection) -> ZgwClient:
    secret = svc.secrets.decrypt(connection.secret_encrypted)
    return ZgwClient(connection, secret, backoff=svc.settings.zgw_retry_backoff)
