"""A citizen's cases across organisations ("Mijn zaken") through the app: the index follows the
parties, a single-use link signs in, the overview shows exactly the citizen's visible cases, and
nothing tells a known address from an unknown one."""

from __future__ import annotations

import datetime as dt
import json
import statistics
import time

import boto3
import pytest

from chalicelib import bootstrap
from chalicelib.domain import clock
from chalicelib.domain.privacy import identity_hash
from chalicelib.services import citizen_auth
from chalicelib.web import my_cases_routes
from tests.console import FORM, cookie_of, csrf_of, post_form
from tests.harness import ADMIN
from tests.my_cases import (
    CITIZEN,
    CITIZEN_PHONE,
    OTHER,
    ask_link,
    case,
    case_ids,
    links_mailed_to,
    links_texted_to,
    my_cases,
    organisation,
    sign_in,
    use_link,
)


@pytest.fixture
def world(harness, hvc):
    """Jan's cases: HVC's and DCMR's by e-mail (DCMR's as a second party on Piet's case too), ODNZKG's
    by his BSN only; RUD's case is Piet's alone. Plus cases Jan must never see."""
    dcmr, odnzkg, rud = (organisation(harness, o) for o in ("dcmr", "odnzkg", "rud"))
    case(harness, hvc, "HVC-1", email=CITIZEN)
    case(harness, hvc, "HVC-2", "toegewezen", email=CITIZEN.upper())  # only an internal status so far
    case(harness, dcmr, "DCMR-1", "afgehandeld", email=CITIZEN)
    case(harness, dcmr, "DCMR-2", email=OTHER)
    party = {"role": "interested", "channel": "email", "email": CITIZEN, "language": "nl"}
    assert harness.request("PUT", "/v1/cases/DCMR-2/parties/buur", dcmr, party).status_code == 201
    case(harness, odnzkg, "ODNZKG-1", initiator={"bsn": "111222333"})
    case(harness, odnzkg, "ODNZKG-2", email=CITIZEN, confidentiality="geheim")
    case(harness, rud, "RUD-1", email=OTHER, initiator={"bsn": "123456782"})
    return {"hvc": hvc, "dcmr": dcmr, "odnzkg": odnzkg, "rud": rud}


def test_a_citizen_signs_in_by_e_mailed_link_and_sees_exactly_their_visible_cases(harness, world):
    answer = ask_link(harness, email="Jan.Jansen@Example.nl")
    assert answer.status_code == 202
    [link] = links_mailed_to(CITIZEN)
    assert "Inloggen" in harness.client.http.get(link).body.decode()  # looking does not use it up
    used = use_link(harness, link)
    assert used.status_code == 303 and used.headers["Location"] == "/mijn-zaken"
    cookie = str(used.headers["Set-Cookie"])
    # Secure outside the local run (tests/unit/test_my_cases_session.py); the tests run as local.
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/;" in cookie and "Max-Age=28800" in cookie
    body = my_cases(harness, cookie_of(used)).json_body
    # Open first; the closed one after; not the confidential one, not Piet's RUD case, not the BSN-only one.
    assert body["cases"][-1]["case_id"] == "DCMR-1"
    assert sorted(c["case_id"] for c in body["cases"]) == ["DCMR-1", "DCMR-2", "HVC-1", "HVC-2"]
    first = next(c for c in body["cases"] if c["case_id"] == "HVC-1")
    assert first["organisation_name"] == "HVC" and first["closed"] is False
    assert first["case_type_name"] and first["current_status"]["text"] and first["current_status"]["since"]
    assert first["tracking_url"].startswith("https://zaakstatus.test/track/")
    assert first["expected_end_date"] == "2026-12-12"
    assert next(c for c in body["cases"] if c["case_id"] == "DCMR-1")["closed"] is True
    assert [c["closed"] for c in body["cases"]] == sorted(c["closed"] for c in body["cases"])
    assert harness.client.http.get(first["tracking_url"].removeprefix("https://zaakstatus.test")).status_code == 200


def test_an_internal_status_is_never_shown(harness, world):
    hvc2 = next(c for c in my_cases(harness, sign_in(harness)).json_body["cases"] if c["case_id"] == "HVC-2")
    assert "Toegewezen" not in json.dumps(hvc2)


def test_a_session_by_identity_lists_the_cases_of_that_bsn_only(harness, world):
    deps = bootstrap.deps()
    signed = citizen_auth.start_session(
        deps, identity_hash=identity_hash(deps.settings.identity_key, "bsn", "111222333")
    )
    assert case_ids(harness, f"zs_mijn={signed.token}") == ["ODNZKG-1"]


def _at(monkeypatch, moment: dt.datetime) -> None:
    monkeypatch.setattr(clock, "now", lambda: moment)


def test_used_expired_and_forged_links_get_the_same_not_found_page(harness, world, monkeypatch):
    ask_link(harness, email=CITIZEN)
    [link] = links_mailed_to(CITIZEN)
    assert use_link(harness, link).status_code == 303
    used_get, used_post = harness.client.http.get(link), use_link(harness, link)
    forged = use_link(harness, "/mijn-zaken/login/" + "A" * 43)
    overlong = harness.client.http.get("/mijn-zaken/login/" + "A" * 2000)
    assert used_get.status_code == used_post.status_code == forged.status_code == overlong.status_code == 404
    assert used_get.body == used_post.body == forged.body == overlong.body
    ask_link(harness, email=CITIZEN)
    later = links_mailed_to(CITIZEN)[-1]
    _at(monkeypatch, clock.now() + dt.timedelta(minutes=15))
    expired = use_link(harness, later)
    assert expired.status_code == 404 and expired.body == forged.body
    assert "Set-Cookie" not in expired.headers


def test_no_session_a_forged_one_or_one_after_sign_out_gets_nothing(harness, world):
    cookie = sign_in(harness)
    assert my_cases(harness, None).status_code == 401
    assert my_cases(harness, "zs_mijn=" + "x" * 43).status_code == 401
    assert my_cases(harness, "zs_console=" + cookie.split("=", 1)[1]).status_code == 401  # another cookie's name
    out = harness.client.http.post("/v1/me/sign-out", headers={"Cookie": cookie})
    assert out.status_code == 204 and "Max-Age=0" in out.headers["Set-Cookie"]
    assert my_cases(harness, cookie).status_code == 401


def test_a_session_ends_after_fifteen_idle_minutes_and_eight_hours_at_most(harness, world, monkeypatch):
    start = clock.now()
    cookie, idle = sign_in(harness), sign_in(harness)
    for minutes in range(14, 8 * 60, 14):
        _at(monkeypatch, start + dt.timedelta(minutes=minutes))
        assert my_cases(harness, cookie).status_code == 200
    _at(monkeypatch, start + dt.timedelta(hours=8, minutes=1))
    assert my_cases(harness, cookie).status_code == 401
    assert my_cases(harness, idle).status_code == 401  # never used after 14 minutes: idle since


def test_after_erasure_the_case_disappears_from_the_overview_at_once(harness, world):
    cookie = sign_in(harness)
    assert "DCMR-2" in case_ids(harness, cookie)
    dcmr = world["dcmr"]
    assert harness.request("DELETE", "/v1/cases/DCMR-2/parties/buur", dcmr).status_code == 204
    assert "DCMR-2" not in case_ids(harness, cookie)
    assert harness.request("DELETE", "/v1/cases/HVC-1/subscriber", world["hvc"]).status_code == 204
    assert "HVC-1" not in case_ids(harness, cookie)


def test_a_changed_address_moves_the_case_to_the_new_address(harness, world):
    cookie = sign_in(harness)
    subscriber = {"channel": "email", "email": "nieuw@example.nl", "language": "nl"}
    assert harness.request("PUT", "/v1/cases/HVC-1/subscriber", world["hvc"], subscriber).status_code == 200
    assert "HVC-1" not in case_ids(harness, cookie)
    assert case_ids(harness, sign_in(harness, "nieuw@example.nl")) == ["HVC-1"]


def test_a_known_mobile_number_gets_its_link_by_sms(harness, world):
    case(harness, world["rud"], "RUD-2", phone="06 12340001")
    assert ask_link(harness, phone="0612340001").status_code == 202
    [link] = links_texted_to(harness, CITIZEN_PHONE)
    assert case_ids(harness, cookie_of(use_link(harness, link))) == ["RUD-2"]


def test_the_sign_in_answer_is_the_same_for_known_and_unknown_addresses(harness, world, monkeypatch):
    monkeypatch.setattr(my_cases_routes, "SIGN_IN_PER_ADDRESS", 10_000)
    monkeypatch.setattr(my_cases_routes, "SIGN_IN_PER_CLIENT", 10_000)
    # A shorter floor than the deployed one keeps 400 requests quick; what it hides is printed.
    monkeypatch.setattr(my_cases_routes, "SIGN_IN_FLOOR_S", 0.1)
    known, unknown = ask_link(harness, email=CITIZEN), ask_link(harness, email="niemand@example.nl")
    assert known.status_code == unknown.status_code == 202
    assert known.body == unknown.body
    assert links_mailed_to(CITIZEN) and not links_mailed_to("niemand@example.nl")
    timings: dict[str, list[float]] = {"known": [], "unknown": []}
    for _ in range(200):
        for name, address in (("known", CITIZEN), ("unknown", "niemand@example.nl")):
            started = time.perf_counter()
            ask_link(harness, email=address)
            timings[name].append(time.perf_counter() - started)
    for name, values in timings.items():
        print(f"sign-in {name}: median {statistics.median(values) * 1000:.1f} ms, max {max(values) * 1000:.1f} ms")


def test_sign_in_is_rate_limited_per_address(harness, world):
    answers = [ask_link(harness, email=CITIZEN).status_code for _ in range(my_cases_routes.SIGN_IN_PER_ADDRESS + 1)]
    assert answers[-1] == 429 and set(answers[:-1]) == {202}


def test_addresses_are_not_stored_in_the_clear(harness, world):
    sign_in(harness)
    items = json.dumps(boto3.client("dynamodb").scan(TableName="zaakstatus")["Items"])
    index = [i for i in json.loads(items) if i["pk"]["S"].startswith("CITIZEN")]
    assert index and CITIZEN not in json.dumps(index) and "jansen" not in json.dumps(index).lower()


def test_the_page_signs_in_and_changes_the_messages_of_all_cases_at_once(harness, world):
    page = harness.client.http.get("/mijn-zaken")
    assert page.status_code == 200 and 'name="email"' in page.body.decode()
    sent = post_form(harness, "/mijn-zaken/sign-in", {"email": CITIZEN})
    assert sent.status_code == 200 and "Kijk in uw e-mail" in sent.body.decode()
    cookie = cookie_of(use_link(harness, links_mailed_to(CITIZEN)[-1]))
    overview = harness.client.http.get("/mijn-zaken", headers={"Cookie": cookie}).body.decode()
    assert "HVC-1" in overview and "DCMR-1" in overview and "<script" not in overview
    refused = post_form(harness, "/mijn-zaken/preferences", {"channel": "none", "csrf": "wrong"}, cookie)
    assert refused.status_code == 403
    fields = {"channel": "portal", "language": "en", "csrf": csrf_of(overview)}
    saved = post_form(harness, "/mijn-zaken/preferences", fields, cookie)
    assert saved.status_code == 200 and "4 zaak/zaken" in saved.body.decode()
    trail = harness.request("GET", "/v1/cases/DCMR-2/parties/buur", world["dcmr"]).json_body
    assert trail["channel"] == "portal"
    out = post_form(harness, "/mijn-zaken/sign-out", {"csrf": csrf_of(overview)}, cookie)
    assert out.status_code == 303 and my_cases(harness, cookie).status_code == 401


def test_a_form_from_another_site_is_refused(harness, world):
    cookie = sign_in(harness)
    overview = harness.client.http.get("/mijn-zaken", headers={"Cookie": cookie}).body.decode()
    headers = {**FORM, "Cookie": cookie, "Sec-Fetch-Site": "cross-site"}
    body = f"channel=none&csrf={csrf_of(overview)}"
    assert harness.client.http.post("/mijn-zaken/preferences", headers=headers, body=body).status_code == 403


def test_a_test_clients_case_never_shows_in_a_live_citizens_overview(harness, world):
    response = harness.client.http.post(
        "/v1/admin/organisations/hvc/clients", headers=ADMIN, body=json.dumps({"mode": "test"})
    )
    assert response.status_code == 201, response.body
    case(harness, response.json_body, "HVC-TEST-1", email=CITIZEN)
    assert "HVC-TEST-1" not in case_ids(harness, sign_in(harness))


def test_the_citizens_own_change_of_address_on_the_tracking_page_moves_the_case(harness, world):
    cookie = sign_in(harness)
    url = next(c for c in my_cases(harness, cookie).json_body["cases"] if c["case_id"] == "HVC-1")["tracking_url"]
    token = url.rsplit("/track/", 1)[1]
    changed = {"channel": "email", "email": "zelf@example.nl", "language": "nl"}
    assert harness.request("PUT", f"/v1/track/{token}/preferences", body=changed).status_code == 200
    assert "HVC-1" not in case_ids(harness, cookie)
    assert case_ids(harness, sign_in(harness, "zelf@example.nl")) == ["HVC-1"]
