"""The organisation's ZGW connection: where its APIs are, how we authenticate to them, and the
Authorization value its hub sends us. Secrets are stored encrypted (client secret) or as a keyed
hash (hub Authorization); neither is ever returned or logged."""

from __future__ import annotations

import hashlib
import hmac
import re

from chalicelib.domain import clock
from chalicelib.domain.errors import Forbidden, NotFound, Unauthorized
from chalicelib.domain.inbound import ORG_ID
from chalicelib.domain.zgw.answers import ZgwConnectionOut
from chalicelib.domain.zgw.models import Connection, ConnectionIn
from chalicelib.domain.zgw.urls import api_root
from chalicelib.ports import ZgwApi
from chalicelib.services import test_mode
from chalicelib.services.deps import Deps


def authorization_hash(deps: Deps, value: str) -> str:
    # Keyed, so a low-entropy value agreed with the hub cannot be found from the table alone.
    return hmac.new(deps.settings.token_key.encode(), f"zgw-hub\0{value}".encode(), hashlib.sha256).hexdigest()


def put(deps: Deps, org_id: str, data: ConnectionIn) -> ZgwConnectionOut:
    # Its hub's notifications and the catalogue import would write as the live organisation.
    test_mode.refuse_for_test(org_id, "connect ZGW APIs")
    urls = {"zaken_api": str(data.zaken_api), "catalogi_api": str(data.catalogi_api)}
    for name, url in urls.items():
        # The outbound-URL guard (checked again before each request): these requests carry JWTs.
        # Plain http and loopback only for a test server in the local run.
        api_root(url, allow_loopback=deps.settings.is_local, field=name)
    connection = Connection(
        org_id=org_id,
        zaken_api=urls["zaken_api"].rstrip("/"),
        catalogi_api=urls["catalogi_api"].rstrip("/"),
        client_id=data.client_id,
        secret_encrypted=deps.secrets.encrypt(data.secret),
        rsins=tuple(data.rsins),
        authorization_hash=authorization_hash(deps, data.notifications_authorization),
        updated_at=clock.now(),
    )
    deps.zgw.put_zgw_connection(connection)
    return view(deps, connection)


def require(deps: Deps, org_id: str) -> Connection:
    connection = deps.zgw.get_zgw_connection(org_id)
    if connection is None:
        raise NotFound("This organisation has no ZGW connection; PUT /v1/zgw/connection first.")
    return connection


def get(deps: Deps, org_id: str) -> ZgwConnectionOut:
    return view(deps, require(deps, org_id))


def view(deps: Deps, connection: Connection) -> ZgwConnectionOut:
    return ZgwConnectionOut(
        zaken_api=connection.zaken_api,
        catalogi_api=connection.catalogi_api,
        client_id=connection.client_id,
        rsins=list(connection.rsins),
        updated_at=connection.updated_at.isoformat(),
        callback_url=f"{deps.settings.public_url}/v1/zgw/notifications/{connection.org_id}",
        kanaal="zaken",
    )


def require_hub(deps: Deps, org_id: str, authorization: str | None) -> Connection:
    """The connection whose hub sent this Authorization; Unauthorized without one, Forbidden for
    a wrong one. The hub's subscription handshake calls without the header first and requires
    401 or 403. An unknown organisation is Forbidden as well, so the answer does not tell which
    exist."""
    if not authorization:
        raise Unauthorized("Send the Authorization value agreed for this organisation's hub.")
    # An id no organisation can have is looked up as none (a key of any length would be a 500).
    connection = deps.zgw.get_zgw_connection(org_id) if re.fullmatch(ORG_ID, org_id) else None
    given = authorization_hash(deps, authorization)
    expected = connection.authorization_hash if connection else authorization_hash(deps, "\0none")
    if not hmac.compare_digest(given, expected) or connection is None:
        raise Forbidden("The Authorization value is not the one agreed for this organisation.")
    return connection


def api(deps: Deps, connection: Connection) -> ZgwApi:
    return deps.zgw_apis.connect(connection, deps.secrets.decrypt(connection.secret_encrypted))
