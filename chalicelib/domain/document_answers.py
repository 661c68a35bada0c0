"""What the document routes answer, and a document as the tracking JSON lists it. Exact models
(`extra="forbid"`), as in `answers.py` (which builds `TrackingView.documents` with these);
`/openapi.json` describes them from here."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from chalicelib.domain.documents import Document


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    def json_body(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class TrackedDocument(Part):
    id: str
    title: str
    type: str
    date: str  # ISO date
    new: bool  # added since the party was last told of the case or last changed its preference
    download_url: str | None  # the link's own download route; None while there is nothing to download


class ContentOut(Part):
    content_type: str
    size: int


class NoticeOut(Part):
    party_id: str
    channel: str | None
    state: str
    attempts: int
    last_error: str | None


class DocumentOut(Part):
    id: str
    title: str
    type: str
    date: str
    confidentiality: str
    url: str | None
    content: ContentOut | None  # uploaded with PUT .../content
    added_at: str
    updated_at: str
    notices: list[NoticeOut]  # the document-added messages (case types with `notify_documents`)

    @classmethod
    def of(cls, document: Document) -> DocumentOut:
        content = document.content
        return cls(
            id=document.id,
            title=document.title,
            type=document.type,
            date=document.date.isoformat(),
            confidentiality=document.confidentiality,
            url=document.url,
            content=ContentOut(content_type=content.content_type, size=content.size) if content else None,
            added_at=document.added_at.isoformat(),
            updated_at=document.updated_at.isoformat(),
            notices=[
                NoticeOut(party_id=pid, channel=n.channel, state=n.state, attempts=n.attempts, last_error=n.error)
                for pid, n in sorted(document.notices.items())
            ],
        )
