"""The status page of a case that asks the citizen to act, with the organisation's contact, in a
real browser with axe-core at 320 and 1280 px. HVC (seeded with its customer service as
contact) suspends a complaint until it has a photo of the container."""

from __future__ import annotations

import uuid

from tests.browser.test_tracking_page import _check_state

PHOTO = {
    "text": "Stuur ons een foto van de container aan de straat.",
    "deadline": "2026-12-15",
    "url": "https://www.hvc.example/foto-insturen",
}


def _case_asking_a_photo(service) -> str:
    ref = {"id": "HVC-WEB-" + uuid.uuid4().hex[:8], "case_type": "klacht", "description": "container niet geleegd"}
    first = service.post_event(
        {
            "case": ref,
            "status": "ontvangen",
            "occurred_at": "2026-11-27T09:15:00+01:00",
            "subscriber": {"channel": "portal", "language": "nl"},
        }
    )
    service.post_event(
        {
            "case": ref,
            "status": "opgeschort",
            "occurred_at": "2026-11-30T14:45:00+01:00",
            "explanation": "We wachten op een foto van de container.",
            "action": PHOTO,
        }
    )
    return "/track/" + first["tracking_url"].rsplit("/track/", 1)[1]


def test_the_action_comes_first_with_its_deadline_and_link_and_the_contact_follows(page, service):
    page.goto(_case_asking_a_photo(service))

    action = page.get_by_role("region", name="Actie nodig")
    assert action.is_visible()
    headings = page.locator("main h2").all_inner_texts()
    assert headings[0] == "Actie nodig" and headings.index("Huidige status") > 0
    assert PHOTO["text"] in action.inner_text()
    assert "Uiterste datum: 15 december 2026" in action.inner_text()
    link = action.get_by_role("link", name="Regel dit online bij HVC")
    assert link.get_attribute("href") == PHOTO["url"]

    contact = page.get_by_role("region", name="Contact")
    assert "Vragen over uw zaak? Neem contact op met HVC." in contact.inner_text()
    assert contact.get_by_role("link", name="0800 0700").get_attribute("href") == "tel:08000700"
    assert contact.get_by_role("link", name="klantenservice@hvc.example").is_visible()
    assert "maandag tot en met vrijdag van 8.00 tot 17.00 uur" in contact.inner_text()
    _check_state(page, "tracking-page-action-contact")

    page.get_by_role("link", name="English").click()

    assert page.get_by_role("region", name="Action needed").is_visible()
    assert "Deadline: 15 December 2026" in page.locator("section.action").inner_text()
    assert "Monday to Friday, 8:00 to 17:00" in page.get_by_role("region", name="Contact").inner_text()
    _check_state(page, "tracking-page-action-contact-en")
