"""The ZGW queue's messages (`{"org", "zgw": <inbox key>}`): resolve, then forget the message.

A ZGW API that cannot be reached (after the client's own short retries) raises `ZgwError`: the
message fails and returns to the queue after a delay that doubles per receive; after the queue's
receive limit SQS moves it to the dead-letter queue, and the scheduled reconciliation recovers
the status from the Zaken API anyway. What can never succeed (a resource that is gone, a URL
outside the connection, a status no case type can take) is logged and dropped.
"""

from __future__ import annotations

import logging
from typing import Any

from chalicelib.domain.zgw.errors import ForeignUrl, Unresolvable, ZgwNotFound
from chalicelib.domain.zgw.models import NotificationIn
from chalicelib.domain.zgw.statuses import STATUS_CREATE, ZAAK_DESTROY, zaak_hash
from chalicelib.services import citizen_index, documents, parties, report_hooks
from chalicelib.services.deps import Deps
from chalicelib.services.zgw.connection import api
from chalicelib.services.zgw.resolve import resolve_status

log = logging.getLogger(__name__)


def process(deps: Deps, body: dict[str, Any]) -> str:
    org_id, key = body["org"], body["zgw"]
    message = deps.zgw.get_zgw_inbox(org_id, key)
    if message is None:
        return "done before"
    outcome = _process(deps, org_id, NotificationIn.model_validate(message))
    deps.zgw.delete_zgw_inbox(org_id, key)
    return outcome


def _process(deps: Deps, org_id: str, notification: NotificationIn) -> str:
    connection = deps.zgw.get_zgw_connection(org_id)
    if connection is None:
        return "no connection"
    what = (notification.kanaal, notification.resource, notification.actie)
    if what == ZAAK_DESTROY:
        return destroy(deps, org_id, str(notification.resource_url))
    if what != STATUS_CREATE:
        return "ignored"
    try:
        return resolve_status(deps, connection, api(deps, connection), str(notification.resource_url))
    except (ZgwNotFound, ForeignUrl, Unresolvable) as exc:
        log.warning("zgw status for %s dropped: %s: %s", org_id, type(exc).__name__, exc)
        return "dropped"


def destroy(deps: Deps, org_id: str, zaak_url: str) -> str:
    digest = zaak_hash(zaak_url)
    link = deps.zgw.get_zgw_zaak(org_id, digest)
    if link is None:
        return "unknown zaak"
    case = deps.cases.load_case(org_id, link.case_id)
    documents.forget_contents(deps, case)  # the objects first: a retry still finds their items
    citizen_index.forget(deps, case)
    deps.cases.delete_case(org_id, link.case_id, parties.beyond(deps, case))
    report_hooks.case_removed(deps, case)  # an open case leaves the reports' open and overdue cases
    deps.zgw.delete_zgw_zaak(org_id, digest)
    return "destroyed"
