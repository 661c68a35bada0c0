"""The routes of a case's parties, shared cases and sub-case partners. Registered by `app.py`
on its app, with its way to reach the dependencies and the caller's organisation, so this
module stays in the web layer (it builds nothing itself)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalice import Response

from chalicelib.domain.inbound import PartnerIn, PartyIn
from chalicelib.services import cases, parties, subcases
from chalicelib.services.deps import Deps
from chalicelib.web.http import ThreadSafeChalice, answer, handled, no_content, parse


def add_party_routes(
    app: ThreadSafeChalice, deps: Callable[[], Deps], organisation: Callable[[], str], **json: Any
) -> None:
    @app.route("/v1/cases/{case_id}/parties", methods=["DELETE"], **json)
    @handled
    def erase_parties(case_id: str) -> Response:
        parties.erase(deps(), organisation(), case_id, None)
        return no_content()

    @app.route("/v1/cases/{case_id}/parties/{party_id}", methods=["GET"], **json)
    @handled
    def get_party(case_id: str, party_id: str) -> Response:
        return answer(parties.get(deps(), organisation(), case_id, party_id))

    @app.route("/v1/cases/{case_id}/parties/{party_id}", methods=["PUT"], **json)
    @handled
    def put_party(case_id: str, party_id: str) -> Response:
        org_id = organisation()
        saved, created = parties.put(deps(), org_id, case_id, party_id, parse(app.current_request, PartyIn))
        return answer(saved, 201 if created else 200)

    @app.route("/v1/cases/{case_id}/parties/{party_id}", methods=["DELETE"], **json)
    @handled
    def erase_party(case_id: str, party_id: str) -> Response:
        parties.erase(deps(), organisation(), case_id, party_id)
        return no_content()

    @app.route("/v1/shared-cases", methods=["GET"], **json)
    @handled
    def list_shared_cases() -> Response:
        return answer(cases.shared_list(deps(), organisation()))

    @app.route("/v1/shared-cases/{owner}/{case_id}", methods=["GET"], **json)
    @handled
    def get_shared_case(owner: str, case_id: str) -> Response:
        return answer(cases.shared_view(deps(), organisation(), owner, case_id))

    @app.route("/v1/partners/{partner}", methods=["PUT"], **json)
    @handled
    def put_partner(partner: str) -> Response:
        org_id = organisation()
        allowed = parse(app.current_request, PartnerIn).subcases
        return answer(subcases.set_partner(deps(), org_id, partner, allowed))

    @app.route("/v1/partners/{partner}", methods=["DELETE"], **json)
    @handled
    def delete_partner(partner: str) -> Response:
        subcases.set_partner(deps(), organisation(), partner, False)
        return no_content()
