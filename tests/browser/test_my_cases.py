"""Signing in to "Mijn zaken" with an e-mailed link in a real browser: the link is read from
`/dev/outbox`; the sign-in page, the overview with and without cases and the change-for-all form
(also with an error) are checked with axe-core at 320 and 1280 px and saved as screenshots in
test-artifacts/browser/."""

from __future__ import annotations

import re
import uuid
from typing import Any

from tests.browser.test_tracking_page import _check_state

LINK = re.compile(r"https?://[^\s/]+(/mijn-zaken/login/[A-Za-z0-9_-]+)")


def _sign_in(page: Any, service: Any, email: str) -> None:
    page.goto("/mijn-zaken")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_role("button", name="Stuur mij een link").click()
    assert page.locator("h1").inner_text() == "Kijk in uw e-mail of op uw telefoon"
    [mail] = service.wait_for(lambda m: m["to"] == email and "/mijn-zaken/login/" in (m["body"] or ""))
    page.goto(LINK.search(mail["body"]).group(1))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/mijn-zaken")


def test_a_citizen_signs_in_sees_their_cases_and_changes_the_messages_of_all(page, service):
    email = f"burger-{uuid.uuid4().hex[:6]}@example.nl"
    first, _ = service.new_case({"channel": "email", "email": email, "language": "nl"})
    second, _ = service.new_case({"channel": "email", "email": email, "language": "nl"})

    page.goto("/mijn-zaken")
    assert page.locator("h1").inner_text() == "Mijn zaken"
    _check_state(page, "mijn-zaken-sign-in")
    page.get_by_role("button", name="Stuur mij een link").click()  # no address
    assert page.get_by_role("alert").is_visible()
    _check_state(page, "mijn-zaken-sign-in-error")

    _sign_in(page, service, email)
    text = page.locator("main").inner_text()
    assert first in text and second in text
    _check_state(page, "mijn-zaken-overview")

    page.get_by_label("Sms").check()
    page.get_by_role("button", name="Voor al mijn zaken opslaan").click()  # sms needs a number
    assert page.get_by_role("alert").is_visible()
    _check_state(page, "mijn-zaken-change-for-all-error")
    page.get_by_label("Alleen op de website").check()
    page.get_by_role("button", name="Voor al mijn zaken opslaan").click()
    assert "opgeslagen voor 2" in page.get_by_role("status").inner_text()
    _check_state(page, "mijn-zaken-change-for-all-saved")

    page.goto("/mijn-zaken?lang=en")
    assert page.locator("h1").inner_text() == "My cases"
    _check_state(page, "mijn-zaken-overview-en")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/mijn-zaken?lang=en")
    assert page.get_by_role("button", name="Send me a link").is_visible()


def test_an_address_whose_case_moved_on_sees_an_empty_overview_and_a_dead_link_the_same_page(page, service):
    email = f"oud-{uuid.uuid4().hex[:6]}@example.nl"
    case_id, _ = service.new_case({"channel": "email", "email": email, "language": "nl"})
    moved = {"channel": "email", "email": f"nieuw-{uuid.uuid4().hex[:6]}@example.nl", "language": "nl"}
    status, body = service.call("PUT", f"/v1/cases/{case_id}/subscriber", moved)
    assert status == 200, body

    _sign_in(page, service, email)
    assert "Er zijn geen zaken gevonden" in page.locator("main").inner_text()
    _check_state(page, "mijn-zaken-overview-empty")

    page.goto("/mijn-zaken/login/" + "A" * 43)
    assert page.locator("h1").inner_text() == "Deze link is niet (meer) geldig"
    _check_state(page, "mijn-zaken-link-gone")
