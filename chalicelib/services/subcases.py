"""Sub-cases across organisations: a case another organisation handles as part of a case of
yours (a municipality felling trees for an environmental service's permit).

The parent's organisation allows a partner once (`PUT /v1/partners/{org}`); the partner's
events then name the parent in `case.parent`. The permission is checked before the parent is
looked up, so a partner without it learns nothing about the parent's cases.
"""

from __future__ import annotations

from chalicelib.domain.answers import PartnerOut
from chalicelib.domain.errors import Forbidden, NotFound, invalid
from chalicelib.domain.inbound import EventIn
from chalicelib.services.deps import Deps


def check_parent(deps: Deps, org_id: str, data: EventIn) -> tuple[str, str] | None:
    """The (organisation, case id) an event's `case.parent` names, once allowed and found."""
    parent = data.case.parent
    if parent is None:
        return None
    if parent.organisation == org_id or not deps.organisations.is_partner(parent.organisation, org_id):
        raise Forbidden("Your organisation may not link sub-cases to that organisation's cases.")
    if not deps.cases.load_case(parent.organisation, parent.case_id).exists:
        raise invalid("case.parent", "there is no such parent case")
    return parent.organisation, parent.case_id


def link(deps: Deps, org_id: str, case_id: str, parent: tuple[str, str]) -> None:
    deps.cases.link_subcase(parent[0], parent[1], org_id, case_id)


def set_partner(deps: Deps, org_id: str, partner: str, subcases: bool) -> PartnerOut:
    if partner == org_id or deps.organisations.get_organisation(partner) is None:
        raise NotFound("There is no such organisation.")
    deps.organisations.set_partner(org_id, partner, subcases)
    return PartnerOut(organisation=partner, subcases=subcases)
