"""A case's sub-cases and parent, as its page shows them: each one's organisation, case type
and current public status, read when the page is read (public statuses only)."""

from __future__ import annotations

from chalicelib.domain.answers import ParentOut, SubcaseOut, TrackedStatus
from chalicelib.domain.confidentiality import unpublished
from chalicelib.domain.models import Case, text_in
from chalicelib.domain.rendering import PLACEHOLDER
from chalicelib.services.deps import Deps

MAX_SUBCASES = 50  # a page lists at most this many; a case has a handful in practice


def of(deps: Deps, case: Case, language: str) -> tuple[list[SubcaseOut], ParentOut | None]:
    subcases = [
        s for org_id, case_id in case.subcases[:MAX_SUBCASES] if (s := _subcase(deps, org_id, case_id, language))
    ]
    return subcases, _parent(deps, case, language)


def _subcase(deps: Deps, org_id: str, case_id: str, language: str) -> SubcaseOut | None:
    sub = deps.cases.load_case(org_id, case_id)
    org = deps.organisations.get_organisation(org_id)
    case_type = deps.case_types.get_case_type(org_id, sub.case_type or "") if sub.exists else None
    current = sub.current_public(case_type) if case_type else None
    if org is None or case_type is None or current is None:
        return None  # gone (retention, erasure) or nothing public yet
    if unpublished(sub.confidentiality, case_type.confidentiality):
        return None  # too confidential to show anywhere
    status = case_type.status(current.status)
    # The sub-case's text is written for its own reader and may name their case's details:
    # where it has placeholders, the parent's page shows the status's name instead.
    text = text_in(status.text, language) if status else ""
    if not text or PLACEHOLDER.search(text):
        text = status.name if status else current.status
    return SubcaseOut(
        organisation_name=org.name,
        case_type_name=case_type.public_name_in(language),
        current_status=TrackedStatus(text=text, since=current.occurred_at.isoformat()),
        closed=case_type.is_final(current.status),
    )


def _parent(deps: Deps, case: Case, language: str) -> ParentOut | None:
    if case.parent is None:
        return None
    org_id, case_id = case.parent
    parent = deps.cases.load_case(org_id, case_id)
    org = deps.organisations.get_organisation(org_id)
    case_type = deps.case_types.get_case_type(org_id, parent.case_type or "") if parent.exists else None
    if org is None or case_type is None:
        return None
    return ParentOut(organisation_name=org.name, case_type_name=case_type.public_name_in(language))
