"""Signing in to "Mijn zaken" with DigiD in a real browser, through the local run's loopback OIDC
provider stand-in, as the test citizen whose demo cases `local/digid_demo.py` posted; the refused
page is checked with axe-core at 320 and 1280 px and saved in test-artifacts/browser/."""

from __future__ import annotations

from typing import Any

from tests.browser.test_tracking_page import _check_state


def test_a_citizen_signs_in_with_digid_and_sees_the_cases_they_initiated(page: Any, service: Any) -> None:
    page.goto("/mijn-zaken")
    _check_state(page, "mijn-zaken-sign-in-with-digid")
    page.get_by_role("link", name="Inloggen met DigiD").click()

    # The stand-in's own page: choose the test citizen.
    page.get_by_label("Test burger").select_option(label="Test burger (999993653)")
    page.get_by_role("button", name="Inloggen").click()

    page.wait_for_url("**/mijn-zaken")
    assert page.locator("h1").inner_text() == "Mijn zaken"
    # The session cookie came along after the callback: the overview's JSON, in the same browser.
    answer = page.request.get("/v1/me/cases").json()
    assert {"HVC-DIGID-1", "ODMH-DIGID-1"} <= {case["case_id"] for case in answer["cases"]}


def test_a_forged_callback_shows_the_refused_page_and_no_session(browser: Any, service: Any) -> None:
    context = browser.new_context(base_url=service.api, viewport={"width": 1280, "height": 900}, locale="nl-NL")
    try:
        page = context.new_page()
        response = page.goto("/mijn-zaken/digid/callback?code=forged&state=forged")
        assert response.status == 403
        assert page.locator("h1").inner_text() == "Inloggen met DigiD is niet gelukt"
        _check_state(page, "digid-refused")
        assert page.request.get("/v1/me/cases").status == 401
    finally:
        context.close()
