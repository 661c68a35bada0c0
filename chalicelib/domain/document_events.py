"""The CloudEvent of `case.document_added`: the case and the document's metadata, never a party
nor the content. Pure, and written as `webhook_events.py` writes a status change's (the
CloudEvents SDK, imported on first use)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from chalicelib.domain.documents import Document
from chalicelib.domain.models import Case, CaseType
from chalicelib.domain.webhooks import DOCUMENT_ADDED, TYPE_PREFIX


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def document_key(document: Document) -> str:
    """What identifies the addition in delivery ids: the id and when it was added (a document
    deleted and added again under its id is a new addition)."""
    return f"DOC#{document.id}@{_iso(document.added_at)}"


def document_data(owner_org: str, case: Case, case_type: CaseType, document: Document) -> dict[str, Any]:
    return {
        "organisation": owner_org,
        "case_id": case.id,
        "case_type": case_type.code,
        "document": {
            "id": document.id,
            "title": document.title,
            "type": document.type,
            "date": document.date.isoformat(),
            "confidentiality": document.confidentiality,
            "content_type": document.content.content_type if document.content else None,
        },
        "added_at": _iso(document.added_at),
    }


def document_event_body(
    event_id: str, public_url: str, owner_org: str, case: Case, case_type: CaseType, document: Document
) -> str:
    """The structured-mode CloudEvent as the request body (JSON, ASCII)."""
    from cloudevents.core.bindings.http import to_structured
    from cloudevents.core.formats.json import JSONFormat
    from cloudevents.core.v1.event import CloudEvent

    attributes: dict[str, Any] = {
        "specversion": "1.0",
        "id": event_id,
        "source": f"{public_url}/v1/organisations/{owner_org}",
        "type": TYPE_PREFIX + DOCUMENT_ADDED,
        "subject": case.id,
        "time": document.added_at.astimezone(dt.UTC),
        "datacontenttype": "application/json",
    }
    data = document_data(owner_org, case, case_type, document)
    return to_structured(CloudEvent(attributes, data), JSONFormat()).body.decode("utf-8")
