"""The hub's callback (notificaties-consumer.openapi.yaml): answer within the hub's 10 s.

Authenticate (401 without the agreed Authorization, 403 with another: the subscription
handshake relies on it), validate, then keep the message and queue its key. Resolving it means
calls to the organisation's APIs, which happen later, from the ZGW queue.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

from chalicelib.http import parse
from chalicelib.wiring import Services
from chalicelib.zgw.connection import require_hub
from chalicelib.zgw.models import NotificationIn

log = logging.getLogger(__name__)
STATUS_CREATE = ("zaken", "status", "create")
ZAAK_DESTROY = ("zaken", "zaak", "destroy")
HANDLED = (STATUS_CREATE, ZAAK_DESTROY)


def message_key(message: dict[str, Any]) -> str:
    # The hub sends no message id; a repeated delivery is the same JSON (same aanmaakdatum).
    return hashlib.sha256(json.dumps(message, sort_keys=True).encode()).hexdigest()[:32]


def receive(svc: Services, org_id: str, authorization: str | None, request: Any) -> str:
    """What happened to the message: 'test', 'ignored' or 'queued'."""
    connection = require_hub(svc, org_id, authorization)
    notification = parse(request, NotificationIn)
    if notification.kanaal == "test":
        return "test"
    what = (notification.kanaal, notification.resource, notification.actie)
    source = notification.kenmerken.get("bronorganisatie")
    if what not in HANDLED or (source is not None and source not in connection.rsins):
        return "ignored"
    message = notification.model_dump(mode="json", by_alias=True)
    key = message_key(message)
    svc.store.put_zgw_inbox(org_id, key, message)
    # Queued even when kept already: an earlier attempt may have stopped before queueing, and
    # a second queue message finds the work done (or the message gone) and does nothing.
    svc.zgw_queue.send({"org": org_id, "zgw": key})
    log.info("zgw notification %s/%s/%s queued for %s", *what, org_id)
    return "queued"
