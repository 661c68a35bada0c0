"""The organisation's view of a case, its parties, and the cases shared with it."""

from __future__ import annotations

import re

from chalicelib.domain.answers import CaseView, MaskedSubscriber, SharedCaseList, SharedCaseOut, SharedCurrentStatus
from chalicelib.domain.errors import NotFound
from chalicelib.domain.inbound import CASE_ID, ORG_ID, PartyIn, SubscriberIn
from chalicelib.domain.models import Case
from chalicelib.domain.parties import INITIATOR
from chalicelib.domain.views import case_view
from chalicelib.services import parties
from chalicelib.services.deps import Deps

MAX_SHARED = 200  # the newest shared cases listed; more would need paging


def _load(deps: Deps, org_id: str, case_id: str) -> Case:
    # An id no event could have created is not looked up (nor echoed): a key of any length
    # from the URL would otherwise reach DynamoDB, whose key size limit makes it a 500.
    if not re.fullmatch(CASE_ID, case_id):
        raise NotFound("There is no such case.")
    case = deps.cases.load_case(org_id, case_id)
    if not case.known:
        raise NotFound(f"There is no case '{case_id}'.")
    return case


def view(deps: Deps, org_id: str, case_id: str) -> CaseView:
    case = _load(deps, org_id, case_id)
    case_type = deps.case_types.get_case_type(org_id, case.case_type or "")
    return case_view(case, case_type, parties.link(deps, case, INITIATOR), parties.party_list(deps, case))


def set_subscriber(deps: Deps, org_id: str, case_id: str, data: SubscriberIn) -> MaskedSubscriber:
    """v1: the initiator party's preference. No 404 for a case without events: a case system
    (ZGW) registers the preference when the zaak is created, before its first status."""
    party = PartyIn(role=INITIATOR, **data.model_dump())
    # Who the initiator is (kind, name, identifier) stays as registered: v1 sends contact only.
    saved, _ = parties.put(deps, org_id, case_id, INITIATOR, party, keep_info=True)
    return MaskedSubscriber(channel=saved.channel, language=saved.language, phone=saved.phone, email=saved.email)


def erase_subscriber(deps: Deps, org_id: str, case_id: str) -> None:
    """v1's erasure: the initiator's contact data goes from every item, and its link dies."""
    parties.erase(deps, org_id, case_id, INITIATOR)


def shared_list(deps: Deps, org_id: str) -> SharedCaseList:
    """The cases other organisations share with this one (as commissioner or chain partner)."""
    cases = []
    for shared in deps.cases.shared_with(org_id)[:MAX_SHARED]:
        case = deps.cases.load_case(shared.owner, shared.case_id)
        if org_id not in case.shared_with():
            continue  # the share ended meanwhile
        case_type = deps.case_types.get_case_type(shared.owner, case.case_type or "")
        current = case.current
        status = case_type.status(current.status) if case_type and current else None
        cases.append(
            SharedCaseOut(
                organisation=shared.owner,
                case_id=shared.case_id,
                case_type=case.case_type,
                role=shared.role,
                current_status=SharedCurrentStatus(code=current.status, name=status.name if status else current.status)
                if current
                else None,
                updated_at=max(e.received_at for e in case.events).isoformat() if case.events else None,
            )
        )
    return SharedCaseList(cases=sorted(cases, key=lambda c: c.updated_at or "", reverse=True))


def shared_view(deps: Deps, org_id: str, owner: str, case_id: str) -> CaseView:
    """A case shared with this organisation: every status, no party's contact data; 404 unless
    it is shared with this organisation now (the same answer as for no case at all)."""
    if not re.fullmatch(ORG_ID, owner) or not re.fullmatch(CASE_ID, case_id) or owner == org_id:
        raise NotFound("There is no such shared case.")
    case = deps.cases.load_case(owner, case_id)
    if org_id not in case.shared_with():
        raise NotFound("There is no such shared case.")
    case_type = deps.case_types.get_case_type(owner, case.case_type or "")
    listed = [
        p.model_copy(
            update={"phone": None, "email": None, "tracking_url": None, "name": None if p.kind == "person" else p.name}
        )
        for p in parties.party_list(deps, case)
    ]
    return case_view(case, case_type, None, listed, contact=False)
