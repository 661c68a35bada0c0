"""Keeping a citizen's index in step with the parties of a case.

Every change of a party's contact or of the case's initiator passes here with the case before
and after it. A party is found by one address (`contact_of`). An address or identity that is
new gets its reference (one write); one that is gone loses it (one delete), so an erased party's
case leaves the overview at once. When a party's address is replaced by another, only the new
one is written: the old reference no longer matches the case, and the overview
(services/my_cases.py) checks every reference against the case before it shows anything. So a
change costs at most one write, plus one when an event first names the case's initiator.
Test tenants are never indexed: a live citizen's overview never shows a test case.
"""

from __future__ import annotations

from chalicelib.domain.channels import CHANNELS
from chalicelib.domain.citizen import CaseRef, address_key, contact_hash, identity_key
from chalicelib.domain.models import Case, Subscriber
from chalicelib.domain.parties import INITIATOR
from chalicelib.domain.test_mode import is_test
from chalicelib.services.deps import Deps

Entry = tuple[str, str]  # (index key, party id)


def initiator_of(case: Case) -> str | None:
    """The initiator's identity hash the newest event gave."""
    for event in sorted(case.events, key=lambda e: e.received_at, reverse=True):
        if event.initiator:
            return event.initiator
    return None


def contact_of(subscriber: Subscriber) -> str | None:
    """The one address a party is found by: the one its channel sends to, else the e-mail address,
    else the mobile number it has (one address per party keeps a change at one write)."""
    spec = CHANNELS.get(subscriber.channel)
    chosen = subscriber.contact(spec.contact.name) if spec else None
    return chosen or subscriber.email or subscriber.phone


def entries(token_key: str, case: Case) -> set[Entry]:
    """The index entries the case should have now."""
    if is_test(case.org_id):
        return set()
    found: set[Entry] = set()
    for pid, party in case.parties.items():
        if (value := contact_of(party.subscriber)) is not None:
            found.add((address_key(contact_hash(token_key, value)) or "", pid))
        if party.info.identity and not party.is_organisation:
            found.add((identity_key(party.info.identity) or "", pid))
    if (initiator := initiator_of(case)) is not None and case.link_generation(INITIATOR) is not None:
        found.add((identity_key(initiator) or "", INITIATOR))
    return found


def follow(deps: Deps, before: Case, after: Case, expires_at: int | None) -> None:
    index = deps.citizen_index
    if index is None:
        return
    key = deps.settings.token_key
    old, new = entries(key, before), entries(key, after)
    added = new - old
    replaced = {(k[:2], pid) for k, pid in added}  # same kind of key, same party
    for index_key, pid in sorted(added):
        index.put_ref(index_key, CaseRef(org_id=after.org_id, case_id=after.id, party_id=pid), expires_at)
    for index_key, pid in sorted(old - new):
        if (index_key[:2], pid) not in replaced:
            index.delete_ref(index_key, CaseRef(org_id=after.org_id, case_id=after.id, party_id=pid))


def stamp(deps: Deps, case: Case, expires_at: int | None) -> int:
    """The case's index entries expire with it (or no longer, once it reopens); returns the writes.
    Run by the retention sweep, so an entry never outlives the case it points to."""
    index = deps.citizen_index
    if index is None:
        return 0
    found = sorted(entries(deps.settings.token_key, case))
    for index_key, pid in found:
        index.put_ref(index_key, CaseRef(org_id=case.org_id, case_id=case.id, party_id=pid), expires_at)
    return len(found)


def forget(deps: Deps, case: Case) -> None:
    """A case being deleted leaves the citizens' indexes first (a retry still finds the case)."""
    index = deps.citizen_index
    if index is None:
        return
    for index_key, pid in sorted(entries(deps.settings.token_key, case)):
        index.delete_ref(index_key, CaseRef(org_id=case.org_id, case_id=case.id, party_id=pid))


def matches(token_key: str, case: Case, index_key: str, party_id: str) -> bool:
    """The reference still holds: the case's party has this address or identity now."""
    return (index_key, party_id) in entries(token_key, case)
