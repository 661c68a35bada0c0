"""The ports of a case's documents, each held against every adapter: `Documents` on both item
tables (and read back through the case's one Query), `Blobs` in memory and in S3 (moto)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import requests
from moto import mock_aws

from chalicelib import bootstrap
from chalicelib.adapters.case_store import CaseStore
from chalicelib.adapters.document_store import DocumentStore
from chalicelib.adapters.memory_blobs import MemoryBlobs
from chalicelib.adapters.s3_blobs import S3Blobs
from chalicelib.domain import clock
from chalicelib.domain.documents import Content, DocRef, Document, DocumentNotice
from chalicelib.domain.models import State
from local.resources import create_bucket
from tests.integration.tables import T0, InMemory, OnDynamoDB

REF = DocRef("raalte", "RAALTE-2026-0042", "besluit")
DOCUMENT = Document(
    id="besluit",
    title="Besluit op uw aanvraag",
    type="besluit",
    date=dt.date(2026, 12, 1),
    confidentiality="zaakvertrouwelijk",
    added_at=T0,
    updated_at=T0,
)
CREATED = DocumentNotice(state=State.CREATED, updated_at=T0)


class DocumentsContract:
    @pytest.fixture
    def store(self, table: Any) -> DocumentStore:
        return DocumentStore(table)

    def _read(self, table: Any) -> Document | None:
        return next(iter(CaseStore(table).load_case(REF.org_id, REF.case_id).documents), None)

    def test_a_document_is_created_then_its_metadata_replaced_keeping_its_content(self, store, table):
        assert store.put_document(REF.org_id, REF.case_id, DOCUMENT) is True
        assert store.set_content(REF, Content(content_type="application/pdf", size=1234)) is True
        replaced = DOCUMENT.model_copy(update={"title": "Gewijzigd", "url": "https://raalte.example/b.pdf"})
        assert store.put_document(REF.org_id, REF.case_id, replaced) is False

        read = self._read(table)
        assert read is not None and (read.title, read.url) == ("Gewijzigd", "https://raalte.example/b.pdf")
        assert read.content == Content(content_type="application/pdf", size=1234)
        assert read.added_at == T0 and not read.announced
        assert store.put_document(REF.org_id, REF.case_id, DOCUMENT) is False
        assert self._read(table).url is None  # a replacement without a URL drops the old one

    def test_content_of_an_unknown_document_is_refused_and_deletion_answers_whether_there_was_one(self, store, table):
        assert store.set_content(REF, Content(content_type="image/png", size=1)) is False
        assert self._read(table) is None  # nothing was created by the refused update
        store.put_document(REF.org_id, REF.case_id, DOCUMENT)
        assert store.delete_document(REF) is True
        assert store.delete_document(REF) is False
        assert self._read(table) is None

    def test_a_document_is_announced_once_with_its_notices(self, store, table):
        assert store.announce(REF, {"initiator": CREATED}) is False  # no such document
        store.put_document(REF.org_id, REF.case_id, DOCUMENT)
        assert store.announce(REF, {"initiator": CREATED, "partner": CREATED}) is True
        assert store.announce(REF, {}) is False

        read = self._read(table)
        assert read is not None and read.announced and set(read.notices) == {"initiator", "partner"}
        store.put_document(REF.org_id, REF.case_id, DOCUMENT.model_copy(update={"title": "Nieuw"}))
        assert self._read(table).notices == read.notices  # a metadata PUT keeps them

    def test_a_notice_moves_only_from_the_states_given_so_one_of_two_claims_wins(self, store, table):
        store.put_document(REF.org_id, REF.case_id, DOCUMENT)
        store.announce(REF, {"initiator": CREATED})
        claim = DocumentNotice(state=State.SENDING, channel="email", attempts=1, updated_at=T0)
        results: list[bool] = []
        threads = [
            threading.Thread(target=lambda: results.append(store.move_notice(REF, "initiator", State.CLAIMABLE, claim)))
            for _ in range(2)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(results) == [False, True]
        assert store.move_notice(REF, "nobody", State.CLAIMABLE, claim) is False

        failed = claim.model_copy(update={"state": State.PERMANENT_FAILURE, "error": "ses-MessageRejected"})
        assert store.move_notice(REF, "initiator", (State.SENDING,), failed) is True
        sent = claim.model_copy(update={"state": State.SENT, "channel": None})
        assert store.move_notice(REF, "initiator", (State.PERMANENT_FAILURE,), sent) is True
        notice = self._read(table).notices["initiator"]
        assert (notice.state, notice.error, notice.channel, notice.attempts) == (State.SENT, None, None, 1)

    def test_a_removed_items_keys_name_its_document_and_no_other_item(self, store):
        assert store.removed({"pk": "ORG#raalte#CASE#RAALTE-2026-0042", "sk": "DOC#besluit"}) == REF
        assert store.removed({"pk": "ORG#raalte#CASE#RAALTE-2026-0042", "sk": "EVENT#abc"}) is None
        assert store.removed({"pk": "ORG#raalte", "sk": "DOC#besluit"}) is None
        assert store.removed({}) is None


class TestDocumentsInMemory(DocumentsContract, InMemory):
    pass


class TestDocumentsOnDynamoDB(DocumentsContract, OnDynamoDB):
    pass


class BlobsContract:
    """`fetch(url)`: what following a download URL gives now, (body, content type) or None."""

    def test_content_is_fetched_through_its_download_url_as_an_attachment_until_deleted(self, blobs, fetch):
        blobs.put_blob(REF.object_key, b"%PDF-1.7 test", "application/pdf")
        url = blobs.download_url(REF.object_key, "besluit.pdf", 300)

        assert fetch(url) == (b"%PDF-1.7 test", "application/pdf")
        assert "besluit.pdf" in url and "300" in url  # the name it is saved as, and its lifetime
        blobs.delete_blob(REF.object_key)
        blobs.delete_blob(REF.object_key)  # nothing left: no error either
        assert fetch(blobs.download_url(REF.object_key, "besluit.pdf", 300)) is None

    def test_a_download_url_stops_working_when_its_seconds_are_up(self, blobs, fetch, monkeypatch):
        blobs.put_blob(REF.object_key, b"\x89PNG\r\n\x1a\n", "image/png")
        url = blobs.download_url(REF.object_key, "besluit.png", 60)
        later = clock.now() + dt.timedelta(seconds=61)
        monkeypatch.setattr(clock, "now", lambda: later)

        assert fetch(url) is None or _expired(url, later)


def _expired(url: str, now: dt.datetime) -> bool:
    """S3's own clock decides a pre-signed URL's end (moto does not check it): its signed date
    plus X-Amz-Expires is before `now`."""
    query = parse_qs(urlsplit(url).query)
    signed = dt.datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
    return signed + dt.timedelta(seconds=int(query["X-Amz-Expires"][0])) < now


class TestBlobsInMemory(BlobsContract):
    @pytest.fixture
    def blobs(self) -> MemoryBlobs:
        return MemoryBlobs()

    @pytest.fixture
    def fetch(self, blobs: MemoryBlobs) -> Callable[[str], Any]:
        return blobs.fetch


class TestBlobsInS3(BlobsContract):
    @pytest.fixture
    def blobs(self, monkeypatch: pytest.MonkeyPatch) -> Iterator[S3Blobs]:
        with mock_aws():
            create_bucket(boto3.client("s3"), "zaakstatus-documents")
            bootstrap.s3_client.cache_clear()
            yield S3Blobs(bootstrap.s3_client, "zaakstatus-documents")
            bootstrap.s3_client.cache_clear()

    @pytest.fixture
    def fetch(self, blobs: S3Blobs) -> Callable[[str], Any]:
        def follow(url: str) -> tuple[bytes, str] | None:
            answer = requests.get(url, timeout=5)
            if answer.status_code != 200:
                return None
            assert 'attachment; filename="' in answer.headers["Content-Disposition"]
            return answer.content, answer.headers["Content-Type"]

        return follow

    def test_objects_are_encrypted_at_rest_in_a_bucket_closed_to_the_public(self, blobs):
        blobs.put_blob(REF.object_key, b"%PDF-1.7", "application/pdf")
        s3 = boto3.client("s3")

        assert s3.head_object(Bucket="zaakstatus-documents", Key=REF.object_key)["ServerSideEncryption"] == "AES256"
        rules = s3.get_bucket_encryption(Bucket="zaakstatus-documents")["ServerSideEncryptionConfiguration"]["Rules"]
        assert rules[0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
        block = s3.get_public_access_block(Bucket="zaakstatus-documents")["PublicAccessBlockConfiguration"]
        assert all(block.values())
        assert (
            requests.get(f"https://zaakstatus-documents.s3.amazonaws.com/{REF.object_key}", timeout=5).status_code
            == 403
        )
