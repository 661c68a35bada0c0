"""The citizen's page in a real browser: content, language, the preference form, accessibility.

Each state is checked with axe-core (WCAG 2.1 A/AA and best practices) and photographed at
320 px and 1280 px wide into test-artifacts/browser/.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser import axe
from tests.browser.conftest import ARTIFACTS, WIDTHS


def _check_state(page, name: str) -> None:
    """axe-core finds nothing, nothing scrolls sideways at 320 px, and both widths are saved."""
    assert axe.violations(page) == [], f"axe-core violations in state '{name}'"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"'{name}' scrolls sideways at {width} px ({overflow} px)"
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_tracking_page_shows_the_case_and_its_timeline_oldest_first(page, service):
    _, path = service.new_case()

    response = page.goto(path)

    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text() == "Klacht over afvalinzameling"
    assert page.locator("header").inner_text().startswith("HVC")
    assert "container niet geleegd" in page.locator(".facts").inner_text()
    current = page.locator("section.current").inner_text()
    assert "Uw klacht is opgeschort. Reden: We wachten op een foto van de container." in current
    assert "30 november 2026, 14:45" in current
    # No date from the case system: the start (27 November) plus the service norm of 14 days.
    assert "11 december 2026" in page.locator(".facts").inner_text()
    items = page.locator("ol.timeline > li")
    assert items.count() == 3
    assert "27 november 2026, 09:15" in items.nth(0).inner_text()
    assert "in behandeling genomen" in items.nth(1).inner_text()
    # The text says the reason already (`((status.explanation))`): it is not repeated below it.
    assert items.nth(2).inner_text().count("We wachten op een foto van de container.") == 1
    # The stylesheet arrived despite `default-src 'none'`: it is our own, from /static/.
    assert page.evaluate("getComputedStyle(document.querySelector('.site')).backgroundColor") == "rgb(1, 104, 155)"
    _check_state(page, "tracking-page")


def test_the_language_switch_shows_the_page_in_english(page, service):
    _, path = service.new_case()
    page.goto(path)

    page.get_by_role("link", name="English").click()

    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Waste collection complaint"
    assert "Your complaint about container niet geleegd is being handled." in page.locator("ol.timeline").inner_text()
    assert "30 November 2026, 14:45" in page.locator("section.current").inner_text()
    assert page.get_by_role("link", name="Nederlands").is_visible()
    _check_state(page, "tracking-page-en")


def test_the_preference_form_saves_a_valid_change_and_confirms_it(page, service):
    case_id, path = service.new_case()
    page.goto(path)
    _check_state(page, "preference-form")

    page.get_by_label("Per e-mail").check()
    page.get_by_label("E-mailadres").fill("burger@example.nl")
    page.get_by_role("button", name="Wijziging opslaan").click()

    assert page.get_by_role("status").inner_text().startswith("Uw wijziging is opgeslagen.")
    assert "per e-mail naar b*****@example.nl" in page.locator("#berichten").inner_text()
    assert page.url.endswith("&saved=1#berichten")
    assert service.case(case_id)["preference_changes"][-1]["origin"] == "citizen"
    _check_state(page, "preference-saved")


def test_the_preference_form_shows_errors_next_to_the_fields_and_then_accepts_the_correction(page, service):
    case_id, path = service.new_case(subscriber={"channel": "portal", "language": "nl"})
    page.goto(path)

    page.get_by_label("Per sms").check()
    page.get_by_label("Mobiel nummer").fill("020 123 4567")
    response_status = []
    page.on("response", lambda r: response_status.append(r.status) if "/preferences" in r.url else None)
    page.get_by_role("button", name="Wijziging opslaan").click()
    page.wait_for_load_state()

    assert response_status == [400]
    assert page.title().startswith("Fout: ")
    summary = page.get_by_role("alert")
    assert "Uw wijziging is niet opgeslagen" in summary.inner_text()
    phone = page.get_by_label("Mobiel nummer")
    assert phone.get_attribute("aria-invalid") == "true"
    assert phone.input_value() == "020 123 4567"
    assert "Vul een geldig mobiel nummer in" in page.locator("#phone-error").inner_text()
    # The summary's link takes the keyboard user to the field.
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "phone"
    _check_state(page, "preference-error")

    phone.fill("06 87654321")
    page.get_by_role("button", name="Wijziging opslaan").click()

    expect(page.get_by_role("status")).to_be_visible()  # waits for the 303 and the page after it
    assert service.case(case_id)["subscriber"] == {
        "channel": "sms",
        "language": "nl",
        "phone": "+316******21",
        "email": None,
    }


def test_the_keyboard_focus_is_visible(page, service):
    _, path = service.new_case()
    page.goto(path)

    page.keyboard.press("Tab")
    skip = page.evaluate("[document.activeElement.className, document.activeElement.getBoundingClientRect().width]")
    page.locator("button").focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")

    assert skip[0] == "skip" and skip[1] > 0  # the skip link appears when it has focus
    assert outline == "solid"


def test_the_page_reflows_at_200_percent_zoom(browser, service):
    _, path = service.new_case()
    # 200 % zoom of a 1280 px window is a 640 px wide layout drawn at twice the size.
    context = browser.new_context(base_url=service.api, viewport={"width": 640, "height": 900}, device_scale_factor=2)
    page = context.new_page()
    page.goto(path)

    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.screenshot(path=str(ARTIFACTS / "tracking-page-zoom200.png"), full_page=True)
    context.close()

    assert overflow <= 0


def test_an_unknown_link_gets_a_404_page_that_says_so(page, service):
    response = page.goto("/track/hvc.AAAAAAAAAAAAAAAAAAAAAA")

    assert response.status == 404
    assert page.locator("h1").inner_text() == "Deze link is niet (meer) geldig"
    assert response.headers["x-robots-tag"].startswith("noindex")
    _check_state(page, "unknown-link")


def test_a_preference_changed_on_the_page_governs_the_very_next_notification(page, service):
    case_id, path = service.new_case()
    first = "Uw klacht is opgeschort. Reden: We wachten op een foto van de container."
    before = service.wait_for(lambda m: m["channel"] == "sms" and first in m["body"] and path in m["body"])
    assert before, f"no SMS for the case before the change; case: {service.case(case_id)['notifications']}"

    service.settle(case_id)
    sms_before = [m for m in service.outbox() if m["channel"] == "sms" and path in m["body"]]

    page.goto(path)
    page.get_by_label("Per e-mail").check()
    page.get_by_label("E-mailadres").fill(f"{case_id.lower()}@example.nl")
    page.get_by_label("Taal van de berichten").select_option("en")
    page.get_by_role("button", name="Wijziging opslaan").click()
    expect(page.get_by_role("status")).to_be_visible()  # waits for the 303 and the page after it

    service.post_event(
        {
            "case": {"id": case_id, "case_type": "klacht"},
            "status": "afgehandeld",
            "occurred_at": "2026-12-02T09:00:00+01:00",
        }
    )

    mails = service.wait_for(lambda m: m["channel"] == "email" and m["to"] == f"{case_id.lower()}@example.nl")
    assert mails, f"no e-mail within the wait; outbox: {service.outbox()}"
    assert mails[0]["subject"] == "HVC: Waste collection complaint"
    sms_after = [m for m in service.outbox() if m["channel"] == "sms" and path in m["body"]]
    assert len(sms_after) == len(sms_before)  # no SMS since the change
    trail = service.case(case_id)["preference_changes"]
    assert [c["origin"] for c in trail] == ["organisation", "citizen"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT.*", trail[-1]["at"])


def test_the_unknown_link_page_switches_to_english_without_naming_an_organisation(page, service):
    page.goto("/track/hvc.AAAAAAAAAAAAAAAAAAAAAA")

    page.get_by_role("link", name="English").click()

    assert page.locator("h1").inner_text() == "This link is not (or no longer) valid"
    assert "HVC" not in page.content()
    _check_state(page, "unknown-link-en")
