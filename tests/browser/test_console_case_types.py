"""Editing a case type's text in the staff console, in a real browser: sign in with the link from
`/dev/outbox`, open the case type, change a status's text, preview its SMS and e-mail, save, and
see a validation error beside its field; axe-core at 320 and 1280 px, screenshots into
test-artifacts/browser/.

The test edits a case type of its own, so the other browser tests' `klacht` stays as seeded."""

from __future__ import annotations

import uuid
from typing import Any

from tests.browser import axe
from tests.browser.conftest import WIDTHS
from tests.browser.test_console_reports import register_staff, sign_in
from tests.browser.test_tracking_page import _check_state as _photographed


def _check_state(page: Any, name: str) -> None:
    """axe-core finds nothing at either width (the layout changes between them), nothing scrolls
    sideways, and both widths are photographed."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert axe.violations(page) == [], f"axe-core violations in state '{name}' at {width} px"
    _photographed(page, name)


def _case_type(service: Any) -> str:
    code = "browser-" + uuid.uuid4().hex[:6]
    body = {
        "name": "Melding openbare ruimte",
        "public_name": {"nl": "Melding openbare ruimte", "en": "Public space report"},
        "service_norm_days": 10,
        "statuses": [
            {"code": "ontvangen", "name": "Ontvangen", "text": {"nl": "We hebben uw melding ontvangen."}},
            {
                "code": "in_behandeling",
                "name": "In behandeling",
                "notify": True,
                "text": {"nl": "Uw melding over ((case.description)) is in behandeling."},
            },
            {
                "code": "afgehandeld",
                "name": "Afgehandeld",
                "notify": True,
                "text": {"nl": "Uw melding is afgehandeld."},
            },
        ],
    }
    status, answer = service.call("PUT", f"/v1/case-types/{code}", body)
    assert status == 201, answer
    return code


def test_an_admin_edits_a_text_previews_it_saves_it_and_sees_an_error_beside_its_field(page, service):
    email = f"beheer-{uuid.uuid4().hex[:6]}@hvc.example"
    register_staff(service, email, "admin")
    code = _case_type(service)
    sign_in(page, service, email)

    page.get_by_role("link", name="Zaaktypen").first.click()
    assert page.locator("h1").inner_text() == "Zaaktypen"
    assert page.get_by_role("table", name="Zaaktypen van uw organisatie").is_visible()
    _check_state(page, "console-case-types")

    page.goto(f"/console/case-types/{code}")
    assert page.locator("h1").inner_text() == "Zaaktype Melding openbare ruimte"
    _check_state(page, "console-case-type-form")

    page.locator("#f-statuses-1-text-nl").fill("Wij pakken uw melding over ((case.description)) deze week op.")
    page.get_by_label("Voorbeeld: omschrijving van de zaak").fill("een losliggende stoeptegel")
    page.get_by_role("button", name="Voorbeeld van deze status (in_behandeling)").click()

    preview = page.get_by_role("region", name="Voorbeeld: status in_behandeling")
    sms = preview.locator("#voorbeeld-sms").inner_text()
    assert "Wij pakken uw melding over een losliggende stoeptegel deze week op." in sms
    assert "/track/hvc." in sms
    assert "GSM-7" in preview.inner_text()
    assert "Melding openbare ruimte" in preview.locator("#voorbeeld-onderwerp").inner_text()
    assert "een losliggende stoeptegel" in preview.locator("#voorbeeld-email").inner_text()
    _check_state(page, "console-case-type-preview")

    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_role("status").inner_text() == "Het zaaktype is opgeslagen."
    status, stored = service.call("GET", f"/v1/case-types/{code}")
    assert status == 200
    assert stored["statuses"][1]["text"]["nl"] == "Wij pakken uw melding over ((case.description)) deze week op."

    page.locator("#f-statuses-2-text-nl").fill("Afgehandeld op ((case.einddatum)).")
    page.get_by_role("button", name="Opslaan").click()

    field = page.locator("#f-statuses-2-text-nl")
    assert field.get_attribute("aria-invalid") == "true"
    assert "f-statuses-2-text-nl-error" in (field.get_attribute("aria-describedby") or "")
    assert (
        page.locator("#f-statuses-2-text-nl-error").inner_text().endswith("Onbekende placeholder ((case.einddatum)).")
    )
    assert page.get_by_role("alert").is_visible()
    page.get_by_role("alert").get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "f-statuses-2-text-nl"
    _check_state(page, "console-case-type-error")
    assert service.call("GET", f"/v1/case-types/{code}")[1]["statuses"][2]["text"]["nl"] == "Uw melding is afgehandeld."


def test_an_agent_reads_a_case_type_and_previews_it_without_a_form_to_save(page, service):
    email = f"agent-{uuid.uuid4().hex[:6]}@hvc.example"
    register_staff(service, email, "agent")
    code = _case_type(service)
    sign_in(page, service, email)

    page.goto(f"/console/case-types/{code}")
    assert page.get_by_role("button", name="Opslaan").count() == 0
    assert "Uw melding over ((case.description)) is in behandeling." in page.locator("main").inner_text()
    page.get_by_label("Status", exact=True).select_option("afgehandeld")
    page.get_by_label("Taal", exact=True).select_option("en")
    page.get_by_role("button", name="Voorbeeld", exact=True).click()

    preview = page.get_by_role("region", name="Voorbeeld: status afgehandeld")
    assert "Uw melding is afgehandeld." in preview.locator("#voorbeeld-sms").inner_text()  # no English text: Dutch
    assert preview.locator("#voorbeeld-onderwerp").inner_text() == "HVC: Public space report"
    _check_state(page, "console-case-type-read-only")
