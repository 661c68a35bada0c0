"""The citizen's view of a case, reached with the tracking token alone."""

from __future__ import annotations

import hmac
from collections.abc import Collection
from dataclasses import dataclass

from chalicelib.domain import clock, links
from chalicelib.domain.answers import TrackingView
from chalicelib.domain.errors import NotFound
from chalicelib.domain.models import Case, CaseType, Organisation
from chalicelib.domain.retention import expiry_of
from chalicelib.domain.views import tracking_view
from chalicelib.services.deps import Deps

UNKNOWN = "This tracking link is not valid."  # the same words whether or not it ever existed


@dataclass(frozen=True)
class Tracked:
    """What a valid, unexpired token reaches: a case with at least one public status."""

    org: Organisation
    case: Case
    case_type: CaseType


def find(deps: Deps, token: str) -> Tracked:
    """The case behind a token; NotFound with the same words for malformed, unknown, revoked and
    expired tokens, so the answer never tells whether a link ever existed."""
    parts = links.split(token)
    if parts is None:
        raise NotFound(UNKNOWN)
    org_id, token_hash = parts
    case_id = deps.cases.find_tracking_token(org_id, token_hash)
    # The derived token must still be the case's token (it may have been revoked); constant time.
    if case_id is None or not hmac.compare_digest(links.derive(deps.settings.token_key, org_id, case_id), token):
        raise NotFound(UNKNOWN)
    case = deps.cases.load_case(org_id, case_id)
    org = deps.organisations.get_organisation(org_id)
    case_type = deps.case_types.get_case_type(org_id, case.case_type or "") if case.exists else None
    if org is None or case_type is None or not case.public_history(case_type):
        raise NotFound(UNKNOWN)
    expires = expiry_of(case, case_type)
    if expires is not None and clock.now().timestamp() >= expires:
        raise NotFound(UNKNOWN)  # past retention: gone for the citizen, even before the TTL deletes it
    return Tracked(org, case, case_type)


def view(deps: Deps, token: str, language: str | None = None, available: Collection[str] | None = None) -> TrackingView:
    """The citizen's JSON. `available`: the languages the caller can show; others fall back to Dutch."""
    tracked = find(deps, token)
    subscriber = tracked.case.subscriber
    language = language or (subscriber.language if subscriber else "nl")
    if available is not None and language not in available:
        language = "nl"
    url = links.tracking_url(deps.settings.public_url, deps.settings.token_key, tracked.org.id, tracked.case.id)
    return tracking_view(tracked.org, tracked.case, tracked.case_type, url, language)
