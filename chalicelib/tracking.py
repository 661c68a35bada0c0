"""The citizen's view of a case, reached with the tracking token alone."""

from __future__ import annotations

from typing import Any

from chalicelib import tokens
from chalicelib.delivery import placeholder_values
from chalicelib.ingest import tracking_url
from chalicelib.models.domain import text_in
from chalicelib.problems import NotFound
from chalicelib.render import fill
from chalicelib.wiring import Services

UNKNOWN = "This tracking link is not valid."  # the same words whether or not it ever existed


def view(svc: Services, token: str, language: str | None = None) -> dict[str, Any]:
    parts = tokens.split(token)
    if parts is None:
        raise NotFound(UNKNOWN)
    org_id, token_hash = parts
    case_id = svc.store.find_tracking_token(org_id, token_hash)
    if case_id is None:
        raise NotFound(UNKNOWN)
    # The derived token must still be the case's token (it may have been revoked).
    if tokens.derive(svc.settings.token_key, org_id, case_id) != token:
        raise NotFound(UNKNOWN)
    case = svc.store.load_case(org_id, case_id)
    org = svc.store.get_organisation(org_id)
    case_type = svc.store.get_case_type(org_id, case.case_type or "") if case.exists else None
    public = case.public_history(case_type) if case_type else []
    if org is None or case_type is None or not public:
        raise NotFound(UNKNOWN)
    subscriber = case.subscriber
    language = language or (subscriber.language if subscriber else "nl")
    url = tracking_url(svc, org_id, case_id)

    def text(event) -> str:
        status = case_type.status(event.status)
        values = placeholder_values(org, case, event, url, language)
        return fill(text_in(status.text, language), values)

    current = public[-1]
    final = {s.code for s in case_type.statuses if s.final}
    return {
        "language": language,
        "organisation": {"name": org.name},
        "case": {
            "id": case.id,
            "description": case.description,
            "case_type": case_type.public_name_in(language),
        },
        "current_status": {"text": text(current), "since": current.occurred_at.isoformat()},
        "history": [
            {"text": text(e), "at": e.occurred_at.isoformat(), "explanation": e.explanation} for e in public
        ],
        "expected_end_date": case.expected_end_date.isoformat() if case.expected_end_date else None,
        "closed": current.status in final,
    }
