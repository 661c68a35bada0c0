"""The hub's callback (notificaties-consumer.openapi.yaml): answer within the hub's 10 s.

Authenticate (401 without the agreed Authorization, 403 with another: the subscription
handshake relies on it), validate, then keep the message and queue its key. Resolving it means
calls to the organisation's APIs, which happen later, from the ZGW queue (`inbox`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from chalicelib.domain.zgw.models import NotificationIn
from chalicelib.domain.zgw.statuses import HANDLED, message_key
from chalicelib.services.deps import Deps
from chalicelib.services.zgw.connection import require_hub

log = logging.getLogger(__name__)


def receive(deps: Deps, org_id: str, authorization: str | None, body: Callable[[], NotificationIn]) -> str:
    """What happened to the message: 'test', 'ignored' or 'queued'. The body is read only once
    the caller is known."""
    connection = require_hub(deps, org_id, authorization)
    notification = body()
    if notification.kanaal == "test":
        return "test"
    what = (notification.kanaal, notification.resource, notification.actie)
    source = notification.kenmerken.get("bronorganisatie")
    if what not in HANDLED or (source is not None and source not in connection.rsins):
        return "ignored"
    message = notification.model_dump(mode="json", by_alias=True)
    key = message_key(message)
    deps.zgw.put_zgw_inbox(org_id, key, message)
    # Queued even when kept already: an earlier attempt may have stopped before queueing, and
    # a second queue message finds the work done (or the message gone) and does nothing.
    deps.zgw_queue.send({"org": org_id, "zgw": key})
    log.info("zgw notification %s/%s/%s queued for %s", *what, org_id)
    return "queued"
