"""A case's documents as a party reads them (`TrackingView.documents`), and what "new" means.

A document is new for a party when it was added after the last moment the party certainly
looked at the case: the last status message that reached it (sent or delivered) or the last
preference it changed itself on the page. Visits are not recorded (a page view writes nothing),
so a party that was never told and never changed anything sees every document as new. A
document-added message does not count: the page it leads to marks the document it announced.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from chalicelib.domain.document_answers import TrackedDocument
from chalicelib.domain.documents import Document, is_new, listed
from chalicelib.domain.models import Case, CaseType, State

REACHED = (State.SENT, State.DELIVERED)
SLOT = "~"  # a notification slot `<party>~<purpose>` is a further message to that party


def last_seen(case: Case, party_id: str) -> dt.datetime | None:
    """When the party last certainly saw the case's state: None when never."""
    moments = [
        n.updated_at
        for event in case.events
        for slot, n in event.notifications.items()
        if slot.partition(SLOT)[0] == party_id and n.state in REACHED
    ]
    moments += [c.at for c in case.subscriber_changes if c.party_id == party_id and c.origin == "citizen"]
    return max(moments, default=None)


def download_link(tracking_url: str, document: Document) -> str | None:
    """The party's own link to the document: its tracking link + `/documents/<id>`."""
    return f"{tracking_url}/documents/{quote(document.id, safe='')}" if document.downloadable else None


def visible_documents(case: Case, case_type: CaseType) -> list[Document]:
    """The documents a page of the case lists, newest document date first."""
    shown = [d for d in case.documents if listed(d, case_type.confidentiality)]
    return sorted(shown, key=lambda d: (d.date, d.added_at), reverse=True)


def tracked_documents(case: Case, case_type: CaseType, party_id: str, tracking_url: str) -> list[TrackedDocument]:
    seen = last_seen(case, party_id)
    return [
        TrackedDocument(
            id=d.id,
            title=d.title,
            type=d.type,
            date=d.date.isoformat(),
            new=is_new(d, seen),
            download_url=download_link(tracking_url, d),
        )
        for d in visible_documents(case, case_type)
    ]
