"""Steps, key dates and the result on the status page, in a real browser with axe-core at 320 and
1280 px. UWV (seeded with its WW application and four key dates) moves the first payment, and
later decides."""

from __future__ import annotations

import uuid
from typing import Any

from local import driver
from tests.browser.test_tracking_page import _check_state

DATES = {
    "aanvraag_ontvangen": "2026-11-27",
    "eerste_ww_dag": "2026-12-01",
    "beslissing_uiterlijk": "2027-01-22",
    "eerste_betaling": "2027-01-03",
}


def _uwv_post(service, body: dict[str, Any]) -> dict[str, Any]:
    client = service.state["clients"]["uwv"]
    token = driver.client_token(client["client_id"], client["client_secret"])
    status, answer = driver.request("POST", service.api + "/v1/events", token, body)
    assert status == 202, answer
    return dict(answer)


def _ww_case(service) -> tuple[dict[str, str], str]:
    ref = {"id": "WW-WEB-" + uuid.uuid4().hex[:8], "case_type": "ww"}
    first = _uwv_post(
        service,
        {
            "case": ref,
            "status": "ontvangen",
            "occurred_at": "2026-11-28T09:00:00+01:00",
            "subscriber": {"channel": "portal", "language": "nl"},
            "dates": DATES,
        },
    )
    moved = {"eerste_betaling": "2027-01-17"}
    _uwv_post(
        service, {"case": ref, "status": "in_behandeling", "occurred_at": "2026-12-02T10:00:00+01:00", "dates": moved}
    )
    return ref, "/track/" + first["tracking_url"].rsplit("/track/", 1)[1]


def test_the_steps_say_where_the_case_is_and_the_key_dates_say_what_moved(page, service):
    _, path = _ww_case(service)
    page.goto(path)

    steps = page.get_by_role("region", name="Stappen")
    assert "Stap 2 van 3" in steps.inner_text()
    assert steps.locator("li").all_inner_texts() == [
        "Aanvraag ontvangen (afgerond)",
        "Aanvraag in behandeling (huidige stap)",
        "Besluit genomen (nog niet aan de beurt)",
    ]
    dates = page.get_by_role("region", name="Belangrijke datums").inner_text()
    assert "Beslissing uiterlijk" in dates and "22 januari 2027" in dates
    assert "verschoven van 3 januari naar 17 januari 2027" in dates
    _check_state(page, "tracking-page-steps-dates")

    page.get_by_role("link", name="English").click()

    assert "Step 2 of 3" in page.get_by_role("region", name="Steps").inner_text()
    assert "moved from 3 January to 17 January 2027" in page.get_by_role("region", name="Key dates").inner_text()
    assert "only available in Dutch" in page.locator("p.note").inner_text()
    _check_state(page, "tracking-page-steps-dates-en")


def test_a_decided_case_shows_its_result_first_and_no_preference_form(page, service):
    ref, path = _ww_case(service)
    result = {"code": "toegekend", "text": "U krijgt een WW-uitkering vanaf 1 december 2026."}
    _uwv_post(service, {"case": ref, "status": "besluit", "occurred_at": "2027-01-10T09:00:00+01:00", "result": result})
    page.goto(path)

    assert page.locator("main h2").all_inner_texts()[0] == "Uitkomst"
    assert result["text"] in page.get_by_role("region", name="Uitkomst").inner_text()
    assert page.locator("form").count() == 0
    assert "Besluit genomen (afgehandeld)" in page.get_by_role("region", name="Stappen").inner_text()
    _check_state(page, "tracking-page-result")
