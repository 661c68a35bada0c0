"""The backup poll the standard asks for: the hub may lose messages, so read the current status of
every open (or just closed) zaak from the Zaken API and feed what zaakstatus has not seen through
the same pipeline. A status already known costs one Query and no event; nothing is sent twice."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Iterator
from typing import Any

from chalicelib.domain.zgw.errors import ForeignUrl, Unresolvable, ZgwNotFound
from chalicelib.domain.zgw.models import Connection
from chalicelib.domain.zgw.statuses import case_id_of, event_key_of
from chalicelib.ports import ZgwApi
from chalicelib.services.deps import Deps
from chalicelib.services.zgw.connection import api
from chalicelib.services.zgw.resolve import resolve_status

log = logging.getLogger(__name__)
RECENTLY_CLOSED = dt.timedelta(days=3)  # a lost final status still shows up for three days
FAILED_METRIC = "ScheduledRunFailures"  # per job and exception type; the organisation is in the log


def _zaken(client: ZgwApi, rsin: str, today: dt.date) -> Iterator[dict[str, Any]]:
    """Open zaken, and zaken closed in the last days: the final status sets `einddatum`, so a
    lost final message would otherwise never be looked for."""
    url = client.zaken_api + "zaken"
    yield from client.pages(url, {"bronorganisatie": rsin, "einddatum__isnull": "true"})
    since = (today - RECENTLY_CLOSED).isoformat()
    yield from client.pages(url, {"bronorganisatie": rsin, "einddatum__gt": since})


def reconcile(deps: Deps, org_id: str, today: dt.date | None = None) -> dict[str, int]:
    counts: Counter[str] = Counter()
    connection = deps.zgw.get_zgw_connection(org_id)
    if connection is None:
        return dict(counts)
    client = api(deps, connection)
    for rsin in connection.rsins:
        for zaak in _zaken(client, rsin, today or dt.date.today()):
            try:
                counts[_reconcile_zaak(deps, connection, client, zaak)] += 1
            except (ZgwNotFound, ForeignUrl, KeyError, TypeError, AttributeError, ValueError) as exc:
                # One zaak the API answers oddly (no identificatie, a URL outside the connection,
                # a status gone since) is skipped; an API that is down stops this organisation.
                log.warning("zgw reconciliation of %s skipped a zaak: %s", org_id, type(exc).__name__)
                counts["skipped"] += 1
    return dict(counts)


def _reconcile_zaak(deps: Deps, connection: Connection, client: ZgwApi, zaak: dict[str, Any]) -> str:
    status_url = zaak.get("status")
    if not status_url:
        return "without status"
    case = deps.cases.load_case(connection.org_id, case_id_of(zaak["identificatie"]))
    if case.event(event_key_of(status_url)) is not None:
        return "known"
    try:
        resolve_status(deps, connection, client, status_url)
    except Unresolvable:
        return "unresolvable"
    return "recovered"


def reconcile_all(deps: Deps) -> dict[str, dict[str, int]]:
    """Every connected organisation in turn. One organisation's failure, whatever it is (its API
    down, an answer we did not foresee, a bug), is logged with its id and the exception's type
    only (a message could quote personal data), counted in the metric and in its result, and the
    run goes on with the next."""
    results = {}
    for org_id in deps.zgw.list_zgw_organisations():
        try:
            results[org_id] = reconcile(deps, org_id)
        except Exception as exc:  # noqa: BLE001 - isolation between organisations is the point
            log.warning("zgw reconciliation of %s failed: %s", org_id, type(exc).__name__)
            deps.metrics.count(FAILED_METRIC, job="zgw-reconcile", error=type(exc).__name__)
            results[org_id] = {"failed": 1}
        log.info("zgw reconciliation of %s: %s", org_id, results[org_id])
    return results
