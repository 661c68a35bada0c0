"""The citizen's view of a case, reached with the tracking token alone."""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from chalicelib import clock, dates, retention, tokens
from chalicelib.cases import masked
from chalicelib.delivery import placeholder_values
from chalicelib.ingest import tracking_url
from chalicelib.models.domain import Case, CaseType, Event, Organisation, text_in
from chalicelib.problems import NotFound
from chalicelib.render import fill
from chalicelib.wiring import Services

UNKNOWN = "This tracking link is not valid."  # the same words whether or not it ever existed


@dataclass(frozen=True)
class Tracked:
    """What a valid, unexpired token reaches."""

    org: Organisation
    case: Case
    case_type: CaseType
    public: list[Event]


def find(svc: Services, token: str) -> Tracked:
    """The case behind a token; NotFound with the same words for malformed, unknown, revoked and
    expired tokens, so the answer never tells whether a link ever existed."""
    parts = tokens.split(token)
    if parts is None:
        raise NotFound(UNKNOWN)
    org_id, token_hash = parts
    case_id = svc.store.find_tracking_token(org_id, token_hash)
    if case_id is None:
        raise NotFound(UNKNOWN)
    # The derived token must still be the case's token (it may have been revoked).
    if not hmac.compare_digest(tokens.derive(svc.settings.token_key, org_id, case_id), token):  # constant time
        raise NotFound(UNKNOWN)
    case = svc.store.load_case(org_id, case_id)
    org = svc.store.get_organisation(org_id)
    case_type = svc.store.get_case_type(org_id, case.case_type or "") if case.exists else None
    public = case.public_history(case_type) if case_type else []
    if org is None or case_type is None or not public:
        raise NotFound(UNKNOWN)
    expires = retention.expiry_of(case, case_type)
    if expires is not None and clock.now().timestamp() >= expires:
        raise NotFound(UNKNOWN)  # past retention: gone for the citizen, even before the TTL deletes it
    return Tracked(org, case, case_type, public)


def _closed_on(case_type: CaseType, public: list[Event]) -> dt.date | None:
    final = {s.code for s in case_type.statuses if s.final}
    current = public[-1]
    return dates.local_time(current.occurred_at).date() if current.status in final else None


def visible_until(case: Case, case_type: CaseType) -> dt.date | None:
    """The day a closed case's retention ends (closing moment + `retention_days`, as the TTL)."""
    expires = retention.expiry_of(case, case_type)
    return dates.local_time(dt.datetime.fromtimestamp(expires, dt.timezone.utc)).date() if expires else None


def expected_end(case: Case, case_type: CaseType) -> dt.date | None:
    """The organisation's date when it gave one; else the case's start plus the service norm."""
    if case.expected_end_date:
        return case.expected_end_date
    if case_type.service_norm_days is None or not case.history:
        return None
    start = dates.local_time(case.history[0].occurred_at).date()
    return start + dt.timedelta(days=case_type.service_norm_days)


def view(
    svc: Services, token: str, language: str | None = None, available: Collection[str] | None = None
) -> dict[str, Any]:
    """The citizen's JSON. `available`: the languages the caller can show; others fall back to Dutch."""
    t = find(svc, token)
    case, case_type, public = t.case, t.case_type, t.public
    subscriber = case.subscriber
    language = language or (subscriber.language if subscriber else "nl")
    if available is not None and language not in available:
        language = "nl"
    url = tracking_url(svc, t.org.id, case.id)

    def text(event: Event) -> str:
        status = case_type.status(event.status)
        values = placeholder_values(t.org, case, event, url, language)
        return fill(text_in(status.text, language), values)

    current = public[-1]
    closed_on = _closed_on(case_type, public)
    until = visible_until(case, case_type)
    expected = expected_end(case, case_type)
    return {
        "language": language,
        "organisation": {"name": t.org.name},
        "case": {
            "id": case.id,
            "description": case.description,
            "case_type": case_type.public_name_in(language),
        },
        "current_status": {"text": text(current), "since": current.occurred_at.isoformat()},
        "history": [
            {"text": text(e), "at": e.occurred_at.isoformat(), "explanation": e.explanation} for e in public
        ],
        "expected_end_date": expected.isoformat() if expected else None,
        "closed": closed_on is not None,
        "closed_on": closed_on.isoformat() if closed_on else None,
        "visible_until": until.isoformat() if until else None,
        "preferences": masked(subscriber) or {"channel": "none", "language": language, "phone": None, "email": None},
    }
