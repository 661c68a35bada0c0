"""The contact centre's case look-up in the console: status, history (internal statuses
marked), parties masked, messages and their outcomes; nothing of another organisation."""

from __future__ import annotations

from tests.builders import CASE_ID, event_body
from tests.console import get, sign_in

AGENT = "klantcontact@hvc.example"


def _case_with_history(harness, hvc):
    for status, at in (("ontvangen", "2026-11-27T09:00:00+01:00"), ("toegewezen", "2026-11-27T15:00:00+01:00")):
        assert harness.request("POST", "/v1/events", hvc, event_body(status, at)).status_code == 202
    assert harness.request("POST", "/v1/events", hvc, event_body()).status_code == 202
    harness.run_worker_until_empty()


def test_an_agent_looks_up_a_case_with_its_history_parties_and_messages(harness, hvc):
    _case_with_history(harness, hvc)
    cookie = sign_in(harness, "hvc", AGENT, "agent")

    page = get(harness, f"/console/cases?case_id={CASE_ID}", cookie)

    assert page.status_code == 200
    html = page.body.decode()
    assert f"Zaak {CASE_ID}" in html
    assert "Zaak in behandeling genomen (sinds 28 november 2026, 10:00)" in html
    assert "12 december 2026" in html  # the expected end date
    assert "Toegewezen aan afdeling" in html and '<span class="tag">intern</span>' in html
    assert "+316******78" in html and "06 12345678" not in html and "+31612345678" not in html
    assert "Aanvrager" in html
    assert "Verstuurd" in html or "Afgeleverd" in html
    assert "/track/" not in html  # no way to act as the citizen


def test_an_unknown_case_says_not_found_on_the_page(harness, hvc):
    cookie = sign_in(harness, "hvc", AGENT, "agent")
    page = get(harness, "/console/cases?case_id=HVC-BESTAAT-NIET", cookie)
    assert page.status_code == 404
    assert "Niet gevonden" in page.body.decode() and "HVC-BESTAAT-NIET" in page.body.decode()
    odd = get(harness, "/console/cases?case_id=" + "%3Cscript%3E" * 20, cookie)
    assert odd.status_code == 404 and "<script>" not in odd.body.decode()


def test_an_empty_search_asks_for_a_case_number(harness, hvc):
    cookie = sign_in(harness, "hvc", AGENT, "agent")
    assert get(harness, "/console/cases", cookie).status_code == 200
    empty = get(harness, "/console/cases?case_id=", cookie)
    assert empty.status_code == 400 and "Vul een zaaknummer in" in empty.body.decode()


def test_a_viewer_may_not_look_up_cases(harness, hvc):
    _case_with_history(harness, hvc)
    cookie = sign_in(harness, "hvc", "meekijker@hvc.example", "viewer")
    page = get(harness, f"/console/cases?case_id={CASE_ID}", cookie)
    assert page.status_code == 403
    assert CASE_ID not in page.body.decode()


def test_staff_of_another_organisation_find_nothing_of_hvc(harness, hvc):
    _case_with_history(harness, hvc)
    harness.create_organisation("other")
    cookie = sign_in(harness, "other", "agent@other.example", "admin")
    page = get(harness, f"/console/cases?case_id={CASE_ID}", cookie)
    assert page.status_code == 404
    html = page.body.decode()
    assert "Niet gevonden" in html
    assert "container niet geleegd" not in html and "in behandeling" not in html and "******" not in html
