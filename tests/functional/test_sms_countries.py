"""Mobile numbers only from the organisation's countries (`sms_countries`; by default the
Netherlands and the other EU/EEA countries), never satellite or international network numbers:
in the API (400 naming the field) and in the citizen's forms (a message beside the field)."""

from __future__ import annotations

import copy
import re
import urllib.parse
from typing import Any

import pytest

from tests.builders import HVC_CASE_TYPE, event_body
from tests.console import csrf_of, post_form
from tests.my_cases import CITIZEN, case, organisation
from tests.my_cases import sign_in as citizen_sign_in

BELGIAN = "+32 470 12 34 56"
AMERICAN = "+1 202 555 0123"
SATELLITE = "+881612345678"  # Iridium
INTERNATIONAL_NETWORK = "+882165432100"
CASE_PATH = "/v1/cases/HVC-2026-000123"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DUTCH = "Wij sturen sms alleen naar mobiele nummers uit Nederland"
ENGLISH = "We only send text messages to mobile numbers from the Netherlands"


def _event(phone: str, **extra: Any) -> dict[str, Any]:
    return event_body(subscriber={"channel": "sms", "phone": phone, "language": "nl"}, **extra)


def _allow(harness: Any, creds: dict[str, Any], countries: list[str]) -> Any:
    return harness.request("PUT", "/v1/organisation", creds, {"name": "HVC", "sms_countries": countries})


def test_a_belgian_mobile_number_is_taken_by_default(harness: Any, hvc: dict[str, Any]) -> None:
    response = harness.request("POST", "/v1/events", hvc, _event(BELGIAN))
    assert response.status_code == 202, response.body
    assert harness.request("GET", "/v1/organisation", hvc).json_body["sms_countries"][:2] == ["NL", "AT"]


@pytest.mark.parametrize(
    ("phone", "words"), [(AMERICAN, "countries"), (SATELLITE, "satellite"), (INTERNATIONAL_NETWORK, "satellite")]
)
def test_a_number_outside_the_countries_is_refused_by_field_in_every_api_route(
    harness: Any, hvc: dict[str, Any], phone: str, words: str
) -> None:
    party = {"party_id": "partner", "role": "co_initiator", "kind": "person", "channel": "sms", "phone": phone}
    refusals = {
        "subscriber.phone": harness.request("POST", "/v1/events", hvc, _event(phone)),
        "parties.0.phone": harness.request(
            "POST", "/v1/events", hvc, {**event_body(subscriber=None), "parties": [party]}
        ),
        "phone": harness.request(
            "PUT", f"{CASE_PATH}/subscriber", hvc, {"channel": "sms", "phone": phone, "language": "nl"}
        ),
    }
    refusals["phone (party)"] = harness.request(
        "PUT", f"{CASE_PATH}/parties/partner", hvc, {k: v for k, v in party.items() if k != "party_id"}
    )
    for field, response in refusals.items():
        assert response.status_code == 400, (field, response.body)
        params = response.json_body["invalid_params"]
        assert [p["name"].replace("[", ".").replace("]", "") for p in params] == [field.split(" ")[0]], field
        assert words in params[0]["reason"]


def test_an_organisation_that_allows_the_us_takes_an_american_number_and_no_longer_a_belgian_one(
    harness: Any, hvc: dict[str, Any]
) -> None:
    saved = _allow(harness, hvc, ["nl", "US", "NL"])
    assert saved.status_code == 200, saved.body
    assert saved.json_body["sms_countries"] == ["NL", "US"]
    assert harness.request("POST", "/v1/events", hvc, _event(AMERICAN)).status_code == 202
    belgian = event_body(subscriber={"channel": "sms", "phone": BELGIAN, "language": "nl"})
    belgian["case"]["id"] = "HVC-2026-000124"
    refused = harness.request("POST", "/v1/events", hvc, belgian)
    assert [p["name"] for p in refused.json_body["invalid_params"]] == ["subscriber.phone"]
    assert harness.request("POST", "/v1/events", hvc, _event(SATELLITE)).status_code == 400  # never


@pytest.mark.parametrize("countries", [["XX"], ["001"], [], ["NLD"], "NL"])
def test_an_unknown_country_list_is_refused_by_name(harness: Any, hvc: dict[str, Any], countries: Any) -> None:
    response = _allow(harness, hvc, countries)
    assert response.status_code == 400, response.body
    assert {p["name"].split(".")[0] for p in response.json_body["invalid_params"]} == {"sms_countries"}


def _submit(harness: Any, token: str, phone: str, lang: str) -> Any:
    html = harness.client.http.get(f"/track/{token}").body.decode()
    form_token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    body = urllib.parse.urlencode({"form_token": form_token, "channel": "sms", "phone": phone, "language": lang})
    return harness.client.http.post(f"/track/{token}/preferences?lang={lang}", headers=FORM, body=body)


@pytest.mark.parametrize("phone", [AMERICAN, SATELLITE])
def test_the_citizens_form_says_beside_the_field_which_numbers_get_sms_and_to_choose_e_mail(
    harness: Any, hvc: dict[str, Any], phone: str
) -> None:
    answer = harness.request("POST", "/v1/events", hvc, event_body(subscriber={"channel": "portal"})).json_body
    token = answer["tracking_url"].rsplit("/", 1)[1]
    dutch, english = _submit(harness, token, phone, "nl"), _submit(harness, token, phone, "en")
    assert (dutch.status_code, english.status_code) == (400, 400)
    assert re.search(
        rf'<p class="error" id="phone-error">(?:<span[^>]*>[^<]*</span>)?{DUTCH}[^<]*e-mail', dutch.body.decode()
    )
    assert re.search(
        rf'<p class="error" id="phone-error">(?:<span[^>]*>[^<]*</span>)?{ENGLISH}[^<]*e-mail', english.body.decode()
    )
    as_json = harness.request("PUT", f"/v1/track/{token}/preferences", body={"channel": "sms", "phone": phone})
    assert as_json.status_code == 400
    assert [p["name"] for p in as_json.json_body["invalid_params"]] == ["phone"]
    assert _submit(harness, token, BELGIAN, "nl").status_code == 303


def test_the_change_for_all_in_mijn_zaken_refuses_a_number_outside_the_countries(harness: Any) -> None:
    creds = organisation(harness, "hvc")
    assert harness.request("PUT", "/v1/case-types/klacht", creds, copy.deepcopy(HVC_CASE_TYPE)).status_code == 200
    case(harness, creds, "HVC-1", email=CITIZEN)
    cookie = citizen_sign_in(harness)
    overview = harness.client.http.get("/mijn-zaken", headers={"Cookie": cookie}).body.decode()
    fields = {"channel": "sms", "phone": AMERICAN, "language": "nl", "csrf": csrf_of(overview)}
    refused = post_form(harness, "/mijn-zaken/preferences", fields, cookie)
    assert refused.status_code == 400
    assert DUTCH in refused.body.decode()
    fields["phone"] = BELGIAN
    assert post_form(harness, "/mijn-zaken/preferences", fields, cookie).status_code == 200
