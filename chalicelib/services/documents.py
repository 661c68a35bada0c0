"""A case's documents: the organisation publishes, replaces and deletes them; a party downloads
them through its own link. Rules in `domain/documents.py`.

- Metadata is an item in the case's partition, content an S3 object (`DocRef.object_key`).
- Once a document can be downloaded (it has content or a URL) it is announced once, off the
  request path: a queue job sends its webhooks and, where the case type asks for it, its
  messages (`services/document_notices.py`). Until that job has run, every write asks again.
- Content goes when the document does: its DELETE, a ZGW zaak destroyed, and the case's
  retention (DynamoDB TTL deletes the item; the table's stream tells `content_removed`).
"""

from __future__ import annotations

import re

from chalicelib.domain import clock
from chalicelib.domain.document_answers import DocumentOut
from chalicelib.domain.document_views import visible_documents
from chalicelib.domain.documents import (
    DOC_ID,
    DOWNLOAD_SECONDS,
    Content,
    DocRef,
    Document,
    DocumentIn,
    DocumentJob,
    check_content,
)
from chalicelib.domain.errors import NotFound, invalid
from chalicelib.domain.inbound import CASE_ID
from chalicelib.domain.models import Case
from chalicelib.domain.outbound import check_url
from chalicelib.domain.retention import expiry_of
from chalicelib.services import tracking
from chalicelib.services.deps import Deps

NO_DOCUMENT = "There is no such document."


def find(case: Case, doc_id: str) -> Document | None:
    return next((d for d in case.documents if d.id == doc_id), None)


def _case(deps: Deps, org_id: str, case_id: str) -> Case:
    # Ids no request could have registered are not looked up (DynamoDB's key size limit).
    case = deps.cases.load_case(org_id, case_id) if re.fullmatch(CASE_ID, case_id) else None
    if case is None or not case.known:
        raise NotFound("There is no such case.")
    return case


def _document(deps: Deps, org_id: str, case_id: str, doc_id: str) -> tuple[Case, Document]:
    case = _case(deps, org_id, case_id) if re.fullmatch(DOC_ID, doc_id) else None
    document = find(case, doc_id) if case else None
    if case is None or document is None:
        raise NotFound(NO_DOCUMENT)
    return case, document


def put(deps: Deps, org_id: str, case_id: str, doc_id: str, data: DocumentIn) -> tuple[DocumentOut, bool]:
    """Publish or replace a document's metadata; True when it is new. Content stays."""
    if not re.fullmatch(DOC_ID, doc_id):
        raise invalid("doc_id", "a document id is 1 to 64 of A-Z, a-z, 0-9, '.', '_' and '-'")
    case = _case(deps, org_id, case_id)
    if data.url is not None:
        check_url(data.url, allow_loopback=deps.settings.is_local, field="url")
    case_type = deps.case_types.get_case_type(org_id, case.case_type or "")
    before, now = find(case, doc_id), clock.now()
    document = Document(
        id=doc_id,
        title=data.title,
        type=data.type,
        date=data.date,
        confidentiality=data.confidentiality,
        url=data.url,
        content=before.content if before else None,
        added_at=before.added_at if before else now,
        updated_at=now,
        announced=before.announced if before else False,
        notices=before.notices if before else {},
        expires_at=expiry_of(case, case_type),  # born with the closed case's expiry
    )
    created = deps.documents.put_document(org_id, case_id, document)
    _ask_announcement(deps, DocRef(org_id, case_id, doc_id), document)
    return DocumentOut.of(document), created


def put_content(deps: Deps, org_id: str, case_id: str, doc_id: str, content_type: str, body: bytes) -> None:
    """Store the document's content in the object store: PDF, PNG or JPEG as its magic bytes say,
    at most 10 MiB. `content_type`: the request's media type, lower case, without parameters."""
    _, document = _document(deps, org_id, case_id, doc_id)
    check_content(content_type, body)
    ref = DocRef(org_id, case_id, doc_id)
    deps.blobs.put_blob(ref.object_key, body, content_type)
    content = Content(content_type=content_type, size=len(body))
    if not deps.documents.set_content(ref, content):
        deps.blobs.delete_blob(ref.object_key)  # deleted meanwhile: keep no orphan
        raise NotFound(NO_DOCUMENT)
    _ask_announcement(deps, ref, document.model_copy(update={"content": content}))


def delete(deps: Deps, org_id: str, case_id: str, doc_id: str) -> None:
    """The document and its content, gone at once (content first: a retry finds the item)."""
    _document(deps, org_id, case_id, doc_id)
    ref = DocRef(org_id, case_id, doc_id)
    deps.blobs.delete_blob(ref.object_key)
    deps.documents.delete_document(ref)


def _ask_announcement(deps: Deps, ref: DocRef, document: Document) -> None:
    if document.downloadable and not document.announced:
        deps.queue.send(DocumentJob(ref).body())


def download(deps: Deps, token: str, doc_id: str) -> str:
    """Where a party's download link leads: a pre-signed URL made now, valid for five minutes,
    or the document's own URL. NotFound, as for an unknown link, for anything it may not see."""
    tracked = tracking.find(deps, token)
    document = find(tracked.case, doc_id)
    if document is None or document not in visible_documents(tracked.case, tracked.case_type):
        raise NotFound(tracking.UNKNOWN)
    if document.content is not None:
        key = DocRef(tracked.org.id, tracked.case.id, doc_id).object_key
        return deps.blobs.download_url(key, document.filename(), DOWNLOAD_SECONDS)
    if document.url is None:
        raise NotFound(tracking.UNKNOWN)
    return document.url


def forget_contents(deps: Deps, case: Case) -> int:
    """Delete the content of every document of a case that is being deleted; how many."""
    keys = [DocRef(case.org_id, case.id, d.id).object_key for d in case.documents if d.content]
    for key in keys:
        deps.blobs.delete_blob(key)
    return len(keys)


def content_removed(deps: Deps, ref: DocRef) -> None:
    """A document's item is gone (deleted, or expired by the case's retention): so is its content."""
    deps.blobs.delete_blob(ref.object_key)
