"""The routes of an organisation's own settings and its e-mail sender (`GET/PUT /v1/organisation`,
`GET /v1/organisation/sender`). Registered by `app.py` on its app, with its way to reach the
dependencies and the caller's organisation, so this module builds nothing itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalice import Response

from chalicelib.domain.organisation_settings import OrganisationSettingsIn
from chalicelib.domain.sender_identity import SenderUnavailable
from chalicelib.services import organisation_settings
from chalicelib.services.deps import Deps
from chalicelib.web.http import ThreadSafeChalice, answer, handled, parse
from chalicelib.web.problems import ServiceUnavailable


def add_organisation_routes(
    app: ThreadSafeChalice, deps: Callable[[], Deps], organisation: Callable[[], str], **json: Any
) -> None:
    @app.route("/v1/organisation", methods=["GET"], **json)
    @handled
    def get_organisation_settings() -> Response:
        return answer(organisation_settings.get(deps(), organisation()))

    @app.route("/v1/organisation", methods=["PUT"], **json)
    @handled
    def put_organisation_settings() -> Response:
        tenant = organisation()
        data = parse(app.current_request, OrganisationSettingsIn)
        return answer(organisation_settings.put(deps(), tenant, data))

    @app.route("/v1/organisation/sender", methods=["GET"], **json)
    @handled
    def get_organisation_sender() -> Response:
        tenant = organisation()
        try:
            return answer(organisation_settings.sender(deps(), tenant))
        except SenderUnavailable as exc:
            raise ServiceUnavailable(exc.detail, headers={"Retry-After": "5"}) from None
