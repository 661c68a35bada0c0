"""The ports of a case's documents, beside `ports.py` and in its layer (`.importlinter`): their
metadata on the item table, and their content in an object store. `chalicelib/adapters/`
implements each; one contract test class per port holds every adapter to the same behaviour."""

from __future__ import annotations

from typing import Protocol

from chalicelib.domain.documents import Content, DocRef, Document, DocumentNotice


class Documents(Protocol):
    """A case's documents: items in its partition (`Case.documents` reads them with the case)."""

    def put_document(self, org_id: str, case_id: str, document: Document) -> bool:
        """Create, or replace the metadata (its content, announcement and notices stay);
        True when it was new."""
        ...

    def set_content(self, ref: DocRef, content: Content) -> bool:
        """Record that content was uploaded; False when there is no such document."""
        ...

    def delete_document(self, ref: DocRef) -> bool:
        """Remove the document's item; True when there was one."""
        ...

    def announce(self, ref: DocRef, notices: dict[str, DocumentNotice]) -> bool:
        """Mark the document announced, with its messages' notices, once: False when it was
        announced already or is gone."""
        ...

    def removed(self, keys: dict[str, str]) -> DocRef | None:
        """The document a removed item was, from its keys (`pk`, `sk`: the table's stream tells
        them); None for any other item."""
        ...

    def move_notice(self, ref: DocRef, party_id: str, states: tuple[str, ...], notice: DocumentNotice) -> bool:
        """Write a party's notice only if its state is one of `states` now: of two workers, one
        wins a claim."""
        ...


class Blobs(Protocol):
    """Document content: private objects, encrypted at rest, read through short-lived URLs."""

    def put_blob(self, key: str, body: bytes, content_type: str) -> None: ...

    def delete_blob(self, key: str) -> None:
        """Remove the object; nothing happens when there is none."""
        ...

    def download_url(self, key: str, filename: str, seconds: int) -> str:
        """A URL that fetches the object for `seconds`, as an attachment named `filename`."""
        ...
