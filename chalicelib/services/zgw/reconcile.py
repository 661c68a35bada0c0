"""The backup poll the standard asks for: the hub may lose messages, so read the current status of
every open (or just closed) zaak from the Zaken API and feed what zaakstatus has not seen through
the same pipeline. A status already known costs one Query and no event; nothing is sent twice."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Iterator
from typing import Any

from chalicelib.domain.zgw.errors import Unresolvable, ZgwError
from chalicelib.domain.zgw.statuses import case_id_of, event_key_of
from chalicelib.ports import ZgwApi
from chalicelib.services.deps import Deps
from chalicelib.services.zgw.connection import api
from chalicelib.services.zgw.resolve import resolve_status

log = logging.getLogger(__name__)
RECENTLY_CLOSED = dt.timedelta(days=3)  # a lost final status still shows up for three days


def _zaken(client: ZgwApi, rsin: str, today: dt.date) -> Iterator[dict[str, Any]]:
    """Open zaken, and zaken closed in the last days: the final status sets `einddatum`, so a
    lost final message would otherwise never be looked for."""
    url = client.zaken_api + "zaken"
    yield from client.pages(url, {"bronorganisatie": rsin, "einddatum__isnull": "true"})
    since = (today - RECENTLY_CLOSED).isoformat()
    yield from client.pages(url, {"bronorganisatie": rsin, "einddatum__gt": since})


def reconcile(deps: Deps, org_id: str, today: dt.date | None = None) -> dict[str, int]:
    connection = deps.zgw.get_zgw_connection(org_id)
    counts: Counter[str] = Counter()
    if connection is None:
        return dict(counts)
    client = api(deps, connection)
    for rsin in connection.rsins:
        for zaak in _zaken(client, rsin, today or dt.date.today()):
            status_url = zaak.get("status")
            if not status_url:
                counts["without status"] += 1
                continue
            case = deps.cases.load_case(org_id, case_id_of(zaak["identificatie"]))
            if case.event(event_key_of(status_url)) is not None:
                counts["known"] += 1
                continue
            try:
                resolve_status(deps, connection, client, status_url)
                counts["recovered"] += 1
            except Unresolvable:
                counts["unresolvable"] += 1
    return dict(counts)


def reconcile_all(deps: Deps) -> dict[str, dict[str, int]]:
    results = {}
    for org_id in deps.zgw.list_zgw_organisations():
        try:
            results[org_id] = reconcile(deps, org_id)
        except ZgwError as exc:  # one organisation's API being down must not stop the others
            log.warning("zgw reconciliation of %s failed: %s", org_id, exc)
            results[org_id] = {"failed": 1}
        log.info("zgw reconciliation of %s: %s", org_id, results[org_id])
    return results
