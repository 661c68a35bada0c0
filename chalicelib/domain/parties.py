"""The parties of a case: who is told about it, on which channel, through which link.

A case has any number of parties, each with a role and a kind. The v1 subscriber is the party
`initiator`. A party's state is folded from its changes, oldest first: registrations carried
by events or PUTs, citizens' own preference changes, and removals (erasure). Nothing about a
party is stored twice.

A party's tracking link is derived from (organisation, case, party, generation); the
generation counts the party's removals, so a party erased and registered again gets a new link
and the erased one stays dead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from chalicelib.domain.base import Domain

INITIATOR = "initiator"  # the v1 subscriber: party id and role
PERSON_ROLES = ("initiator", "co_initiator", "representative", "interested")
ORGANISATION_ROLES = ("commissioner", "chain_partner")
ROLES = PERSON_ROLES + ORGANISATION_ROLES
KINDS = ("person", "business", "organisation")
PARTY_ID = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"  # no dots: a party id is a path segment in items

Origin = Literal["organisation", "citizen"]


class Subscriber(Domain):
    """How a party hears about the case: a channel, its contact details, a language."""

    channel: str  # a registered channel's name, or `portal` / `none` (nothing is sent)
    phone: str | None = None
    email: str | None = None
    language: str = "nl"

    def contact(self, field: str) -> str | None:
        """The value of a contact field (`phone`, `email`)."""
        value = getattr(self, field, None) if field in ("phone", "email") else None
        return value if isinstance(value, str) else None


class PartyInfo(Domain):
    """Who a party is. Identifiers only as keyed hashes (`domain.privacy.identity_hash`)."""

    role: str = INITIATOR
    kind: str = "person"
    name: str | None = None
    identity: str | None = None  # keyed hash of a BSN, KvK (+ branch) or RSIN
    organisation: str | None = None  # an organisation on this deployment (kind `organisation`)


class Party(Domain):
    party_id: str
    info: PartyInfo
    subscriber: Subscriber
    generation: int = 0

    @property
    def role(self) -> str:
        return self.info.role

    @property
    def kind(self) -> str:
        return self.info.kind

    @property
    def is_organisation(self) -> bool:
        return self.info.kind == "organisation" or self.info.role in ORGANISATION_ROLES

    @property
    def shares_with(self) -> str | None:
        """The organisation on this deployment this party gives read access to the case."""
        if self.info.kind == "organisation" and self.info.role in ORGANISATION_ROLES:
            return self.info.organisation
        return None


class SubscriberChange(Domain):
    """One step in a party's trail: a (re)registration, a preference change, or a removal.

    `info` None keeps who the party is (a citizen changing their channel, a v1 PUT of the
    subscriber); `removed` ends the party: its contact data is erased and its link dies."""

    subscriber: Subscriber
    at: dt.datetime
    origin: Origin
    expires_at: int | None = None  # epoch seconds (DynamoDB TTL); set when the case is closed
    party_id: str = INITIATOR
    info: PartyInfo | None = None
    removed: bool = False


def fold(changes: Iterable[SubscriberChange]) -> tuple[dict[str, Party], dict[str, int]]:
    """The parties as they are now, and each party id's number of removals (its generation)."""
    parties: dict[str, Party] = {}
    removals: dict[str, int] = {}
    for change in sorted(changes, key=lambda c: c.at):
        pid = change.party_id
        if change.removed:
            parties.pop(pid, None)
            removals[pid] = removals.get(pid, 0) + 1
            continue
        before = parties.get(pid)
        default = PartyInfo(role=INITIATOR if pid == INITIATOR else "interested")
        info = change.info or (before.info if before else default)
        parties[pid] = Party(party_id=pid, info=info, subscriber=change.subscriber, generation=removals.get(pid, 0))
    return parties, removals


@dataclass(frozen=True)
class Beyond:
    """A case's items outside its partition: its parties' token lookups and its shares with
    other organisations. Deleting or expiring a case reaches these too."""

    token_hashes: tuple[str, ...] = ()
    shared_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class SharedCase:
    """A case another organisation shares with this one, and as what."""

    owner: str
    case_id: str
    role: str
