"""A case's documents in memory: what content is accepted, who sees which document, what "new"
means, and the document-added message (once, per party, within the delivery rules)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from chalicelib.domain import clock, links
from chalicelib.domain.channels import PermanentError, RetryableError
from chalicelib.domain.confidentiality import Limits
from chalicelib.domain.documents import (
    ContentMismatch,
    ContentTooLarge,
    Document,
    DocumentIn,
    check_content,
    listed,
)
from chalicelib.domain.errors import NotFound
from chalicelib.domain.inbound import CaseTypeIn, EventIn, OrganisationIn, PartyIn
from chalicelib.domain.models import State
from chalicelib.services import case_types, documents, ingest, jobs, organisations, parties, preferences, tracking
from chalicelib.services.delivery import DeliveryDeferred
from chalicelib.services.deps import Deps
from tests.builders import drain
from tests.document_builders import JPEG, PDF, PNG, RAALTE, RAALTE_CASE, document, permit, raalte_event

T0 = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def now(monkeypatch: pytest.MonkeyPatch) -> list[dt.datetime]:
    moment = [T0]
    monkeypatch.setattr(clock, "now", lambda: moment[0])
    return moment


def _raalte(deps: Deps, **type_changes: Any) -> str:
    """Raalte's permit with an e-mail applicant; the applicant's token."""
    organisations.create(deps, OrganisationIn(id=RAALTE, name="Gemeente Raalte", email_from="noreply@raalte.example"))
    case_types.put(deps, RAALTE, "omgevingsvergunning", CaseTypeIn.model_validate(permit(**type_changes)))
    answer = ingest.accept(deps, RAALTE, EventIn.model_validate(raalte_event(at="2026-11-30T10:00:00+01:00")))
    return answer.json_body()["tracking_url"].rsplit("/", 1)[1]


def _publish(
    deps: Deps, doc_id: str = "besluit", body: bytes = PDF, kind: str = "application/pdf", **meta: Any
) -> None:
    documents.put(deps, RAALTE, RAALTE_CASE, doc_id, DocumentIn.model_validate(document(**meta)))
    documents.put_content(deps, RAALTE, RAALTE_CASE, doc_id, kind, body)


def _document(deps: Deps, doc_id: str = "besluit") -> Document:
    found = documents.find(deps.cases.load_case(RAALTE, RAALTE_CASE), doc_id)
    assert found is not None
    return found


def _party(deps: Deps, party_id: str, **data: Any) -> None:
    parties.put(deps, RAALTE, RAALTE_CASE, party_id, PartyIn.model_validate(data))


@pytest.mark.parametrize(("body", "kind"), [(PDF, "application/pdf"), (PNG, "image/png"), (JPEG, "image/jpeg")])
def test_pdf_png_and_jpeg_are_accepted_by_their_magic_bytes(body, kind):
    check_content(kind, body)


@pytest.mark.parametrize(
    ("body", "kind"),
    [(PNG, "application/pdf"), (PDF, "image/jpeg"), (b"GIF89a", "image/gif"), (b"", "image/png"), (PDF, "text/plain")],
)
def test_other_bodies_are_refused_naming_the_body(body, kind):
    with pytest.raises(ContentMismatch) as refused:
        check_content(kind, body)
    assert [f.name for f in refused.value.fields] == ["body"]


def test_content_over_ten_mebibytes_is_too_large():
    check_content("application/pdf", PDF.ljust(10 * 1024 * 1024, b"\0"))
    with pytest.raises(ContentTooLarge):
        check_content("application/pdf", PDF.ljust(10 * 1024 * 1024 + 1, b"\0"))


def test_a_document_is_listed_up_to_the_case_types_publish_limit():
    doc = Document(
        id="d", title="t", type="brief", date=T0.date(), confidentiality="vertrouwelijk", added_at=T0, updated_at=T0
    )
    assert listed(doc, Limits()) is True  # publish_up_to defaults to vertrouwelijk
    assert listed(doc, Limits(publish_up_to="zaakvertrouwelijk")) is False
    assert listed(doc.model_copy(update={"confidentiality": "geheim"}), Limits()) is False


def test_a_document_for_an_unknown_case_or_with_an_unusable_id_is_refused(deps):
    _raalte(deps)
    data = DocumentIn.model_validate(document())
    with pytest.raises(NotFound):
        documents.put(deps, RAALTE, "RAALTE-onbekend", "besluit", data)
    with pytest.raises(Exception) as bad_id:
        documents.put(deps, RAALTE, RAALTE_CASE, "a/b", data)
    assert [f.name for f in bad_id.value.fields] == ["doc_id"]  # type: ignore[attr-defined]
    with pytest.raises(NotFound):
        documents.put_content(deps, RAALTE, RAALTE_CASE, "onbekend", "application/pdf", PDF)


def test_new_means_added_after_the_last_message_that_reached_the_party_or_its_own_change(deps, email, now):
    token = _raalte(deps)
    _publish(deps, "aanvraag")  # before the applicant was told anything
    now[0] = T0 + dt.timedelta(minutes=1)
    drain(deps)  # the status message (and the document's) reach the applicant a minute later
    now[0] = T0 + dt.timedelta(hours=1)
    _publish(deps, "tekening", PNG, "image/png", title="Tekening")

    new = {d.id: d.new for d in tracking.view(deps, token).documents}
    assert new == {"aanvraag": False, "tekening": True}

    now[0] = T0 + dt.timedelta(hours=2)  # the applicant changes its own preference on the page
    preferences.change(deps, token, {"channel": "portal"})
    assert not any(d.new for d in tracking.view(deps, token).documents)


def test_the_download_is_a_five_minute_url_made_when_followed_for_a_listed_document_only(deps, now):
    token = _raalte(deps)
    _publish(deps)
    _publish(deps, "intern-advies", confidentiality="geheim")

    url = documents.download(deps, token, "besluit")
    query = parse_qs(urlsplit(url).query)

    assert query["filename"] == ["besluit.pdf"] and query["seconds"] == ["300"]
    assert deps.blobs.fetch(url) == (PDF, "application/pdf")  # type: ignore[attr-defined]
    for hidden in ("intern-advies", "onbekend"):
        with pytest.raises(NotFound) as unknown:
            documents.download(deps, token, hidden)
        assert unknown.value.detail == tracking.UNKNOWN
    with pytest.raises(NotFound):
        documents.download(deps, "raalte.AAAAAAAAAAAAAAAAAAAAAA", "besluit")


def test_each_person_and_business_party_that_wants_messages_is_told_once(deps, email, sms, now):
    _raalte(deps)
    _party(deps, "bedrijf", role="co_initiator", kind="business", channel="sms", phone="0611111111", language="en")
    _party(deps, "volger", role="interested", kind="person", channel="portal")
    _party(
        deps, "provincie", role="chain_partner", kind="organisation", channel="email", email="zaken@provincie.example"
    )
    drain(deps)
    told_before = (len(email.sent), len(sms.sent))

    _publish(deps)
    _publish(deps)  # the content again: announced once all the same
    outcomes = drain(deps) + drain(deps)

    assert (len(email.sent) - told_before[0], len(sms.sent) - told_before[1]) == (1, 1)
    assert email.sent[-1].to == "aanvrager@example.nl"
    assert "Er staat een nieuw document voor u klaar bij uw zaak." in email.sent[-1].body
    assert sms.sent[-1].body.startswith("A new document is ready in your business's case.\nhttps://")
    assert email.sent[-1].receipt is None and sms.sent[-1].receipt is None  # no receipt finds a status
    assert set(_document(deps).notices) == {"initiator", "bedrijf"}
    assert {n.state for n in _document(deps).notices.values()} == {State.SENT}
    assert outcomes.count("document-webhooks-0-sent-2") == 1


def test_a_case_type_without_notify_documents_sends_no_message(deps, email, now):
    _raalte(deps, notify_documents=False)
    drain(deps)
    before = len(email.sent)
    _publish(deps)
    assert drain(deps) == ["document-webhooks-0-sent-0"] and len(email.sent) == before
    assert _document(deps).announced and _document(deps).notices == {}


def test_a_document_message_waits_out_the_quiet_hours(deps, sms, now):
    quiet = dataclasses.replace(deps, settings=dataclasses.replace(deps.settings, quiet_hours="22:00-08:00"))
    _raalte(quiet)
    _party(quiet, "bedrijf", role="co_initiator", kind="business", channel="sms", phone="0611111111")
    now[0] = dt.datetime(2026, 12, 1, 22, 30, tzinfo=dt.UTC)  # 23:30 in Amsterdam
    _publish(quiet)
    job: Any = quiet.queue
    body = [m for m in job.messages if m.get("kind") == "document"][0]
    with pytest.raises(DeliveryDeferred) as deferred:
        jobs.process(quiet, body)
    assert deferred.value.seconds == 8 * 3600 + 30 * 60 + 1  # until 08:00 Amsterdam
    assert not [m for m in sms.sent if "document" in m.body]
    now[0] = dt.datetime(2026, 12, 2, 7, 0, 1, tzinfo=dt.UTC)
    jobs.process(quiet, body)
    assert [m for m in sms.sent if "document" in m.body]


def test_a_provider_that_says_later_is_tried_again_and_one_that_says_never_is_a_failure(deps, email, sms, now):
    _raalte(deps)
    _party(deps, "bedrijf", role="co_initiator", kind="business", channel="sms", phone="0611111111")
    drain(deps)
    email.errors.append(RetryableError("ses-Throttling"))
    sms.errors.append(PermanentError("twilio-21614"))
    _publish(deps)
    job: Any = deps.queue
    body = [m for m in job.messages if m.get("kind") == "document"][0]
    with pytest.raises(DeliveryDeferred):
        jobs.process(deps, body)
    notices = _document(deps).notices
    assert (notices["initiator"].state, notices["initiator"].error) == (State.TEMPORARY_FAILURE, "ses-Throttling")
    assert (notices["bedrijf"].state, notices["bedrijf"].error) == (State.PERMANENT_FAILURE, "twilio-21614")
    assert jobs.process(deps, body) == "document-webhooks-0-sent-1"
    assert _document(deps).notices["initiator"].attempts == 2


def test_the_daily_cap_holds_for_document_messages_too(deps, email, now):
    capped = dataclasses.replace(deps, settings=dataclasses.replace(deps.settings, daily_cap=1))
    _raalte(capped)
    drain(capped)  # the status message: the one of the day
    _publish(capped)
    drain(capped)
    notice = _document(capped).notices["initiator"]
    assert (notice.state, notice.error) == (State.SUPPRESSED, "daily-cap")


def test_deleting_a_document_takes_its_content_and_an_erased_case_loses_every_object(deps, now):
    _raalte(deps)
    _publish(deps)
    _publish(deps, "tekening", PNG, "image/png")
    blobs: Any = deps.blobs

    documents.delete(deps, RAALTE, RAALTE_CASE, "besluit")
    assert list(blobs.objects) == [f"{RAALTE}/{RAALTE_CASE}/tekening"]
    assert documents.forget_contents(deps, deps.cases.load_case(RAALTE, RAALTE_CASE)) == 1
    assert blobs.objects == {}


def test_the_initiators_token_alone_reads_documents_and_not_another_case(deps, now):
    token = _raalte(deps)
    _publish(deps)
    other = links.derive(deps.settings.token_key, RAALTE, "RAALTE-ANDER")
    assert [d.id for d in tracking.view(deps, token).documents] == ["besluit"]
    with pytest.raises(NotFound):
        documents.download(deps, other, "besluit")
