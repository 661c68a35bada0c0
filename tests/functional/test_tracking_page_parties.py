"""The status page as each party reads it: a representative, a business, an organisation; the
sub-cases on the parent's page and the parent on a sub-case's page; the form of a party that is
not the applicant. Everything set up through the HTTP API."""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

from tests.builders import HVC_CASE_TYPE, event_body, hvc_case_type

CASE = "HVC-2026-000123"
PARTIES = f"/v1/cases/{CASE}/parties"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DCMR_TYPE: dict[str, Any] = {
    "name": "Uitvoeren inspectie",
    "public_name": {"nl": "Inspectie", "en": "Inspection"},
    "statuses": [
        {"code": "gepland", "name": "Inspectie gepland", "text": {"nl": "De inspectie is gepland."}},
        {"code": "intern", "name": "Rapport in concept", "public": False},
        {"code": "afgesloten", "name": "Afgesloten", "final": True, "text": {"nl": "De inspectie is afgesloten."}},
    ],
}


def _token(url: str) -> str:
    return url.rsplit("/", 1)[1]


def _page(harness, token: str, query: str = "") -> str:
    response = harness.client.http.get(f"/track/{token}{query}")
    assert response.status_code == 200, response.body
    return response.body.decode()


def _put_party(harness, creds, party_id: str, **fields: Any) -> str:
    body = {"kind": "person", "channel": "portal", "language": "nl", **fields}
    response = harness.request("PUT", f"{PARTIES}/{party_id}", creds, body)
    assert response.status_code in (200, 201), response.body
    return _token(response.json_body["tracking_url"])


def _main(html: str) -> str:
    return re.search(r"<main.*</main>", html, re.S).group(0)


def _dcmr(harness, hvc) -> dict[str, Any]:
    """A second organisation with an inspection case type, allowed to hang sub-cases under HVC's."""
    dcmr = harness.create_organisation("dcmr", name="DCMR Milieudienst")
    assert harness.request("PUT", "/v1/case-types/inspectie", dcmr, DCMR_TYPE).status_code == 201
    assert harness.request("PUT", "/v1/partners/dcmr", hvc, {"subcases": True}).status_code == 200
    return dcmr


def _subcase(harness, dcmr, case_id: str, status: str, at: str, parent: str = CASE) -> str:
    body = {
        "case": {"id": case_id, "case_type": "inspectie", "parent": {"organisation": "hvc", "case_id": parent}},
        "status": status,
        "occurred_at": at,
        "subscriber": {"channel": "portal", "language": "nl"},
    }
    answer = harness.request("POST", "/v1/events", dcmr, body)
    assert answer.status_code == 202, answer.body
    return _token(answer.json_body["tracking_url"])


def test_the_applicants_own_page_has_no_sentence_about_whom_it_is_for(harness, hvc):
    token = _token(harness.request("POST", "/v1/events", hvc, event_body()).json_body["tracking_url"])

    html = _page(harness, token)

    assert 'class="reader"' not in html and "U volgt deze zaak" not in html
    assert "Verloop van uw zaak" in html and "– Status van uw zaak –" in html


def test_a_representatives_page_says_on_whose_behalf_it_follows_the_case(harness, hvc):
    harness.request("POST", "/v1/events", hvc, event_body())
    token = _put_party(harness, hvc, "advocaat", role="representative", name="Mr. De Vries")

    dutch, english = _page(harness, token), _page(harness, token, "?lang=en")

    # The v1 subscriber has no name: the page names the role instead, never an empty gap.
    assert "U volgt deze zaak als gemachtigde namens de aanvrager." in dutch
    assert "You follow this case as the representative of the applicant." in english
    assert "Verloop van de zaak" in dutch and "History of the case" in english
    assert "uw zaak" not in _main(dutch)

    _put_party(harness, hvc, "initiator", role="initiator", kind="business", name="Bakkerij De Korst B.V.")
    # A name ending in a full stop ends the sentence: no second stop.
    assert "U volgt deze zaak als gemachtigde namens Bakkerij De Korst B.V.</p>" in _page(harness, token)
    assert "as the representative of Bakkerij De Korst B.V.</p>" in _page(harness, token, "?lang=en")


def test_a_business_partys_page_speaks_of_its_business_and_uses_the_business_text(harness, hvc):
    statuses = [dict(s) for s in HVC_CASE_TYPE["statuses"]]
    for status in statuses:
        if status["code"] == "in_behandeling":
            status["text_business"] = {"nl": "De klacht van uw onderneming is in behandeling genomen."}
    harness.request("PUT", "/v1/case-types/klacht", hvc, hvc_case_type(statuses=statuses))
    harness.request("POST", "/v1/events", hvc, event_body())
    token = _put_party(harness, hvc, "zaak", role="co_initiator", kind="business", name="Bakkerij De Korst B.V.")

    dutch, english = _page(harness, token), _page(harness, token, "?lang=en")

    assert "U volgt deze zaak als medeaanvrager namens uw onderneming Bakkerij De Korst B.V.</p>" in dutch
    assert "Verloop van de zaak van uw onderneming" in dutch and "– Status van de zaak van uw onderneming –" in dutch
    assert "De klacht van uw onderneming is in behandeling genomen." in dutch
    assert "uw zaak" not in dutch
    assert "You follow this case as a co-applicant on behalf of your business Bakkerij De Korst B.V.</p>" in english
    assert "History of your business&#x27;s case" in english and "your case" not in english


def test_a_business_without_a_name_is_addressed_as_a_business_without_a_gap(harness, hvc):
    harness.request("POST", "/v1/events", hvc, event_body())
    token = _put_party(harness, hvc, "initiator", role="initiator", kind="business")

    dutch, english = _page(harness, token), _page(harness, token, "?lang=en")

    assert '<p class="reader">U volgt deze zaak namens uw onderneming.</p>' in dutch
    assert '<p class="reader">You follow this case on behalf of your business.</p>' in english
    assert dutch.count('class="reader"') == 1  # one sentence, not one per fact


def test_an_organisation_partys_page_says_it_follows_as_commissioner_and_shows_internal_statuses(harness, hvc):
    harness.create_organisation("dcmr", name="DCMR Milieudienst")
    harness.request("POST", "/v1/events", hvc, event_body())
    harness.request("POST", "/v1/events", hvc, event_body("toegewezen", "2026-11-29T09:00:00+01:00"))
    organisation = {"kind": "organisation", "identifier": {"organisation": "dcmr"}}
    commissioner = _put_party(harness, hvc, "dcmr", role="commissioner", name="DCMR", **organisation)
    partner = _put_party(harness, hvc, "keten", role="chain_partner", kind="organisation")
    applicant = _token(harness.request("GET", f"/v1/cases/{CASE}", hvc).json_body["tracking_url"])

    page, english = _page(harness, commissioner), _page(harness, commissioner, "?lang=en")

    assert "U volgt deze zaak als opdrachtgever namens DCMR." in page
    assert "U ziet ook de interne statussen van HVC; die ziet de aanvrager niet." in page
    assert "Toegewezen aan afdeling" in page  # the internal status, by its name
    assert "You follow this case as the commissioning party on behalf of DCMR." in english
    assert "You also see the internal statuses of HVC, which the applicant does not see." in english
    assert "U volgt deze zaak als ketenpartner." in _page(harness, partner)
    assert "Toegewezen aan afdeling" not in _page(harness, applicant)


def test_the_parents_page_lists_each_subcase_with_organisation_status_since_and_closed(harness, hvc):
    harness.request("POST", "/v1/events", hvc, event_body())
    dcmr = _dcmr(harness, hvc)
    _subcase(harness, dcmr, "DCMR-1", "gepland", "2026-11-29T09:00:00+01:00")
    _subcase(harness, dcmr, "DCMR-2", "afgesloten", "2026-11-30T16:30:00+01:00")
    _subcase(harness, dcmr, "DCMR-1", "intern", "2026-12-01T09:00:00+01:00")  # not public: not shown
    token = _token(harness.request("GET", f"/v1/cases/{CASE}", hvc).json_body["tracking_url"])

    html, english = _page(harness, token), _page(harness, token, "?lang=en")

    section = re.search(r'<section aria-labelledby="h-subcases">.*?</section>', html).group(0)
    assert '<h2 id="h-subcases">Deelzaken van deze zaak</h2>' in section
    items = re.findall(r"<li>.*?</li>", section)
    assert len(items) == 2
    first, second = sorted(items, key=lambda item: "afgesloten" in item)
    assert "<h3>Inspectie</h3>" in first and "<dd>DCMR Milieudienst</dd>" in first
    assert "<dd>De inspectie is gepland.</dd>" in first and "29 november 2026, 09:00" in first
    assert "Afgerond." not in first and "Rapport in concept" not in html
    assert "<dd><strong>Afgerond.</strong> De inspectie is afgesloten.</dd>" in second
    assert "30 november 2026, 16:30" in second
    assert "Sub-cases of this case" in english and "<strong>Closed.</strong>" in english


def test_a_page_without_subcases_has_no_subcase_section(harness, hvc):
    token = _token(harness.request("POST", "/v1/events", hvc, event_body()).json_body["tracking_url"])

    assert "h-subcases" not in _page(harness, token)


def test_a_subcases_page_names_its_parent(harness, hvc):
    harness.request("POST", "/v1/events", hvc, event_body())
    token = _subcase(harness, _dcmr(harness, hvc), "DCMR-1", "gepland", "2026-11-29T09:00:00+01:00")

    dutch, english = _page(harness, token), _page(harness, token, "?lang=en")

    assert "Deze zaak is onderdeel van Klacht over afvalinzameling van HVC." in dutch
    assert "This case is part of Waste collection complaint at HVC." in english
    assert "h-subcases" not in dutch


def _submit(harness, token: str, fields: dict[str, str]):
    html = _page(harness, token)
    form_token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode({"form_token": form_token, **fields})
    return harness.client.http.post(f"/track/{token}/preferences?lang=nl", headers=FORM, body=body)


def test_the_form_on_a_representatives_page_changes_that_partys_preference_only(harness, hvc):
    harness.request("POST", "/v1/events", hvc, event_body())
    token = _put_party(harness, hvc, "advocaat", role="representative", channel="sms", phone="0622222222")

    response = _submit(harness, token, {"channel": "email", "email": "advocaat@example.nl", "language": "en"})
    page = harness.client.http.get(response.headers["Location"].split("#")[0]).body.decode()

    assert response.status_code == 303
    assert "U volgt deze zaak als gemachtigde" in page and "a*******@example.nl" in page
    assert "You follow this case as the representative" in _page(harness, token)  # its new language
    case = harness.request("GET", f"/v1/cases/{CASE}", hvc).json_body
    parties = {p["party_id"]: p for p in case["parties"]}
    assert (parties["advocaat"]["channel"], parties["advocaat"]["email"]) == ("email", "a*******@example.nl")
    assert parties["advocaat"]["phone"] is None
    assert (parties["initiator"]["channel"], parties["initiator"]["phone"]) == ("sms", "+316******78")
    assert case["subscriber"]["channel"] == "sms"
    assert [(c["party_id"], c["origin"]) for c in case["preference_changes"]][-1] == ("advocaat", "citizen")


def test_every_outside_text_in_the_party_and_subcase_parts_is_escaped(harness, hvc):
    harness.request("POST", "/v1/events", hvc, event_body())
    _put_party(harness, hvc, "initiator", role="initiator", kind="business", name="<b>Bakker</b> & Zn")
    representative = _put_party(harness, hvc, "advocaat", role="representative", name="<i>x</i>")
    business = _put_party(harness, hvc, "zaak", role="interested", kind="business", name="<svg onload=x>")
    evil = harness.create_organisation("evil", name="<script>alert(1)</script>")
    evil_type = {
        **DCMR_TYPE,
        "public_name": {"nl": "<u>type</u>"},
        "statuses": [{"code": "gepland", "name": "g", "text": {"nl": "<img src=x onerror=alert(1)>"}}],
    }
    assert harness.request("PUT", "/v1/case-types/inspectie", evil, evil_type).status_code == 201
    assert harness.request("PUT", "/v1/partners/evil", hvc, {"subcases": True}).status_code == 200
    _subcase(harness, evil, "EVIL-1", "gepland", "2026-11-29T09:00:00+01:00")
    parent = _token(harness.request("GET", f"/v1/cases/{CASE}", hvc).json_body["tracking_url"])
    harness.request("PUT", "/v1/case-types/klacht", hvc, hvc_case_type(public_name={"nl": "<em>klacht</em>"}))
    sub = _subcase(harness, evil, "EVIL-2", "gepland", "2026-11-30T09:00:00+01:00")

    pages = [_page(harness, t) for t in (representative, business, parent, sub)]

    for html in pages:
        for tag in ("<b>", "<i>", "<svg", "<script", "<u>", "<img", "<em>"):
            assert tag not in html
    assert "namens &lt;b&gt;Bakker&lt;/b&gt; &amp; Zn." in pages[0]
    assert "namens uw onderneming &lt;svg onload=x&gt;." in pages[1]
    assert "<h3>&lt;u&gt;type&lt;/u&gt;</h3>" in pages[2] and "&lt;img src=x onerror=alert(1)&gt;" in pages[2]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[2]
    assert "onderdeel van &lt;em&gt;klacht&lt;/em&gt; van HVC." in pages[3]
