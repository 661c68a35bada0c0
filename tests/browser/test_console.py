"""Signing in to the staff console and looking up a case, in a real browser: the link is read
from `/dev/outbox`; every page and state is checked with axe-core at 320 and 1280 px and saved
as screenshots in test-artifacts/browser/."""

from __future__ import annotations

import re
import uuid
from typing import Any

from local import driver
from tests.browser.test_tracking_page import _check_state

LINK = re.compile(r"https?://[^\s/]+(/console/login/[A-Za-z0-9_-]+)")


def _staff(service: Any, role: str, org: str = "hvc") -> str:
    email = f"{role}-{uuid.uuid4().hex[:6]}@hvc.example"
    url = f"{service.api}/v1/admin/organisations/{org}/staff/{email}"
    status, body = driver.request("PUT", url, service.state["admin_token"], {"role": role})
    assert status == 201, body
    return email


def _ask_link(page: Any, service: Any, email: str) -> str:
    page.goto("/console")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_role("button", name="Stuur mij een aanmeldlink").click()
    [mail] = service.wait_for(lambda m: m["to"] == email and "/console/login/" in (m["body"] or ""))
    return LINK.search(mail["body"]).group(1)


def test_a_staff_member_signs_in_with_the_e_mailed_link_and_out_again(page, service):
    email = _staff(service, "admin")

    page.goto("/console")
    assert page.locator("h1").inner_text() == "Aanmelden"
    _check_state(page, "console-sign-in")
    page.get_by_role("button", name="Stuur mij een aanmeldlink").click()  # no address
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("E-mailadres").get_attribute("aria-invalid") == "true"
    _check_state(page, "console-sign-in-error")

    link = _ask_link(page, service, email)
    assert page.locator("h1").inner_text() == "Kijk in uw e-mail"
    _check_state(page, "console-link-sent")

    page.goto(link)
    assert page.locator("h1").inner_text() == "Aanmelden bij HVC"
    _check_state(page, "console-confirm")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/console")
    assert page.locator("h1").inner_text() == "Console van HVC"
    assert "HVC · beheerder" in page.locator("header").inner_text()
    _check_state(page, "console-home")

    page.goto(link)  # used: the same page as any dead link
    assert page.locator("h1").inner_text() == "Deze link werkt niet (meer)"
    _check_state(page, "console-link-gone")

    page.goto("/console")
    page.get_by_role("button", name="Afmelden").click()
    page.wait_for_url("**/console")
    assert page.locator("h1").inner_text() == "Aanmelden"
    page.goto("/console/cases")
    assert page.locator("h1").inner_text() == "Aanmelden"  # the session is gone


def test_an_agent_looks_up_a_case_for_a_caller(page, service):
    case_id, _ = service.new_case()
    service.settle(case_id)
    email = _staff(service, "agent")
    page.goto(_ask_link(page, service, email))
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/console")

    page.get_by_role("link", name="Zaak zoeken").first.click()
    assert page.locator("h1").inner_text() == "Zaak zoeken"
    _check_state(page, "console-case-search")
    page.get_by_label("Zaaknummer").fill(case_id)
    page.get_by_role("button", name="Zoeken").click()

    assert page.locator("h1").inner_text() == f"Zaak {case_id}"
    facts = page.locator(".facts").inner_text()
    assert "opgeschort" in facts.lower() and "sinds 30 november 2026, 14:45" in facts
    history = page.get_by_role("table", name=re.compile("Alle statussen"))
    assert history.get_by_role("row").count() == 4  # a header and three statuses
    parties = page.get_by_role("table", name=re.compile("Contactgegevens gemaskeerd")).inner_text()
    assert "Aanvrager" in parties and "******" in parties
    assert page.get_by_role("table", name=re.compile("Per status en betrokkene")).get_by_role("row").count() >= 2
    assert page.locator("a[href*='/track/']").count() == 0
    _check_state(page, "console-case")

    page.get_by_label("Zaaknummer").fill("HVC-BESTAAT-NIET")
    page.get_by_role("button", name="Zoeken").click()
    assert page.get_by_role("heading", name="Niet gevonden").is_visible()
    _check_state(page, "console-case-not-found")
