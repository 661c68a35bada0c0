"""The routes of a ZGW case system's connection, its hub's callback and the catalogue import.
Registered by `app.py` on its app, with its way to reach the dependencies and the caller. The
services are imported by the routes that use them: only organisations with a ZGW case system call
these, and every cold start of the API would pay for them otherwise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalice import Response

from chalicelib.domain.zgw.models import CatalogueImportIn, ConnectionIn, NotificationIn
from chalicelib.services.deps import Deps
from chalicelib.web.http import ThreadSafeChalice, answer, handled, no_content, parse


def add_zgw_routes(
    app: ThreadSafeChalice,
    deps: Callable[[], Deps],
    organisation: Callable[[], str],
    authorization: Callable[[], str | None],
    **json: Any,
) -> None:
    @app.route("/v1/zgw/connection", methods=["PUT"], **json)
    @handled
    def put_zgw_connection() -> Response:
        from chalicelib.services.zgw import connection

        org_id = organisation()
        return answer(connection.put(deps(), org_id, parse(app.current_request, ConnectionIn)))

    @app.route("/v1/zgw/connection", methods=["GET"], **json)
    @handled
    def get_zgw_connection() -> Response:
        from chalicelib.services.zgw import connection

        return answer(connection.get(deps(), organisation()))

    @app.route("/v1/zgw/notifications/{organisation}", methods=["POST"], **json)
    @handled
    def zgw_notification(organisation: str) -> Response:
        from chalicelib.services.zgw import notifications

        request = app.current_request
        notifications.receive(deps(), organisation, authorization(), lambda: parse(request, NotificationIn))
        return no_content()

    @app.route("/v1/zgw/catalogue/import", methods=["POST"], **json)
    @handled
    def import_zgw_catalogue() -> Response:
        from chalicelib.services.zgw import catalogue

        org_id, request = organisation(), app.current_request
        data = parse(request, CatalogueImportIn) if request.raw_body else CatalogueImportIn()
        catalogus = str(data.catalogus) if data.catalogus else None
        return answer(catalogue.import_for(deps(), org_id, catalogus))
