"""A case's documents: what the organisation publishes of the case file to its parties.

A document is metadata (title, type, date, confidentiality, an optional external URL) kept as
an item in the case's partition, so the case's one Query reads it and the case's retention
expires it; its content (PDF, PNG or JPEG, at most 10 MiB) is an object in S3, encrypted, read
by the citizen only through a pre-signed URL made when the page's download link is followed.

A document is listed for a party when its confidentiality is within what the case type lets
the page show; it is "new" when it was added after the party was last told of the case or last
changed its own preference (`last_seen`): visits themselves are not recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from chalicelib.domain.base import Domain
from chalicelib.domain.confidentiality import Level, Limits, rank
from chalicelib.domain.dates import Day
from chalicelib.domain.errors import FieldError, InvalidFields
from chalicelib.domain.parties import PERSON_ROLES, Party

DOC_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"  # a path segment in items, object keys and links
MAX_CONTENT_BYTES = 10 * 1024 * 1024  # 10 MiB
DOWNLOAD_SECONDS = 300  # a pre-signed URL is valid this long (at most five minutes)
TEXT = r"^[^\x00-\x1f\x7f]+$"  # no control characters: titles go into pages and e-mails

# The magic bytes each accepted content type starts with.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}
EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}


class DocumentIn(BaseModel):
    # As `inbound.Inbound` (which this module cannot import: `models` imports this one).
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)

    title: str = Field(min_length=1, max_length=200, pattern=TEXT)
    type: str = Field(min_length=1, max_length=100, pattern=TEXT, description="e.g. besluit, brief, tekening")
    date: Day
    confidentiality: Level = Field(default="zaakvertrouwelijk", description="ZGW's vertrouwelijkheidaanduiding")
    url: str | None = Field(
        default=None, max_length=2048, description="https URL of the document elsewhere (the outbound-URL guard)"
    )


class DocumentNotice(Domain):
    """The document-added message to one party: claimed once, sent once."""

    channel: str | None = None
    state: str  # the delivery states of `models.State`
    attempts: int = 0
    error: str | None = None
    updated_at: dt.datetime


class Content(Domain):
    content_type: str
    size: int


class Document(Domain):
    id: str
    title: str
    type: str
    date: dt.date
    confidentiality: str
    url: str | None = None
    content: Content | None = None  # uploaded to zaakstatus (S3)
    added_at: dt.datetime
    updated_at: dt.datetime
    announced: bool = False  # its webhooks and messages were asked for (once)
    notices: dict[str, DocumentNotice] = {}  # by party id
    expires_at: int | None = None  # epoch seconds (DynamoDB TTL), as the case's other items

    @property
    def downloadable(self) -> bool:
        return self.content is not None or self.url is not None

    def filename(self) -> str:
        ext = EXTENSIONS.get(self.content.content_type, "bin") if self.content else "bin"
        return f"{self.id}.{ext}"


class ContentTooLarge(InvalidFields):
    """The body is over `MAX_CONTENT_BYTES` (413, naming `body`)."""


class ContentMismatch(InvalidFields):
    """The body is not of an accepted type, or not a file of the type it was sent as (415,
    naming `body`)."""


def check_content(content_type: str, body: bytes) -> None:
    """ContentTooLarge or ContentMismatch unless the body is an accepted file of at most 10 MiB
    whose magic bytes are those of `content_type` (the header's media type, lower case)."""
    if len(body) > MAX_CONTENT_BYTES:
        reason = f"is larger than {MAX_CONTENT_BYTES} bytes (10 MiB)"
        raise ContentTooLarge(f"The body {reason}.", [FieldError("body", reason)])
    if content_type not in SIGNATURES:
        reason = "must be sent as " + ", ".join(SIGNATURES)
        raise ContentMismatch(f"The body {reason}.", [FieldError("body", reason)])
    if not any(body.startswith(magic) for magic in SIGNATURES[content_type]):
        reason = f"does not start as a {content_type} file does"
        raise ContentMismatch(f"The body is not {content_type}: it {reason}.", [FieldError("body", reason)])


def listed(document: Document, limits: Limits) -> bool:
    """Whether the page may list the document: its confidentiality is at most what the case
    type lets a page show (`publish_up_to`)."""
    return rank(document.confidentiality) <= rank(limits.publish_up_to)


def told(party: Party | None) -> bool:
    """Whether a document-added message may go to the party: persons and businesses only."""
    return party is not None and party.role in PERSON_ROLES and party.kind != "organisation"


# The document-added message: no title, type or description (a case's confidentiality may hold
# those back from messages); the channel adds the party's link.
NOTICE_TEXTS = {
    "nl": {
        "person": "Er staat een nieuw document voor u klaar bij uw zaak.",
        "business": "Er staat een nieuw document klaar bij de zaak van uw onderneming.",
    },
    "en": {
        "person": "A new document is ready for you in your case.",
        "business": "A new document is ready in your business's case.",
    },
}


def notice_text(kind: str, language: str) -> str:
    texts = NOTICE_TEXTS.get(language, NOTICE_TEXTS["nl"])
    return texts["business"] if kind == "business" else texts["person"]


def is_new(document: Document, seen: dt.datetime | None) -> bool:
    return seen is None or document.added_at > seen


@dataclass(frozen=True)
class DocRef:
    """Which document: organisation, case and document id (ids only, no personal data)."""

    org_id: str
    case_id: str
    doc_id: str

    @property
    def object_key(self) -> str:
        """Its content's object key; no part holds '/' (their patterns)."""
        return f"{self.org_id}/{self.case_id}/{self.doc_id}"


DOCUMENT_JOB = "document"


@dataclass(frozen=True)
class DocumentJob:
    """The sender queue's job for a document that became available: its webhooks and, where the
    case type asks for it, its messages (`services/document_notices.py`). Keys only."""

    ref: DocRef

    def body(self) -> dict[str, str]:
        return {"kind": DOCUMENT_JOB, "org": self.ref.org_id, "case": self.ref.case_id, "doc": self.ref.doc_id}

    @classmethod
    def parse(cls, body: dict[str, object]) -> DocumentJob:
        org_id, case_id, doc_id = (body.get(k) for k in ("org", "case", "doc"))
        if isinstance(org_id, str) and isinstance(case_id, str) and isinstance(doc_id, str):
            return cls(DocRef(org_id, case_id, doc_id))
        raise ValueError("document job without org, case and doc")
