"""The contact centre's case look-up: the organisation's own view of a case (as `GET
/v1/cases/{id}` gives it, contact data masked), with which statuses are internal. A caller is
answered from it; nobody of another organisation ever reaches it (the session's organisation is
the only one looked in)."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.answers import CaseView
from chalicelib.domain.errors import Forbidden
from chalicelib.domain.staff import StaffSession
from chalicelib.services import cases
from chalicelib.services.deps import Deps

LOOKUP_ROLES = ("admin", "agent")  # a viewer reads reports, not cases


@dataclass(frozen=True)
class CaseLookup:
    view: CaseView
    internal: frozenset[str]  # codes of statuses citizens never see
    case_type_name: str | None


def may_look_up(session: StaffSession) -> bool:
    return session.role in LOOKUP_ROLES


def look_up(deps: Deps, session: StaffSession, case_id: str) -> CaseLookup:
    """NotFound for an unknown case (or one of another organisation: the same answer)."""
    if not may_look_up(session):
        raise Forbidden("Your role does not allow looking up cases.")
    view = cases.view(deps, session.org_id, case_id)
    case_type = deps.case_types.get_case_type(session.org_id, view.case_type or "")
    internal = frozenset(s.code for s in case_type.statuses if not s.public) if case_type else frozenset()
    return CaseLookup(view=view, internal=internal, case_type_name=case_type.name if case_type else None)
