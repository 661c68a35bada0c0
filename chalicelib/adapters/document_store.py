"""A case's documents on the item table (port: `document_ports.Documents`): one item per
document in the case's partition, `DOC#<doc_id>`, so the case's Query reads them and its
retention sweep stamps them with the case's expiry. The key holds ids only; the title and type
are attributes. Its content lives in the object store (`s3_blobs.py`)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from chalicelib.adapters.items import Stored, case_pk
from chalicelib.adapters.table import Change, Condition, Table
from chalicelib.domain import clock
from chalicelib.domain.documents import Content, DocRef, Document, DocumentNotice

PREFIX = "DOC#"
METADATA = ("ti", "ty", "dt", "vt", "upd", "url", "expires_at")  # what a replacing PUT writes


def document_key(ref: DocRef) -> tuple[str, str]:
    return case_pk(ref.org_id, ref.case_id), PREFIX + ref.doc_id


class ContentPart(Stored):
    content_type: str = Field(alias="t")
    size: int = Field(alias="n")


class NoticePart(Stored):
    channel: str | None = Field(default=None, alias="ch")
    state: str = Field(alias="st")
    attempts: int = Field(default=0, alias="att")
    error: str | None = Field(default=None, alias="err")
    updated_at: dt.datetime = Field(alias="upd")


class DocumentItem(Stored):
    pk: str
    sk: str
    title: str = Field(alias="ti")
    type: str = Field(alias="ty")
    date: dt.date = Field(alias="dt")
    confidentiality: str = Field(alias="vt")
    url: str | None = None
    content: ContentPart | None = Field(default=None, alias="ct")
    added_at: dt.datetime = Field(alias="add")
    updated_at: dt.datetime = Field(alias="upd")
    announced: int | None = Field(default=None, alias="ann")  # epoch seconds of the announcement
    notices: dict[str, NoticePart] | None = Field(default=None, alias="ns")  # by party id
    expires_at: int | None = None  # TTL attribute (epoch seconds), as every item of the case

    @classmethod
    def of(cls, org_id: str, case_id: str, document: Document) -> DocumentItem:
        content = document.content
        return cls(
            pk=case_pk(org_id, case_id),
            sk=PREFIX + document.id,
            content=ContentPart(**content.model_dump()) if content else None,
            notices={p: NoticePart(**n.model_dump()) for p, n in document.notices.items()} or None,
            announced=1 if document.announced else None,
            **document.model_dump(exclude={"id", "content", "notices", "announced"}),
        )

    def domain(self) -> Document:
        content = self.content
        return Document(
            id=self.sk.removeprefix(PREFIX),
            content=Content(**content.model_dump()) if content else None,
            announced=self.announced is not None,
            notices={p: DocumentNotice(**n.model_dump()) for p, n in (self.notices or {}).items()},
            **self.model_dump(exclude={"pk", "sk", "content", "announced", "notices"}),
        )


def _notice(notice: DocumentNotice) -> dict[str, object]:
    return NoticePart(**notice.model_dump()).item()


class DocumentStore:
    def __init__(self, table: Table) -> None:
        self.table = table

    def put_document(self, org_id: str, case_id: str, document: Document) -> bool:
        item = DocumentItem.of(org_id, case_id, document).item()
        if self.table.put(item, only_if_new=True):
            return True
        metadata: dict[str, object] = {k: item[k] for k in METADATA if k in item}
        change = Change(set=metadata, remove=() if document.url else ("url",))
        if self.table.update(item["pk"], item["sk"], change, Condition(exists=True)):
            return False
        return self.table.put(item, only_if_new=True)  # deleted in between: it is new again

    def set_content(self, ref: DocRef, content: Content) -> bool:
        change = Change(set={"ct": ContentPart(**content.model_dump()).item(), "upd": _now()})
        return self.table.update(*document_key(ref), change, Condition(exists=True))

    def delete_document(self, ref: DocRef) -> bool:
        return self.table.delete(*document_key(ref))

    def announce(self, ref: DocRef, notices: dict[str, DocumentNotice]) -> bool:
        moment = int(clock.now().timestamp())
        change = Change(set={"ann": moment, "ns": {p: _notice(n) for p, n in notices.items()}})
        # `ann` absent (or 0): announced by nobody yet. A document deleted meanwhile stays gone.
        return self.table.update(*document_key(ref), change, Condition(exists=True, below=("ann", 1)))

    def removed(self, keys: dict[str, str]) -> DocRef | None:
        pk, sk = keys.get("pk", ""), keys.get("sk", "")
        org_id, marker, case_id = pk.removeprefix("ORG#").partition("#CASE#")
        if not (pk.startswith("ORG#") and marker and sk.startswith(PREFIX)):
            return None
        return DocRef(org_id, case_id, sk.removeprefix(PREFIX))

    def move_notice(self, ref: DocRef, party_id: str, states: tuple[str, ...], notice: DocumentNotice) -> bool:
        written = _notice(notice)
        sets = {f"ns.{party_id}.{name}": value for name, value in written.items()}
        removed = tuple(f"ns.{party_id}.{name}" for name in ("err", "ch") if name not in written)
        condition = Condition(one_of=(f"ns.{party_id}.st", states))
        return self.table.update(*document_key(ref), Change(set=sets, remove=removed), condition)


def _now() -> str:
    return clock.now().isoformat().replace("+00:00", "Z")
