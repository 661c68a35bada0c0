"""The staff console through the app: the operator registers staff, a person signs in with a
single-use e-mail link, the session cookie keeps them in, forms are CSRF-checked, and abuse is
limited. E-mails are read back from moto's SES."""

from __future__ import annotations

import datetime as dt
import json
import time

import boto3

from chalicelib.domain import clock
from chalicelib.web.console.routes import SIGN_IN_FLOOR_S
from tests.console import (
    ask_link,
    cookie_of,
    csrf_of,
    get,
    links_sent_to,
    post_form,
    register_staff,
    sign_in,
    use_link,
)
from tests.harness import ADMIN
from tests.mail import sent_mails

STAFF = "beheer@hvc.example"


def test_the_operator_registers_changes_and_removes_staff(harness, hvc):
    created = register_staff(harness, "hvc", "Beheer@HVC.example", "agent")
    assert created.status_code == 201
    assert created.json_body == {"organisation": "hvc", "email": "b*****@hvc.example", "role": "agent"}
    assert register_staff(harness, "hvc", STAFF, "admin").status_code == 200  # the same person, normalised
    path = f"/v1/admin/organisations/hvc/staff/{STAFF}"
    assert harness.client.http.delete(path, headers=ADMIN).status_code == 204
    assert harness.client.http.delete(path, headers=ADMIN).status_code == 204  # already gone: the same answer


def test_staff_registration_refuses_unknown_organisations_bad_addresses_roles_and_non_operators(harness, hvc):
    assert register_staff(harness, "nobody", STAFF).status_code == 404
    # Invalid fields are 400 problems, as everywhere in this API (contract v1).
    assert register_staff(harness, "hvc", "not-an-address").status_code == 400
    assert register_staff(harness, "hvc", STAFF, "owner").status_code == 400
    as_org = harness.headers(hvc)
    body = json.dumps({"role": "admin"})
    assert (
        harness.client.http.put(f"/v1/admin/organisations/hvc/staff/{STAFF}", headers=as_org, body=body).status_code
        == 401
    )


def test_staff_addresses_are_not_stored_in_the_clear(harness, hvc):
    register_staff(harness, "hvc", STAFF)
    ask_link(harness, STAFF)
    items = boto3.client("dynamodb").scan(TableName="zaakstatus")["Items"]
    assert items and STAFF not in json.dumps(items) and "beheer" not in json.dumps(items)


def test_a_known_address_gets_a_single_use_link_by_e_mail(harness, hvc):
    register_staff(harness, "hvc", STAFF)
    answer = ask_link(harness, STAFF)
    assert answer.status_code == 200
    assert "Kijk in uw e-mail" in answer.body.decode()
    [link] = links_sent_to(STAFF)
    assert "Aanmelden bij HVC" in get(harness, link).body.decode()  # looking does not use it up
    used = use_link(harness, link)
    assert used.status_code == 303 and used.headers["Location"] == "/console"
    again = use_link(harness, link)
    assert again.status_code == 404
    assert get(harness, link).status_code == 404


def test_an_unknown_address_gets_the_same_answer_and_no_e_mail(harness, hvc):
    register_staff(harness, "hvc", STAFF)
    known = ask_link(harness, STAFF)
    unknown = ask_link(harness, "onbekend@hvc.example")
    assert unknown.status_code == known.status_code == 200
    assert unknown.body == known.body
    assert [m["To"] for _, m in sent_mails()] == [STAFF]


def test_a_forged_a_used_and_an_expired_link_give_the_same_page(harness, hvc, monkeypatch):
    register_staff(harness, "hvc", STAFF)
    ask_link(harness, STAFF)
    [link] = links_sent_to(STAFF)
    real_now = clock.now()
    monkeypatch.setattr(clock, "now", lambda: real_now + dt.timedelta(minutes=16))
    expired = use_link(harness, link)
    forged = use_link(harness, "/console/login/" + "A" * 43)
    assert expired.status_code == forged.status_code == 404
    assert expired.body == forged.body


def test_the_session_cookie_is_http_only_strict_and_scoped_to_the_console(harness, hvc):
    register_staff(harness, "hvc", STAFF)
    ask_link(harness, STAFF)
    response = use_link(harness, links_sent_to(STAFF)[0])
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/console" in cookie
    assert "Secure" not in cookie  # the test stage is local (plain http); deployed stages add it
    page = get(harness, "/console", cookie_of(response))
    assert "Console van HVC" in page.body.decode()
    assert "script" not in page.body.decode()
    assert "'unsafe-inline'" not in page.headers["Content-Security-Policy"]


def test_without_a_session_the_console_shows_the_sign_in_form_and_sections_redirect(harness, hvc):
    page = get(harness, "/console")
    assert page.status_code == 200 and 'action="/console/sign-in"' in page.body.decode()
    assert get(harness, "/console/cases").status_code == 303
    assert get(harness, "/console/cases", "zs_console=forged").headers["Location"] == "/console"


def test_signing_out_ends_the_session(harness, hvc):
    cookie = sign_in(harness, "hvc", STAFF)
    csrf = csrf_of(get(harness, "/console", cookie).body.decode())
    out = post_form(harness, "/console/sign-out", {"csrf": csrf}, cookie)
    assert out.status_code == 303 and "Max-Age=0" in out.headers["Set-Cookie"]
    assert get(harness, "/console/cases", cookie).status_code == 303  # the old cookie is dead


def test_a_form_without_the_csrf_token_or_from_another_site_is_refused(harness, hvc):
    cookie = sign_in(harness, "hvc", STAFF)
    assert post_form(harness, "/console/sign-out", {}, cookie).status_code == 403
    csrf = csrf_of(get(harness, "/console", cookie).body.decode())
    cross = post_form(harness, "/console/sign-out", {"csrf": csrf}, cookie, **{"Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403
    assert get(harness, "/console", cookie).status_code == 200  # still signed in
    assert (
        post_form(harness, "/console/sign-in", {"email": STAFF}, None, **{"Sec-Fetch-Site": "cross-site"}).status_code
        == 403
    )


def test_an_idle_session_ends_after_thirty_minutes(harness, hvc, monkeypatch):
    cookie = sign_in(harness, "hvc", STAFF)
    real_now = clock.now()
    monkeypatch.setattr(clock, "now", lambda: real_now + dt.timedelta(minutes=31))
    assert get(harness, "/console/cases", cookie).status_code == 303


def test_removing_a_staff_member_ends_their_session_at_once(harness, hvc):
    cookie = sign_in(harness, "hvc", STAFF)
    harness.client.http.delete(f"/v1/admin/organisations/hvc/staff/{STAFF}", headers=ADMIN)
    assert get(harness, "/console/cases", cookie).status_code == 303


def test_asking_for_links_too_often_gives_a_429_page(harness, hvc):
    register_staff(harness, "hvc", STAFF)
    answers = [ask_link(harness, STAFF).status_code for _ in range(6)]
    assert answers[:5] == [200] * 5
    assert answers[5] == 429
    assert len(links_sent_to(STAFF)) == 5


def test_a_bad_address_in_the_sign_in_form_is_shown_beside_the_field(harness, hvc):
    page = ask_link(harness, "geen adres")
    assert page.status_code == 400
    assert 'aria-invalid="true"' in page.body.decode() and 'value="geen adres"' in page.body.decode()


def test_staff_of_two_organisations_get_a_link_per_organisation(harness, hvc):
    harness.create_organisation("other")
    register_staff(harness, "hvc", STAFF, "agent")
    register_staff(harness, "other", STAFF, "viewer")
    ask_link(harness, STAFF)
    links = links_sent_to(STAFF)
    assert len(links) == 2
    pages = sorted(get(harness, link).body.decode().split("<h1>")[1].split("</h1>")[0] for link in links)
    assert pages == ["Aanmelden bij HVC", "Aanmelden bij OTHER"]


def test_known_and_unknown_addresses_both_wait_the_same_floor_so_the_e_mail_is_not_timed(harness, hvc):
    register_staff(harness, "hvc", STAFF)
    for address in (STAFF, "onbekend@hvc.example"):
        started = time.monotonic()
        assert ask_link(harness, address).status_code == 200
        assert time.monotonic() - started >= SIGN_IN_FLOOR_S
