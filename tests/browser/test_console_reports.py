"""Reading a report in the staff console, in a real browser: sign in with the link from
`/dev/outbox`, choose a period, read the charts and their tables, open the overdue list and a
late case; axe-core at 320 and 1280 px, screenshots into test-artifacts/browser/."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from local import driver
from tests.browser.test_tracking_page import _check_state

LINK = re.compile(r"https?://[^\s/]+(/console/login/[A-Za-z0-9_-]+)")


def register_staff(service: Any, email: str, role: str, org: str = "hvc") -> None:
    url = f"{service.api}/v1/admin/organisations/{org}/staff/{email}"
    status, body = driver.request("PUT", url, service.state["admin_token"], {"role": role})
    assert status in (200, 201), body


def sign_in(page: Any, service: Any, email: str) -> None:
    """As a person would: ask for a link on /console, read it from the outbox, confirm."""
    page.goto("/console")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_role("button", name="Stuur mij een aanmeldlink").click()
    [mail] = service.wait_for(lambda m: m["to"] == email and "/console/login/" in (m["body"] or ""))
    page.goto(LINK.search(mail["body"]).group(1))
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/console")


def _late_case(service: Any) -> str:
    """An HVC complaint received three weeks ago, in progress, and past its expected end date."""
    case_id = "HVC-LAAT-" + uuid.uuid4().hex[:6]
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=21)
    ref = {
        "id": case_id,
        "case_type": "klacht",
        "expected_end_date": (start + dt.timedelta(days=14)).date().isoformat(),
    }
    service.post_event({"case": ref, "status": "ontvangen", "occurred_at": start.isoformat()})
    at = (start + dt.timedelta(days=1)).isoformat()
    service.post_event({"case": ref, "status": "in_behandeling", "occurred_at": at})
    return case_id


def test_an_agent_reads_the_report_its_tables_and_the_overdue_list_and_opens_a_late_case(page, service):
    email = f"agent-{uuid.uuid4().hex[:6]}@hvc.example"
    register_staff(service, email, "agent")
    case_id = _late_case(service)
    sign_in(page, service, email)

    page.get_by_role("link", name="Rapportages").first.click()

    assert page.locator("h1").inner_text() == "Rapportage"
    charts = page.get_by_role("img")
    assert charts.count() >= 4
    assert charts.first.get_attribute("aria-labelledby") == "chart-cases-title chart-cases-desc"
    cases = page.get_by_role("table", name="Zaken per zaaktype")
    assert "Klacht afvalinzameling" in cases.inner_text()
    assert page.get_by_role("region", name="Zaken per zaaktype").is_visible()
    _check_state(page, "console-reports")

    page.get_by_label("Zaaktype", exact=True).select_option(label="Klacht afvalinzameling")
    page.get_by_label("Vanaf", exact=True).fill("2026-13-01")
    page.get_by_role("button", name="Toon").click()

    assert page.locator("#from-error").inner_text().endswith("bijvoorbeeld 2026-11-01.")
    assert page.get_by_role("alert").is_visible()
    _check_state(page, "console-reports-error")

    page.get_by_label("Vanaf", exact=True).fill("")
    page.get_by_role("button", name="Toon").click()
    page.get_by_role("link", name="Te late zaken").click()

    overdue = page.get_by_role("table", name=re.compile(r"^Te late zaken"))
    assert case_id in overdue.inner_text()
    _check_state(page, "console-overdue")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download deze lijst als CSV").click()
    assert download.value.suggested_filename == "te-late-zaken.csv"
    assert case_id in open(download.value.path(), encoding="utf-8").read()

    page.get_by_role("link", name=case_id).click()
    assert case_id in page.locator("main").inner_text()
