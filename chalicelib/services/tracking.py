"""The citizen's view of a case, reached with the tracking token alone."""

from __future__ import annotations

import hmac
from collections.abc import Collection
from dataclasses import dataclass

from chalicelib.domain import clock, links
from chalicelib.domain.answers import TrackingView
from chalicelib.domain.confidentiality import unpublished
from chalicelib.domain.document_views import tracked_documents
from chalicelib.domain.errors import NotFound
from chalicelib.domain.models import Case, CaseType, Organisation
from chalicelib.domain.parties import Party
from chalicelib.domain.retention import expiry_of
from chalicelib.domain.views import tracking_view
from chalicelib.services import family
from chalicelib.services.deps import Deps

UNKNOWN = "This tracking link is not valid."  # the same words whether or not it ever existed


@dataclass(frozen=True)
class Tracked:
    """What a valid, unexpired token reaches: a case with at least one status (while none is one
    its party may read, the page says only that it is being processed), and the party the link is
    for (None: the case's own link, nobody registered)."""

    org: Organisation
    case: Case
    case_type: CaseType
    party_id: str
    party: Party | None
    generation: int


def find(deps: Deps, token: str) -> Tracked:
    """The case behind a token; NotFound with the same words for malformed, unknown, revoked and
    expired tokens, so the answer never tells whether a link ever existed."""
    parts = links.split(token)
    if parts is None:
        raise NotFound(UNKNOWN)
    org_id, token_hash = parts
    found = deps.cases.find_tracking_token(org_id, token_hash)
    if found is None:
        raise NotFound(UNKNOWN)
    case_id, party_id = found
    case = deps.cases.load_case(org_id, case_id)
    # The derived token must still be the party's live token (erased, re-registered); constant time.
    generation = case.link_generation(party_id)
    key = deps.settings.token_key
    if generation is None or not hmac.compare_digest(links.derive(key, org_id, case_id, generation, party_id), token):
        raise NotFound(UNKNOWN)
    org = deps.organisations.get_organisation(org_id)
    case_type = deps.case_types.get_case_type(org_id, case.case_type or "") if case.exists else None
    party = case.party(party_id)
    if org is None or case_type is None:
        raise NotFound(UNKNOWN)
    if unpublished(case.confidentiality, case_type.confidentiality):
        raise NotFound(UNKNOWN)  # too confidential to show: the link answers as an unknown one
    expires = expiry_of(case, case_type)
    if expires is not None and clock.now().timestamp() >= expires:
        raise NotFound(UNKNOWN)  # past retention: gone for the citizen, even before the TTL deletes it
    return Tracked(org, case, case_type, party_id, party, generation)


def link_of(deps: Deps, tracked: Tracked) -> str:
    s = deps.settings
    org_id, case_id = tracked.org.id, tracked.case.id
    return links.tracking_url(s.public_url, s.token_key, org_id, case_id, tracked.generation, tracked.party_id)


def view(deps: Deps, token: str, language: str | None = None, available: Collection[str] | None = None) -> TrackingView:
    """The citizen's JSON. `available`: the languages the caller can show; others fall back to Dutch."""
    tracked = find(deps, token)
    party = tracked.party
    language = language or (party.subscriber.language if party else "nl")
    if available is not None and language not in available:
        language = "nl"
    subcases, parent = family.of(deps, tracked.case, language)
    url = link_of(deps, tracked)
    seen = tracking_view(tracked.org, tracked.case, tracked.case_type, url, language, party, subcases, parent)
    documents = tracked_documents(tracked.case, tracked.case_type, tracked.party_id, url)
    return seen.model_copy(update={"documents": documents})
