"""A signed-in citizen's cases across every organisation on this deployment ("Mijn zaken").

The index gives references under the session's address and identity; each is checked against
the case itself (the party still has that address or identity), so an entry left behind shows
nothing. A case shows as its tracking page would: no internal statuses, nothing above the case
type's `publish_up_to`, nothing past retention. Open cases come first, each group newest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.domain import clock
from chalicelib.domain.citizen import CitizenSession
from chalicelib.domain.confidentiality import unpublished
from chalicelib.domain.models import Case, CaseType, Organisation, Party, SubscriberChange
from chalicelib.domain.my_cases_answers import ChangedForAll, MyCaseOut, MyCasesOut, MyStatusOut
from chalicelib.domain.parties import INITIATOR
from chalicelib.domain.retention import expiry_of
from chalicelib.domain.views import tracking_view
from chalicelib.services import citizen_index, parties, phone_countries, preferences
from chalicelib.services.deps import Deps

MAX_REFERENCES = 500  # per index key: bounds the work of one overview


@dataclass(frozen=True)
class Mine:
    org: Organisation
    case: Case
    case_type: CaseType
    party: Party | None  # None: the initiator known by identity only, with no preference yet
    party_id: str
    url: str


def mine(deps: Deps, session: CitizenSession) -> list[Mine]:
    """The cases the session's address or identity is a party of, each once."""
    index = deps.citizen_index
    if index is None:
        return []
    wanted: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for key in session.keys():
        for ref in index.refs(key)[:MAX_REFERENCES]:
            wanted.setdefault((ref.org_id, ref.case_id), []).append((key, ref.party_id))
    found = []
    for (org_id, case_id), keyed in sorted(wanted.items()):
        item = _one(deps, org_id, case_id, keyed)
        if item is not None:
            found.append(item)
    return found


def _one(deps: Deps, org_id: str, case_id: str, keyed: list[tuple[str, str]]) -> Mine | None:
    case = deps.cases.load_case(org_id, case_id)
    token_key = deps.settings.token_key
    # The initiator's party first: their link is the case's own.
    held = sorted({pid for key, pid in keyed if citizen_index.matches(token_key, case, key, pid)}, key=_initiator_first)
    org = deps.organisations.get_organisation(org_id)
    case_type = deps.case_types.get_case_type(org_id, case.case_type or "") if case.exists else None
    if not held or org is None or case_type is None or unpublished(case.confidentiality, case_type.confidentiality):
        return None
    expires = expiry_of(case, case_type)
    if expires is not None and clock.now().timestamp() >= expires:
        return None  # past retention: gone for the citizen, even before the TTL deletes it
    for party_id in held:
        url = parties.link(deps, case, party_id)
        if url is not None:
            return Mine(org, case, case_type, case.party(party_id), party_id, url)
    return None


def _initiator_first(party_id: str) -> tuple[bool, str]:
    return party_id != INITIATOR, party_id


def overview(deps: Deps, session: CitizenSession, language: str = "nl") -> MyCasesOut:
    cases = []
    for m in mine(deps, session):
        seen = tracking_view(m.org, m.case, m.case_type, m.url, language, m.party)
        status = MyStatusOut(text=seen.current_status.text, since=seen.current_status.since)
        cases.append(
            MyCaseOut(
                organisation_name=m.org.name,
                case_type_name=seen.case.case_type,
                case_id=m.case.id,
                current_status=status,
                closed=seen.closed,
                expected_end_date=seen.expected_end_date,
                tracking_url=m.url,
            )
        )
    cases.sort(key=lambda c: c.current_status.since, reverse=True)
    cases.sort(key=lambda c: c.closed)
    return MyCasesOut(cases=cases)


def change_all(deps: Deps, session: CitizenSession, fields: dict[str, Any]) -> ChangedForAll:
    """One preference for every case of the citizen: each checked first (a contact left empty
    keeps each party's own), then each stored as the citizen's change in its case's trail."""
    found = mine(deps, session)
    chosen = [preferences.validated(fields, m.party.subscriber if m.party else None) for m in found]
    for m, subscriber in zip(found, chosen, strict=True):
        phone_countries.check_phones(deps, m.org.id, [("phone", subscriber.phone)])
    changed = 0
    for m, subscriber in zip(found, chosen, strict=True):
        if m.party is not None and subscriber == m.party.subscriber:
            continue
        expires_at = expiry_of(m.case, m.case_type)
        change = SubscriberChange(
            subscriber=subscriber, at=clock.now(), origin="citizen", expires_at=expires_at, party_id=m.party_id
        )
        deps.cases.add_subscriber_change(m.org.id, m.case.id, change)
        after = m.case.model_copy(update={"subscriber_changes": (*m.case.subscriber_changes, change)})
        citizen_index.follow(deps, m.case, after, expires_at)
        changed += 1
    return ChangedForAll(changed=changed)
