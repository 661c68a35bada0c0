"""A case's documents through the HTTP API, the page and the queue: Gemeente Raalte shows the
applicant the case file, also after the decision, until the case's retention ends."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import boto3
import requests

from chalicelib.domain import clock
from local.resources import verify_senders
from tests.document_builders import JPEG, PDF, PNG, RAALTE, RAALTE_CASE, document, permit, raalte_event
from tests.harness import Harness, org_token
from tests.mail import parts, sent_mails

CASE = f"/v1/cases/{RAALTE_CASE}"
DOC = f"{CASE}/documents/besluit"
BUCKET = "zaakstatus-documents"


def _raalte(harness: Harness) -> dict[str, Any]:
    verify_senders(boto3.client("sesv2"), ["raalte.example"])
    creds = harness.create_organisation(RAALTE, name="Gemeente Raalte")
    assert harness.request("PUT", "/v1/case-types/omgevingsvergunning", creds, permit()).status_code == 201
    return creds


def _upload(harness: Harness, creds: dict[str, Any], body: bytes, content_type: str, path: str = DOC) -> Any:
    # Lower-case names, as API Gateway hands them on: a binary type's body arrives base64-encoded.
    headers = {"authorization": f"Bearer {org_token(creds)}", "content-type": content_type}
    return harness.client.http.put(f"{path}/content", headers=headers, body=body)


def _token(url: str) -> str:
    return url.rsplit("/", 1)[1]


def _objects() -> list[str]:
    return [o["Key"] for o in boto3.client("s3").list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def _follow(location: str) -> requests.Response:
    """What a browser gets from the pre-signed URL (moto answers for S3)."""
    return requests.get(location, timeout=5)


def test_raalte_a_pdf_uploaded_is_listed_downloaded_after_closing_and_gone_after_retention(harness, monkeypatch):
    raalte = _raalte(harness)
    url = harness.request("POST", "/v1/events", raalte, raalte_event()).json_body["tracking_url"]
    harness.run_worker_until_empty()  # the applicant is told of the application

    created = harness.request("PUT", DOC, raalte, document())
    uploaded = _upload(harness, raalte, PDF, "application/pdf")
    harness.run_worker_until_empty()  # the document's announcement: a message to the applicant

    assert created.status_code == 201 and created.json_body["content"] is None
    assert uploaded.status_code == 204
    assert _objects() == [f"{RAALTE}/{RAALTE_CASE}/besluit"]
    head = boto3.client("s3").head_object(Bucket=BUCKET, Key=_objects()[0])
    assert head["ServerSideEncryption"] == "AES256" and head["ContentType"] == "application/pdf"
    listed = harness.request("GET", f"/v1/track/{_token(url)}").json_body["documents"]
    assert listed == [
        {
            "id": "besluit",
            "title": "Besluit op uw aanvraag",
            "type": "besluit",
            "date": "2026-12-01",
            "new": True,
            "download_url": f"{url}/documents/besluit",
        }
    ]
    page = harness.request("GET", f"/track/{_token(url)}").body.decode()
    assert "Besluit op uw aanvraag" in page and "nieuw</strong>" in page
    assert f'href="{url}/documents/besluit"' in page
    told = [parts(m)[0] for _, m in sent_mails() if "document" in parts(m)[0]]
    assert len(told) == 1 and "Er staat een nieuw document voor u klaar bij uw zaak." in told[0]

    # The decision closes the case: the document stays downloadable until retention ends (30 days).
    harness.request("POST", "/v1/events", raalte, raalte_event("besluit", "2026-12-02T10:00:00+01:00"))
    harness.run_worker_until_empty()
    download = harness.client.http.get(f"/track/{_token(url)}/documents/besluit")
    assert download.status_code == 302
    location = download.headers["Location"]
    assert location.startswith(f"https://{BUCKET}.s3.eu-west-1.amazonaws.com/{RAALTE}/{RAALTE_CASE}/besluit?")
    assert int(parse_qs(urlsplit(location).query)["X-Amz-Expires"][0]) <= 300
    assert download.headers["Referrer-Policy"] == "no-referrer"  # S3 never sees the tracking link
    fetched = _follow(location)
    assert fetched.status_code == 200 and fetched.content == PDF
    assert 'filename="besluit.pdf"' in fetched.headers["Content-Disposition"]
    again = harness.request("GET", f"/v1/track/{_token(url)}").json_body["documents"][0]
    assert again["new"] is False  # the decision's message reached the applicant after the upload

    # Past retention (2 December + 30 days): the download answers as an unknown link does ...
    later = dt.datetime(2027, 1, 1, 10, 0, 1, tzinfo=dt.UTC)
    monkeypatch.setattr(clock, "now", lambda: later)
    gone = harness.client.http.get(f"/track/{_token(url)}/documents/besluit")
    unknown = harness.client.http.get(f"/track/{_token(url)}")
    assert gone.status_code == 404 and gone.body == unknown.body
    # ... and once TTL deletes the case's items, the table's stream takes the content with them.
    _expire_like_ttl(later)
    removed = harness.client.lambda_.invoke("remove_document_content", _stream_batch())
    assert removed.payload is None
    assert _objects() == []


def _expire_like_ttl(now: dt.datetime) -> None:
    """What DynamoDB's TTL does (moto does not): delete every item whose `expires_at` passed."""
    db = boto3.client("dynamodb")
    for item in db.scan(TableName="zaakstatus")["Items"]:
        if "expires_at" in item and int(item["expires_at"]["N"]) <= now.timestamp():
            db.delete_item(TableName="zaakstatus", Key={"pk": item["pk"], "sk": item["sk"]})


def _stream_batch() -> dict[str, Any]:
    """The table stream's records since it began, as Lambda hands them to the function."""
    db, streams = boto3.client("dynamodb"), boto3.client("dynamodbstreams")
    arn = db.describe_table(TableName="zaakstatus")["Table"]["LatestStreamArn"]
    records = []
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        iterator = streams.get_shard_iterator(
            StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]
        records += streams.get_records(ShardIterator=iterator)["Records"]
    for record in records:
        created = record["dynamodb"].get("ApproximateCreationDateTime")
        if isinstance(created, dt.datetime):
            record["dynamodb"]["ApproximateCreationDateTime"] = created.timestamp()
        record["eventSourceARN"] = arn
    return json.loads(json.dumps({"Records": records}, default=str))


def test_a_replaced_document_keeps_its_content_and_a_deleted_one_loses_it(harness):
    raalte = _raalte(harness)
    url = harness.request("POST", "/v1/events", raalte, raalte_event()).json_body["tracking_url"]
    harness.request("PUT", DOC, raalte, document())
    _upload(harness, raalte, PNG, "image/png")

    replaced = harness.request("PUT", DOC, raalte, document(title="Besluit (gewijzigd)", date="2026-12-03"))
    listed = harness.request("GET", f"/v1/track/{_token(url)}").json_body["documents"]

    assert replaced.status_code == 200
    assert replaced.json_body["content"] == {"content_type": "image/png", "size": len(PNG)}
    assert [(d["title"], d["date"]) for d in listed] == [("Besluit (gewijzigd)", "2026-12-03")]
    assert harness.request("DELETE", DOC, raalte).status_code == 204
    assert _objects() == []
    assert harness.request("GET", f"/v1/track/{_token(url)}").json_body["documents"] == []
    assert harness.client.http.get(f"/track/{_token(url)}/documents/besluit").status_code == 404
    assert harness.request("DELETE", DOC, raalte).status_code == 404


def test_a_document_elsewhere_is_a_redirect_to_its_own_url(harness):
    raalte = _raalte(harness)
    url = harness.request("POST", "/v1/events", raalte, raalte_event()).json_body["tracking_url"]
    harness.request("PUT", DOC, raalte, document(url="https://raalte.example/documenten/besluit.pdf"))

    download = harness.client.http.get(f"/track/{_token(url)}/documents/besluit")

    assert download.status_code == 302
    assert download.headers["Location"] == "https://raalte.example/documenten/besluit.pdf"


def test_a_document_url_must_pass_the_outbound_url_guard(harness):
    raalte = _raalte(harness)
    harness.request("POST", "/v1/events", raalte, raalte_event())

    for bad in ("http://raalte.example/x.pdf", "https://10.0.0.1/x.pdf", "https://user:pw@raalte.example/x"):
        response = harness.request("PUT", DOC, raalte, document(url=bad))
        assert response.status_code == 400, bad
        assert response.json_body["invalid_params"][0]["name"] == "url"


def test_content_whose_magic_bytes_are_not_its_type_is_415_naming_the_body(harness):
    raalte = _raalte(harness)
    harness.request("POST", "/v1/events", raalte, raalte_event())
    harness.request("PUT", DOC, raalte, document())

    answers = [
        _upload(harness, raalte, PNG, "application/pdf"),
        _upload(harness, raalte, b"<html>not a pdf</html>", "application/pdf"),
        _upload(harness, raalte, JPEG, "image/png"),
        _upload(harness, raalte, PDF, "application/zip"),
    ]

    assert [a.status_code for a in answers] == [415, 415, 415, 415]
    assert {a.json_body["invalid_params"][0]["name"] for a in answers} == {"body"}
    assert _objects() == []


def test_content_over_10_mib_is_413_naming_the_body(harness):
    raalte = _raalte(harness)
    harness.request("POST", "/v1/events", raalte, raalte_event())
    harness.request("PUT", DOC, raalte, document())

    too_large = _upload(harness, raalte, PDF + b"\0" * (10 * 1024 * 1024), "application/pdf")
    exactly = _upload(harness, raalte, PDF + b"\0" * (10 * 1024 * 1024 - len(PDF)), "application/pdf")

    assert too_large.status_code == 413
    assert too_large.json_body["invalid_params"] == [
        {"name": "body", "reason": "is larger than 10485760 bytes (10 MiB)"}
    ]
    assert exactly.status_code == 204


def test_another_organisation_cannot_put_upload_delete_or_download_raaltes_document(harness):
    raalte = _raalte(harness)
    url = harness.request("POST", "/v1/events", raalte, raalte_event()).json_body["tracking_url"]
    harness.request("PUT", DOC, raalte, document())
    _upload(harness, raalte, PDF, "application/pdf")
    other = harness.create_organisation("other")

    put = harness.request("PUT", DOC, other, document(title="Vervalst"))
    upload = _upload(harness, other, PNG, "image/png")
    delete = harness.request("DELETE", DOC, other)
    foreign_link = f"/track/other.{_token(url).split('.', 1)[1]}/documents/besluit"

    assert (put.status_code, upload.status_code, delete.status_code) == (404, 404, 404)
    assert harness.client.http.get(foreign_link).status_code == 404
    listed = harness.request("GET", f"/v1/track/{_token(url)}").json_body["documents"]
    assert [d["title"] for d in listed] == ["Besluit op uw aanvraag"]
    assert (
        _follow(harness.client.http.get(f"/track/{_token(url)}/documents/besluit").headers["Location"]).content == PDF
    )


def test_a_document_above_the_case_types_publish_limit_is_neither_listed_nor_downloadable(harness):
    raalte = _raalte(harness)
    url = harness.request("POST", "/v1/events", raalte, raalte_event()).json_body["tracking_url"]
    harness.request("PUT", DOC, raalte, document(confidentiality="geheim"))
    _upload(harness, raalte, PDF, "application/pdf")
    harness.run_worker_until_empty()

    assert harness.request("GET", f"/v1/track/{_token(url)}").json_body["documents"] == []
    assert harness.client.http.get(f"/track/{_token(url)}/documents/besluit").status_code == 404
    assert not [m for _, m in sent_mails() if "document" in parts(m)[0]]  # nor announced to anyone


def test_a_document_added_webhook_goes_out_once_with_no_party_in_it(harness):
    raalte = _raalte(harness)
    hook = {"url": "https://hooks.raalte.example/zaken", "events": ["case.document_added"], "cases": "own"}
    assert harness.request("PUT", "/v1/webhooks/zaaksysteem", raalte, hook).status_code == 201
    harness.request("POST", "/v1/events", raalte, raalte_event())
    harness.request("PUT", DOC, raalte, document())
    _upload(harness, raalte, PDF, "application/pdf")
    _upload(harness, raalte, PDF, "application/pdf")  # again: announced once all the same
    harness.run_worker_until_empty()

    deliveries = harness.request("GET", "/v1/webhooks/zaaksysteem/deliveries", raalte).json_body["deliveries"]
    assert [d["type"] for d in deliveries] == ["case.document_added"]
