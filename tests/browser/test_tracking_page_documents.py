"""The case's documents on the status page, in a real browser with axe-core: listed with title,
type, date and a "nieuw" mark, and downloaded through the page's link (a redirect to a
pre-signed URL of the local run's S3, moto)."""

from __future__ import annotations

import urllib.request

from local import driver
from tests.browser.test_tracking_page import _check_state
from tests.document_builders import PDF


def _upload(service, case_id: str, doc_id: str, body: bytes, content_type: str) -> int:
    creds = service.state["clients"]["hvc"]
    token = driver.client_token(creds["client_id"], creds["client_secret"])
    url = f"{service.api}/v1/cases/{case_id}/documents/{doc_id}/content"
    request = urllib.request.Request(url, data=body, method="PUT")
    request.add_header("Content-Type", content_type)
    request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as answer:
        return int(answer.status)


def test_the_page_lists_the_documents_and_a_link_downloads_one(page, service):
    case_id, path = service.new_case(subscriber={"channel": "portal", "language": "nl"})
    decision = {"title": "Besluit op uw klacht", "type": "besluit", "date": "2026-12-02"}
    status, _ = service.call("PUT", f"/v1/cases/{case_id}/documents/besluit", decision)
    assert status == 201
    assert _upload(service, case_id, "besluit", PDF, "application/pdf") == 204
    later = {"title": "Foto van de container", "type": "foto", "date": "2026-12-03"}
    assert service.call("PUT", f"/v1/cases/{case_id}/documents/foto", later)[0] == 201  # no file yet

    page.goto(path)

    section = page.get_by_role("region", name="Documenten bij uw zaak")
    items = section.get_by_role("listitem")
    assert items.count() == 2
    assert items.nth(0).get_by_role("heading", level=3).inner_text() == "Foto van de container nieuw"
    assert "Dit document is nog niet te downloaden." in items.nth(0).inner_text()
    first = items.nth(1).inner_text()
    assert "Besluit op uw klacht" in first and "besluit" in first and "2 december 2026" in first
    link = section.get_by_role("link", name="Download Besluit op uw klacht")
    download = page.request.get(link.get_attribute("href"))
    assert download.status == 200 and download.body() == PDF
    assert 'filename="besluit.pdf"' in download.headers["content-disposition"]
    _check_state(page, "tracking-page-documents")

    page.goto(path + "?lang=en")
    english = page.get_by_role("region", name="Documents of your case")
    assert english.get_by_role("link", name="Download Besluit op uw klacht").count() == 1
    _check_state(page, "tracking-page-documents-en")
