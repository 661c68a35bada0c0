"""What a citizen needs to know, through the HTTP API: UWV's four key dates with one moved, the
steps, a refused permit with its result, and the case type's warnings."""

from __future__ import annotations

import re
from typing import Any

from local.seed_uwv import UWV_WW

CASE = "WW-2026-0042"
DATES = {
    "aanvraag_ontvangen": "2026-11-27",
    "eerste_ww_dag": "2026-12-01",
    "beslissing_uiterlijk": "2027-01-22",
    "eerste_betaling": "2027-01-03",
}


def _uwv(harness) -> dict[str, Any]:
    creds = harness.create_organisation("uwv", sms_from="UWV")
    put = harness.request("PUT", "/v1/case-types/ww", creds, UWV_WW)
    assert put.status_code == 201, put.body
    assert put.json_body["warnings"] == []
    return creds


def _event(status: str, hour: int, **extra: Any) -> dict[str, Any]:
    return {
        "case": {"id": CASE, "case_type": "ww"},
        "status": status,
        "occurred_at": f"2026-11-28T{hour:02d}:00:00+01:00",
        "subscriber": {"channel": "sms", "phone": "06 12345678", "language": "nl"},
        **extra,
    }


def _post(harness, creds, body) -> dict[str, Any]:
    response = harness.request("POST", "/v1/events", creds, body)
    assert response.status_code == 202, response.body
    answer: dict[str, Any] = response.json_body
    return answer


def _token(answer: dict[str, Any]) -> str:
    return str(answer["tracking_url"]).rsplit("/", 1)[1]


def _sms_bodies(harness) -> list[str]:
    harness.run_worker_until_empty()
    return [m["body"] for m in harness.standin.messages]


def test_uwv_four_key_dates_one_moved_shows_old_and_new_and_tells_the_applicant(harness):
    uwv = _uwv(harness)
    token = _token(_post(harness, uwv, _event("ontvangen", 9, dates=DATES)))
    [first] = _sms_bodies(harness)
    assert "U hoort uiterlijk 22 januari 2027 of u een uitkering krijgt." in first

    # `in_behandeling` tells nobody by itself; moving the first payment (notify_on_change) does.
    moved = _post(harness, uwv, _event("in_behandeling", 10, dates={"eerste_betaling": "2027-01-17"}))
    assert moved["notification"]["state"] == "created"
    bodies = _sms_bodies(harness)
    assert len(bodies) == 2
    assert "Verwachte eerste betaling: verschoven van 3 januari naar 17 januari 2027." in bodies[1]

    view = harness.request("GET", f"/v1/track/{token}").json_body
    assert view["dates"] == [
        {"code": "aanvraag_ontvangen", "label": "Aanvraag ontvangen", "date": "2026-11-27", "previous": None},
        {"code": "eerste_ww_dag", "label": "Verwachte eerste WW-dag", "date": "2026-12-01", "previous": None},
        {"code": "beslissing_uiterlijk", "label": "Beslissing uiterlijk", "date": "2027-01-22", "previous": None},
        {
            "code": "eerste_betaling",
            "label": "Verwachte eerste betaling",
            "date": "2027-01-17",
            "previous": "2027-01-03",
        },
    ]
    html = harness.client.http.get(f"/track/{token}").body.decode()
    dates = re.search(r'<dl class="facts dates">(.*?)</dl>', html).group(1)
    assert "27 november 2026" in dates and "22 januari 2027" in dates
    assert "verschoven van 3 januari naar 17 januari 2027" in dates
    english = harness.client.http.get(f"/track/{token}?lang=en").body.decode()
    assert "moved from 3 January to 17 January 2027" in english and "Expected first payment" in english


def test_moving_a_date_that_does_not_tell_on_a_change_sends_nothing(harness):
    uwv = _uwv(harness)
    _post(harness, uwv, _event("ontvangen", 9, dates=DATES))
    _sms_bodies(harness)
    quiet = _post(harness, uwv, _event("in_behandeling", 10, dates={"eerste_ww_dag": "2026-12-08"}))
    assert quiet["notifications"] == []
    assert len(_sms_bodies(harness)) == 1


def test_an_unknown_date_code_and_a_result_before_the_final_status_are_refused_by_name(harness):
    uwv = _uwv(harness)
    unknown = harness.request("POST", "/v1/events", uwv, _event("ontvangen", 9, dates={"uitbetaald": "2027-01-03"}))
    assert unknown.status_code == 400
    assert [p["name"] for p in unknown.json_body["invalid_params"]] == ["dates.uitbetaald"]
    early = harness.request(
        "POST", "/v1/events", uwv, _event("ontvangen", 9, result={"code": "toegekend", "text": "Toegekend."})
    )
    assert early.status_code == 400
    assert [p["name"] for p in early.json_body["invalid_params"]] == ["result"]
    bad_day = harness.request("POST", "/v1/events", uwv, _event("ontvangen", 9, dates={"eerste_betaling": "3-1"}))
    assert bad_day.status_code == 400
    assert [p["name"] for p in bad_day.json_body["invalid_params"]] == ["dates.eerste_betaling"]


PERMIT: dict[str, Any] = {
    "name": "Omgevingsvergunning",
    "public_name": {"nl": "Aanvraag omgevingsvergunning", "en": "Environmental permit application"},
    "service_norm_days": 56,
    "statuses": [
        {"code": "ontvangen", "name": "Aanvraag ontvangen", "text": {"nl": "We hebben uw aanvraag ontvangen."}},
        {"code": "ontvankelijk", "name": "Aanvraag compleet", "text": {"nl": "Uw aanvraag is compleet."}},
        {"code": "advies", "name": "Advies gevraagd", "text": {"nl": "We hebben advies gevraagd."}},
        {"code": "intern", "name": "Intern overleg", "public": False},
        {
            "code": "besluit",
            "name": "Besluit genomen",
            "notify": True,
            "final": True,
            "text": {"nl": "We hebben besloten over uw aanvraag: ((result.text))"},
            "text_fallback": {"nl": "We hebben besloten over uw aanvraag."},
        },
    ],
}


def _permit_event(status: str, hour: int, **extra: Any) -> dict[str, Any]:
    body = _event(status, hour, **extra)
    body["case"] = {"id": "OV-1", "case_type": "vergunning", "description": "dakkapel"}
    return body


def test_a_refused_permit_shows_its_result_on_the_page_in_the_json_and_in_the_message(harness):
    odmh = harness.create_organisation("odmh", sms_from="ODMH")
    assert harness.request("PUT", "/v1/case-types/vergunning", odmh, PERMIT).status_code == 201
    token = _token(_post(harness, odmh, _permit_event("ontvangen", 9)))
    _post(harness, odmh, _permit_event("advies", 10))
    refused = {"code": "geweigerd", "text": "De vergunning is geweigerd."}
    _post(harness, odmh, _permit_event("besluit", 11, result=refused))

    assert _sms_bodies(harness)[-1].startswith("We hebben besloten over uw aanvraag: De vergunning is geweigerd.")
    view = harness.request("GET", f"/v1/track/{token}").json_body
    assert view["result"] == refused and view["closed"]
    states = [(s["code"], s["state"]) for s in view["steps"]]
    assert states == [("ontvangen", "done"), ("ontvankelijk", "skipped"), ("advies", "done"), ("besluit", "current")]
    assert (view["step"], view["steps_total"]) == (4, 4)
    html = harness.client.http.get(f"/track/{token}").body.decode()
    assert '<section class="result"' in html and "<strong>De vergunning is geweigerd.</strong>" in html
    assert html.index('class="result"') < html.index('id="h-current"')  # first thing after the heading
    assert "overgeslagen" in html and 'name="form_token"' not in html  # closed: no preference form


def test_the_page_says_which_step_the_case_is_at_and_what_comes_next(harness):
    odmh = harness.create_organisation("odmh", sms_from="ODMH")
    harness.request("PUT", "/v1/case-types/vergunning", odmh, PERMIT)
    token = _token(_post(harness, odmh, _permit_event("ontvangen", 9)))
    _post(harness, odmh, _permit_event("ontvankelijk", 10))
    html = harness.client.http.get(f"/track/{token}").body.decode()
    assert "Stap 2 van 4" in html
    steps = re.search(r'<ol class="steps">(.*?)</ol>', html).group(1)
    assert re.findall(r'<span class="state">\((.*?)\)</span>', steps) == [
        "afgerond",
        "huidige stap",
        "nog niet aan de beurt",
        "nog niet aan de beurt",
    ]
    assert "Intern overleg" not in html
    english = harness.client.http.get(f"/track/{token}?lang=en").body.decode()
    assert "Step 2 of 4" in english and "(current step)" in english


def test_a_case_type_text_with_a_placeholder_that_may_be_empty_and_no_fallback_is_warned_of(harness):
    hvc = harness.create_organisation("hvc")
    body = {
        "name": "Klacht",
        "statuses": [{"code": "a", "name": "A", "final": True, "text": {"nl": "Over ((case.description))."}}],
    }
    saved = harness.request("PUT", "/v1/case-types/klacht", hvc, body)
    assert saved.status_code == 201
    [warning] = saved.json_body["warnings"]
    assert (warning["field"], warning["placeholder"]) == ("statuses.0.text.nl", "case.description")
    assert "warnings" not in harness.request("GET", "/v1/case-types/klacht", hvc).json_body


def test_a_date_moved_with_an_internal_status_tells_only_the_move(harness):
    uwv = _uwv(harness)
    _post(harness, uwv, _event("ontvangen", 9, dates=DATES))
    _post(harness, uwv, _event("getoetst", 10, dates={"beslissing_uiterlijk": "2027-02-05"}))
    moved = _sms_bodies(harness)[1]
    assert moved.startswith("Beslissing uiterlijk: verschoven van 22 januari naar 5 februari 2027.")
    assert "getoetst" not in moved.lower()
