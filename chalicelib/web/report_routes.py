"""The management information routes (contract-v2 §6). Registered by `app.py` on its app, with
its way to reach the dependencies, the caller's organisation and the query string."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalice import Response

from chalicelib.services.deps import Deps
from chalicelib.web.http import ThreadSafeChalice, answer, handled


def add_report_routes(
    app: ThreadSafeChalice,
    deps: Callable[[], Deps],
    organisation: Callable[[], str],
    query: Callable[[], dict[str, str]],
    **json: Any,
) -> None:
    @app.route("/v1/reports", methods=["GET"], **json)
    @handled
    def get_report() -> Response:
        from chalicelib.services import reports  # on the first report: most cold starts need none

        org_id, q = organisation(), query()
        start, end = reports.period(q.get("from"), q.get("to"))
        return answer(reports.report(deps(), org_id, q.get("case_type") or None, start, end))

    @app.route("/v1/reports/overdue", methods=["GET"], **json)
    @handled
    def get_overdue() -> Response:
        from chalicelib.services import reports

        org_id, q = organisation(), query()
        limit = reports.limit_of(q.get("limit"))
        return answer(reports.overdue(deps(), org_id, q.get("case_type") or None, limit))
