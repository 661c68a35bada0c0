"""The status page of parties other than the applicant, and of a case with sub-cases, in a real
browser with axe-core. The data is built through the HTTP API: HVC's complaint as the parent,
DCMR's inspections as its sub-cases (HVC allows DCMR first), parties with PUT .../parties/{id}.
"""

from __future__ import annotations

import uuid
from typing import Any

from local import driver
from tests.browser.test_tracking_page import _check_state


def _as(service, org: str, method: str, path: str, body: Any = None) -> Any:
    creds = service.state["clients"][org]
    status, answer = driver.request(
        method, service.api + path, driver.client_token(creds["client_id"], creds["client_secret"]), body
    )
    assert status in (200, 201, 202), (status, answer)
    return answer


def _path(url: str) -> str:
    return "/track/" + url.rsplit("/track/", 1)[1]


def _party(service, case_id: str, party_id: str, **fields: Any) -> str:
    body = {"kind": "person", "channel": "portal", "language": "nl", **fields}
    return _path(_as(service, "hvc", "PUT", f"/v1/cases/{case_id}/parties/{party_id}", body)["tracking_url"])


def _inspection(service, parent: str, status: str, at: str) -> str:
    ref = {"id": "DCMR-WEB-" + uuid.uuid4().hex[:8], "case_type": "inspectie"}
    ref["parent"] = {"organisation": "hvc", "case_id": parent}
    event = {"case": ref, "status": status, "occurred_at": at, "subscriber": {"channel": "portal", "language": "nl"}}
    return _path(_as(service, "dcmr", "POST", "/v1/events", event)["tracking_url"])


def test_the_parents_page_lists_its_subcases_and_a_subcases_page_names_its_parent(page, service):
    case_id, path = service.new_case(subscriber={"channel": "portal", "language": "nl"})
    _as(service, "hvc", "PUT", "/v1/partners/dcmr", {"subcases": True})
    sub = _inspection(service, case_id, "gepland", "2026-12-01T09:00:00+01:00")
    _inspection(service, case_id, "afgesloten", "2026-12-02T15:00:00+01:00")

    page.goto(path)

    section = page.get_by_role("region", name="Deelzaken van deze zaak")
    assert section.get_by_role("heading", level=2).inner_text() == "Deelzaken van deze zaak"
    items = section.get_by_role("listitem")
    assert items.count() == 2
    texts = sorted(items.all_inner_texts(), key=lambda text: "Afgerond." in text)
    assert "DCMR Milieudienst Rijnmond" in texts[0] and "De inspectie is gepland." in texts[0]
    assert "1 december 2026, 09:00" in texts[0] and "Afgerond." not in texts[0]
    assert "Afgerond. De inspectie is afgesloten." in texts[1] and "2 december 2026, 15:00" in texts[1]
    assert section.get_by_role("heading", name="Inspectie", level=3).count() == 2
    _check_state(page, "tracking-page-subcases")

    page.goto(sub)

    assert "Deze zaak is onderdeel van Klacht over afvalinzameling van HVC." in page.locator("main").inner_text()
    _check_state(page, "tracking-page-subcase")


def test_a_business_partys_page_speaks_of_its_business(page, service):
    case_id, _ = service.new_case(subscriber={"channel": "portal", "language": "nl"})
    path = _party(service, case_id, "bakkerij", role="co_initiator", kind="business", name="Bakkerij De Korst B.V.")

    page.goto(path)

    intro = page.locator("main p.reader").inner_text()
    assert intro == "U volgt deze zaak als medeaanvrager namens uw onderneming Bakkerij De Korst B.V."
    assert page.get_by_role("heading", name="Verloop van de zaak van uw onderneming").is_visible()
    assert "Status van de zaak van uw onderneming" in page.title()
    _check_state(page, "tracking-page-business")

    page.get_by_role("link", name="English").click()

    assert page.get_by_role("heading", name="History of your business's case").is_visible()
    _check_state(page, "tracking-page-business-en")


def test_a_representatives_page_says_on_whose_behalf_and_its_form_changes_only_its_own_preference(page, service):
    case_id, _ = service.new_case(subscriber={"channel": "portal", "language": "nl"})
    _party(service, case_id, "initiator", role="initiator", name="J. Jansen")
    path = _party(service, case_id, "advocaat", role="representative", name="Mr. De Vries")

    page.goto(path)

    assert page.locator("main p.reader").inner_text() == "U volgt deze zaak als gemachtigde namens J. Jansen."
    assert page.get_by_role("heading", name="Verloop van de zaak", exact=True).is_visible()
    _check_state(page, "tracking-page-representative")

    page.get_by_label("Per e-mail").check()
    page.get_by_label("E-mailadres").fill("advocaat@example.nl")
    page.get_by_role("button", name="Wijziging opslaan").click()

    assert page.get_by_role("status").inner_text().startswith("Uw wijziging is opgeslagen.")
    parties = {p["party_id"]: p for p in service.case(case_id)["parties"]}
    assert (parties["advocaat"]["channel"], parties["advocaat"]["email"]) == ("email", "a*******@example.nl")
    assert (parties["initiator"]["channel"], parties["initiator"]["email"]) == ("portal", None)
    _check_state(page, "tracking-page-representative-saved")
