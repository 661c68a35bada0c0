"""The citizen's status page over the app: content, language, dates, headers, escaping, 404."""

from __future__ import annotations

import datetime as dt
import re

from chalicelib.domain import clock
from tests.builders import event_body

CASE = "HVC-2026-000123"


def _token(harness, hvc, body=None) -> str:
    answer = harness.request("POST", "/v1/events", hvc, body or event_body()).json_body
    return answer["tracking_url"].rsplit("/", 1)[1]


def _page(harness, token: str, query: str = ""):
    response = harness.client.http.get(f"/track/{token}{query}")
    return response, response.body.decode()


def test_page_shows_organisation_case_type_description_status_and_expected_end_in_dutch(harness, hvc):
    token = _token(harness, hvc)

    response, html = _page(harness, token)

    assert response.status_code == 200
    assert '<html lang="nl">' in html
    assert "HVC" in html
    assert html.count("<h1") == 1
    assert "<h1>Klacht over afvalinzameling</h1>" in html
    assert "container niet geleegd" in html
    assert "Uw klacht over container niet geleegd is in behandeling genomen." in html
    assert "28 november 2026, 10:00" in html  # Europe/Amsterdam, as people write it
    assert "12 december 2026" in html  # the expected end date from the event


def test_history_is_an_ordered_list_oldest_first_with_the_explanation(harness, hvc):
    token = _token(harness, hvc, event_body("ontvangen", "2026-11-27T09:00:00+01:00"))
    harness.request(
        "POST", "/v1/events", hvc, event_body("opgeschort", "2026-11-29T15:30:00+01:00", explanation="wacht op foto's")
    )
    harness.request("POST", "/v1/events", hvc, event_body("in_behandeling", "2026-11-28T10:00:00+01:00"))

    _, html = _page(harness, token)

    timeline = re.search(r'<ol class="timeline">(.*?)</ol>', html).group(1)
    items = re.findall(r"<li.*?</li>", timeline)
    assert len(items) == 3
    assert "27 november 2026, 09:00" in items[0] and "ontvangen" in items[0]
    assert "28 november 2026, 10:00" in items[1]
    assert "29 november 2026, 15:30" in items[2] and "wacht op foto&#x27;s" in items[2]
    assert 'class="now"' in items[2]


def test_english_through_the_language_switch_and_the_subscribers_language_by_default(harness, hvc):
    token = _token(harness, hvc)

    _, dutch = _page(harness, token)
    _, english = _page(harness, token, "?lang=en")

    assert f'href="/track/{token}?lang=en"' in dutch
    assert '<html lang="en">' in english
    assert "<h1>Waste collection complaint</h1>" in english
    assert "Your complaint about container niet geleegd is being handled." in english
    assert "28 November 2026, 10:00" in english
    assert 'aria-current="page">English' in english


def test_expected_end_date_without_one_from_the_event_is_the_start_plus_the_service_norm(harness, hvc):
    body = event_body("ontvangen", "2026-11-27T23:30:00+00:00")  # already 28 November in Amsterdam
    del body["case"]["expected_end_date"]
    token = _token(harness, hvc, body)

    view = harness.request("GET", f"/v1/track/{token}").json_body
    _, html = _page(harness, token)

    assert view["expected_end_date"] == "2026-12-12"  # 28 November + 14 days
    assert "12 december 2026" in html


def test_a_closed_case_says_so_and_until_when_it_stays_visible(harness, hvc):
    token = _token(harness, hvc)
    harness.request("POST", "/v1/events", hvc, event_body("afgehandeld", "2026-12-03T11:00:00+01:00"))

    view = harness.request("GET", f"/v1/track/{token}").json_body
    _, html = _page(harness, token)

    assert view["closed"] is True
    assert view["closed_on"] == "2026-12-03"
    assert view["visible_until"] == "2027-12-03"  # retention_days 365
    assert "Deze zaak is afgehandeld op 3 december 2026." in html
    assert "bekijken tot 3 december 2027" in html


def test_after_retention_the_link_is_gone_like_an_unknown_one(harness, hvc, monkeypatch):
    token = _token(harness, hvc)
    harness.request("POST", "/v1/events", hvc, event_body("afgehandeld", "2026-12-03T11:00:00+01:00"))
    later = dt.datetime(2027, 12, 3, 10, 0, 1, tzinfo=dt.UTC)  # 11:00:01 in Amsterdam
    monkeypatch.setattr(clock, "now", lambda: later)

    response, html = _page(harness, token)
    unknown, unknown_html = _page(harness, "hvc.BBBBBBBBBBBBBBBBBBBBBB")

    assert response.status_code == 404
    assert html == unknown_html


def test_unknown_and_malformed_tokens_get_the_same_404_page(harness, hvc):
    _token(harness, hvc)
    pages = [_page(harness, t) for t in ("hvc.AAAAAAAAAAAAAAAAAAAAAA", "nope", "other.AAAAAAAAAAAAAAAAAAAAAA")]

    assert {r.status_code for r, _ in pages} == {404}
    assert len({html for _, html in pages}) == 1
    assert "niet (meer) geldig" in pages[0][1]
    assert pages[0][0].headers["Content-Type"].startswith("text/html")


def test_page_headers_forbid_scripts_referrers_indexing_and_caching(harness, hvc):
    token = _token(harness, hvc)

    for response, _ in (_page(harness, token), _page(harness, "hvc.AAAAAAAAAAAAAAAAAAAAAA")):
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp
        assert "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert response.headers["X-Robots-Tag"].startswith("noindex")
        assert response.headers["Cache-Control"] == "no-store"


def test_the_page_has_no_script_and_its_one_stylesheet_is_served_here_with_a_long_cache(harness, hvc):
    _, html = _page(harness, _token(harness, hvc))

    assert "<script" not in html and "style=" not in html and "<style" not in html
    [href] = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    css = harness.client.http.get(href)
    assert href.startswith("/static/zaakstatus-")
    assert css.status_code == 200
    assert css.headers["Content-Type"].startswith("text/css")
    assert "immutable" in css.headers["Cache-Control"]
    assert harness.client.http.get("/static/other.css").status_code == 404


def test_every_outside_text_is_escaped(harness, hvc):
    harness.create_organisation("evil", name="<b>Evil</b> & co")
    creds = harness.create_organisation("evil2")
    case_type = {
        "name": "x",
        "public_name": {"nl": "<i>type</i>"},
        "statuses": [{"code": "a", "name": "a", "text": {"nl": "<img src=x onerror=alert(1)> ((case.description))"}}],
    }
    assert harness.request("PUT", "/v1/case-types/t", creds, case_type).status_code == 201
    body = {
        "case": {"id": "C-1", "case_type": "t", "description": "<script>alert(1)</script>"},
        "status": "a",
        "occurred_at": "2026-11-28T10:00:00+01:00",
        "explanation": '"><svg onload=x>',
    }
    token = harness.request("POST", "/v1/events", creds, body).json_body["tracking_url"].rsplit("/", 1)[1]

    _, html = _page(harness, token)

    assert "<script>" not in html and "<img" not in html and "<svg" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;i&gt;type&lt;/i&gt;" in html


def test_contact_details_are_never_shown_in_full(harness, hvc):
    body = event_body(subscriber={"channel": "sms", "phone": "0687654321", "email": "jan.jansen@example.nl"})
    token = _token(harness, hvc, body)

    _, html = _page(harness, token)
    view = harness.request("GET", f"/v1/track/{token}").body.decode()

    for text in (html, view):
        assert "87654321" not in text and "jan.jansen" not in text
    assert "+316******21" in html
