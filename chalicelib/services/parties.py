"""The parties of a case: registering, changing and erasing them, their links and shares.

A party's registration writes at most a preference change (PUT) or nothing beyond the event
(an event carrying it), plus its token lookup item when its link is new, and a share item for
an organisation party naming another organisation on this deployment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from chalicelib.domain import clock, links, privacy
from chalicelib.domain.answers import PartyOut
from chalicelib.domain.channels import NO_MESSAGES
from chalicelib.domain.errors import FieldError, NotFound, invalid, invalid_all
from chalicelib.domain.inbound import CASE_ID, IdentifierIn, PartyIn, check_role, party_of
from chalicelib.domain.models import Case, Subscriber, SubscriberChange
from chalicelib.domain.parties import INITIATOR, PARTY_ID, Beyond, Party
from chalicelib.domain.retention import change_expiry
from chalicelib.domain.test_mode import is_test
from chalicelib.domain.views import party_out
from chalicelib.services import citizen_index, phone_countries
from chalicelib.services.deps import Deps


def identity(deps: Deps, identifier: IdentifierIn | None) -> str | None:
    """The keyed hash that stands in for a BSN, KvK (+ branch) or RSIN."""
    number = identifier.kind_and_number if identifier else None
    return privacy.identity_hash(deps.settings.identity_key, *number) if number else None


def check_organisations(deps: Deps, org_id: str, parties: Iterable[tuple[str, PartyIn]]) -> None:
    """An organisation party must name another organisation on this deployment."""
    errors = []
    for where, data in parties:
        named = data.identifier.organisation if data.identifier else None
        if named is not None and is_test(org_id):  # a test case is shown to no organisation
            errors.append(FieldError(f"{where}identifier.organisation", "a test client's cases are not shared"))
        elif named is not None and (named == org_id or deps.organisations.get_organisation(named) is None):
            errors.append(FieldError(f"{where}identifier.organisation", "names no other organisation here"))
    if errors:
        raise invalid_all("The parties have", errors)


def link(deps: Deps, case: Case, party_id: str) -> str | None:
    generation = case.link_generation(party_id)
    if generation is None:
        return None
    s = deps.settings
    return links.tracking_url(s.public_url, s.token_key, case.org_id, case.id, generation, party_id)


def beyond(deps: Deps, case: Case) -> Beyond:
    """The case's items outside its partition: live token lookups and shares."""
    key = deps.settings.token_key
    ids = set(case.parties) | {INITIATOR}
    hashes = []
    for pid in sorted(ids):
        generation = case.link_generation(pid)
        if generation is not None:
            hashes.append(links.token_hash_of(key, case.org_id, case.id, generation, pid))
    return Beyond(token_hashes=tuple(hashes), shared_with=tuple(case.shared_with()))


def follow(deps: Deps, before: Case, after: Case, expires_at: int | None) -> None:
    """Bring token lookups and shares in line with the parties after a change: a new (or
    re-registered) party gets its token item, a share follows its organisation party."""
    key = deps.settings.token_key
    for pid, party in after.parties.items():
        old = before.parties.get(pid)
        if old is None or old.generation != party.generation or not before.known:
            token = links.token_hash_of(key, after.org_id, after.id, party.generation, pid)
            deps.cases.put_tracking_token(after.org_id, token, after.id, pid, expires_at)
    if not before.exists and after.exists and INITIATOR not in after.parties:
        generation = after.link_generation(INITIATOR)
        if generation is not None:  # the case's own link, before anyone registered as initiator
            token = links.token_hash_of(key, after.org_id, after.id, generation)
            deps.cases.put_tracking_token(after.org_id, token, after.id, expires_at=expires_at)
    _follow_shares(deps, before, after, expires_at)


def _follow_shares(deps: Deps, before: Case, after: Case, expires_at: int | None) -> None:
    old = {p.party_id: (p.shares_with, p.role) for p in before.parties.values() if p.shares_with}
    new = {p.party_id: (p.shares_with, p.role) for p in after.parties.values() if p.shares_with}
    still = {org for org, _ in new.values()}
    for org, _ in old.values():
        if org not in still:
            deps.cases.unshare_case(after.org_id, after.id, org or "")
    for pid, (org, role) in new.items():
        if old.get(pid) != (org, role):
            deps.cases.share_case(after.org_id, after.id, org or "", role, expires_at)


def _load_known(deps: Deps, org_id: str, case_id: str, party_id: str) -> Case:
    # Ids no request could have registered are not looked up (nor echoed): DynamoDB's key size
    # limit would make an overlong one a 500.
    if not re.fullmatch(CASE_ID, case_id) or not re.fullmatch(PARTY_ID, party_id):
        raise NotFound("There is no such party.")
    return deps.cases.load_case(org_id, case_id)


def put(
    deps: Deps, org_id: str, case_id: str, party_id: str, data: PartyIn, keep_info: bool = False
) -> tuple[PartyOut, bool]:
    """Register or replace a party, before or after the case's first event. True when new.
    `keep_info`: only the contact preference changes (v1's subscriber)."""
    case = _load_known(deps, org_id, case_id, party_id)
    if (problem := check_role(party_id, data.role)) is not None:
        raise invalid("role", problem)
    check_organisations(deps, org_id, [("", data)])
    phone_countries.check_phones(deps, org_id, [("phone", data.phone)])
    party = party_of(party_id, data, identity(deps, data.identifier))
    before = case.party(party_id)
    if keep_info and before is not None:
        party = party.model_copy(update={"info": before.info})
    created, now = before is None, clock.now()
    expires_at = change_expiry(case, deps.case_types.get_case_type(org_id, case.case_type or ""), now)
    change = SubscriberChange(
        subscriber=party.subscriber,
        at=now,
        origin="organisation",
        expires_at=expires_at,
        party_id=party_id,
        info=party.info,
    )
    deps.cases.add_subscriber_change(org_id, case_id, change)
    after = case.model_copy(update={"subscriber_changes": (*case.subscriber_changes, change)})
    follow(deps, case, after, expires_at)
    citizen_index.follow(deps, case, after, expires_at)
    stored = after.parties[party_id]
    return party_out(stored, link(deps, after, party_id)), created


def erase(deps: Deps, org_id: str, case_id: str, party_id: str | None) -> None:
    """The right to erasure, for one party (None: every party of the case): its contact data
    leaves every item at once, its link dies, its share ends. A notification already queued
    finds no address when it is sent and is suppressed."""
    case = _load_known(deps, org_id, case_id, party_id or INITIATOR)
    targets = list(case.parties) if party_id is None else [party_id]
    if not case.known or (party_id is not None and case.link_generation(party_id) is None):
        raise NotFound("There is no such party.")
    if party_id is None and not targets and case.link_generation(INITIATOR) is None:
        raise NotFound("Every party of the case was erased already.")
    before = beyond(deps, case)
    deps.cases.erase_contact_data(org_id, case_id, party_id)
    expires_at = change_expiry(case, deps.case_types.get_case_type(org_id, case.case_type or ""), clock.now())
    changes = []
    for pid in targets or [INITIATOR]:
        language = party.subscriber.language if (party := case.party(pid)) else "nl"
        removal = SubscriberChange(
            subscriber=Subscriber(channel=NO_MESSAGES, language=language),
            at=clock.now(),
            origin="organisation",
            expires_at=expires_at,
            party_id=pid,
            removed=True,
        )
        deps.cases.add_subscriber_change(org_id, case_id, removal)
        changes.append(removal)
    after = case.model_copy(update={"subscriber_changes": (*case.subscriber_changes, *changes)})
    for token in set(before.token_hashes) - set(beyond(deps, after).token_hashes):
        deps.cases.delete_tracking_token(org_id, token)
    _follow_shares(deps, case, after, expires_at)
    citizen_index.follow(deps, case, after, expires_at)


def party_list(deps: Deps, case: Case) -> list[PartyOut]:
    return [party_out(p, link(deps, case, p.party_id)) for p in case.parties.values()]


def get(deps: Deps, org_id: str, case_id: str, party_id: str) -> PartyOut:
    case = _load_known(deps, org_id, case_id, party_id)
    party = case.party(party_id)
    if party is None:
        raise NotFound("There is no such party.")
    return party_out(party, link(deps, case, party_id))


def parties_of_event(deps: Deps, data_parties: Iterable[tuple[str, PartyIn]]) -> tuple[Party, ...]:
    return tuple(party_of(pid, data, identity(deps, data.identifier)) for pid, data in data_parties)
