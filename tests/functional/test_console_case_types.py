"""The console's case-type pages through the app: staff signed in by e-mail link list their case
types, an admin edits statuses and texts, previews the SMS and e-mail of a status before saving,
and sees each validation error beside its field; agents and viewers only look and preview."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.console import csrf_of, get, post_form, sign_in
from tests.console_forms import form_fields
from tests.harness import Harness

PAGE = "/console/case-types/klacht"
ADMIN_ADDRESS = "beheer@hvc.example"


def _admin(harness: Harness) -> str:
    return sign_in(harness, "hvc", ADMIN_ADDRESS, "admin")


def _form(harness: Harness, cookie: str) -> dict[str, str]:
    page = get(harness, PAGE, cookie)
    assert page.status_code == 200, page.body
    return form_fields(page.body.decode())


def _submit(harness: Harness, cookie: str, fields: dict[str, str], action: str) -> Any:
    return post_form(harness, PAGE, {**fields, "action": action}, cookie)


def _stored(harness: Harness, hvc: dict[str, Any]) -> dict[str, Any]:
    response = harness.request("GET", "/v1/case-types/klacht", hvc)
    body: dict[str, Any] = response.json_body
    return body


def _element(page: str, element_id: str) -> str:
    match = re.search(rf'<(?:input|textarea|select)[^>]*\bid="{re.escape(element_id)}"[^>]*>', page)
    assert match, f"no field {element_id}"
    return match.group(0)


def test_the_list_links_each_case_type_of_the_organisation_only(harness, hvc):
    other = harness.create_organisation("other")
    harness.request(
        "PUT",
        "/v1/case-types/vergunning",
        other,
        {"name": "Vergunning", "statuses": [{"code": "ontvangen", "name": "Ontvangen", "text": {"nl": "Ontvangen."}}]},
    )
    page = get(harness, "/console/case-types", _admin(harness))
    html = page.body.decode()
    assert page.status_code == 200
    assert 'href="/console/case-types/klacht"' in html and "Klacht over afvalinzameling" in html
    assert "vergunning" not in html.lower()


def test_the_form_shows_every_status_with_its_texts_per_language(harness, hvc):
    fields = _form(harness, _admin(harness))
    assert fields["name"] == "Klacht afvalinzameling"
    assert fields["public_name.en"] == "Waste collection complaint"
    assert fields["service_norm_days"] == "14"
    assert fields["statuses.1.code"] == "in_behandeling"
    assert fields["statuses.1.text.en"] == "Your complaint about ((case.description)) is being handled."
    assert fields["statuses.1.notify.initiator"] == "1"
    assert "statuses.2.notify.initiator" not in fields  # the internal status tells nobody
    assert "statuses.2.public" not in fields
    assert fields["statuses.4.final"] == "1"
    assert fields["statuses"] == "6"  # five statuses and a blank row for a new one
    assert fields["statuses.5.code"] == ""


def test_preview_shows_the_edited_text_as_sms_and_e_mail_without_saving_it(harness, hvc):
    cookie = _admin(harness)
    fields = _form(harness, cookie)
    fields["statuses.1.text.nl"] = "Wij pakken uw melding over ((case.description)) op."
    fields |= {"preview.status": "in_behandeling", "preview.description": "de groene container"}
    page = _submit(harness, cookie, fields, "preview")
    html = page.body.decode()
    assert page.status_code == 200
    sms = re.search(r'id="voorbeeld-sms">(.*?)</div>', html, re.S).group(1)
    assert "Wij pakken uw melding over de groene container op." in sms
    assert "https://zaakstatus.test/track/hvc." in sms
    assert re.search(r"<dt>Codering</dt><dd>GSM-7</dd><dt>Tekens</dt><dd>\d+</dd><dt>Sms-delen</dt><dd>1</dd>", html)
    assert "HVC: Klacht over afvalinzameling" in html
    assert "Wij pakken uw melding over de groene container op." in re.search(
        r'id="voorbeeld-email">(.*?)</div>', html, re.S
    ).group(1)
    assert form_fields(html)["statuses.1.text.nl"] == fields["statuses.1.text.nl"]  # the form keeps the edit
    assert _stored(harness, hvc)["statuses"][1]["text"]["nl"].startswith("Uw klacht over")


def test_preview_without_sample_values_leaves_the_clause_out_and_reads_english_and_business_texts(harness, hvc):
    cookie = _admin(harness)
    fields = _form(harness, cookie)
    fields["statuses.1.text_business.nl"] = "Uw onderneming: de melding over ((case.description)) is in behandeling."
    page = _submit(
        harness, cookie, {**fields, "preview.status": "in_behandeling", "preview.role": "business"}, "preview"
    )
    html = page.body.decode()
    assert "Uw onderneming: de melding is in behandeling." in html
    assert "((" not in re.search(r'id="voorbeeld".*?</section>', html, re.S).group(0)
    english = _submit(
        harness, cookie, {**fields, "preview.status": "in_behandeling", "preview.language": "en"}, "preview"
    )
    assert "Your complaint is being handled." in english.body.decode()
    assert "HVC: Waste collection complaint" in english.body.decode()


def test_saving_stores_the_edit_and_redirects_to_the_form(harness, hvc):
    cookie = _admin(harness)
    fields = _form(harness, cookie)
    fields["statuses.3.text.nl"] = "Uw klacht is afgehandeld. Dank voor uw geduld."
    fields["service_norm_days"] = "10"
    saved = _submit(harness, cookie, fields, "save")
    assert saved.status_code == 303
    assert saved.headers["Location"] == "/console/case-types/klacht?opgeslagen=1"
    stored = _stored(harness, hvc)
    assert stored["statuses"][3]["text"]["nl"] == "Uw klacht is afgehandeld. Dank voor uw geduld."
    assert stored["service_norm_days"] == 10
    assert [s["code"] for s in stored["statuses"]] == [
        "ontvangen",
        "in_behandeling",
        "toegewezen",
        "opgeschort",
        "afgehandeld",
    ]
    assert stored["statuses"][2]["public"] is False and stored["statuses"][2]["notify"] is False
    assert "Het zaaktype is opgeslagen." in get(harness, saved.headers["Location"], cookie).body.decode()


def test_a_status_is_added_in_the_blank_row_and_removed_by_its_box(harness, hvc):
    cookie = _admin(harness)
    fields = _form(harness, cookie)
    fields["statuses.2.remove"] = "1"
    fields |= {
        "statuses.5.code": "heropend",
        "statuses.5.name": "Heropend",
        "statuses.5.text.nl": "Uw klacht is heropend.",
    }
    fields["statuses.5.notify.initiator"] = "1"
    assert _submit(harness, cookie, fields, "save").status_code == 303
    statuses = _stored(harness, hvc)["statuses"]
    assert [s["code"] for s in statuses] == ["ontvangen", "in_behandeling", "opgeschort", "afgehandeld", "heropend"]
    assert statuses[-1]["notify"] == ["initiator"]


def test_a_code_typed_with_spaces_around_it_is_saved_without_them(harness, hvc):
    cookie = _admin(harness)
    fields = _form(harness, cookie)
    fields |= {"statuses.5.code": " heropend\t", "statuses.5.name": "Heropend", "statuses.5.text.nl": "Heropend."}
    assert _submit(harness, cookie, fields, "save").status_code == 303
    assert _stored(harness, hvc)["statuses"][-1]["code"] == "heropend"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("statuses.1.code", "In Behandeling", "Gebruik alleen a-z, 0-9, _ en -"),
        (
            "statuses.1.text.nl",
            "Uw klacht over ((case.omschrijving)) is in behandeling.",
            "Onbekende placeholder ((case.omschrijving)).",
        ),
        ("statuses.1.text.nl", "", "Een openbare status heeft een Nederlandse tekst nodig."),
        ("statuses.4.code", "ontvangen", "De code &#x27;ontvangen&#x27; komt twee keer voor."),
        ("service_norm_days", "twee weken", "Vul een heel aantal dagen in"),
        ("name", "", "Vul dit veld in."),
    ],
)
def test_an_invalid_field_shows_its_error_beside_it_and_nothing_is_saved(harness, hvc, field, value, message):
    cookie = _admin(harness)
    fields = _form(harness, cookie)
    before = _stored(harness, hvc)
    fields[field] = value
    page = _submit(harness, cookie, fields, "save")
    html = page.body.decode()
    assert page.status_code == 400
    field_id = "f-" + field.replace(".", "-")
    element = _element(html, field_id)
    assert 'aria-invalid="true"' in element and f"{field_id}-error" in element
    error = re.search(rf'<p class="error" id="{field_id}-error">(.*?)</p>', html).group(1)
    assert message in error
    assert f'href="#{field_id}"' in html  # the summary leads to the field
    assert form_fields(html)[field] == value  # what was typed stays
    assert _stored(harness, hvc) == before


def test_a_preview_of_no_status_asks_to_choose_one(harness, hvc):
    cookie = _admin(harness)
    fields = _form(harness, cookie)
    page = _submit(harness, cookie, {**fields, "preview.status": "bestaat-niet"}, "preview")
    assert page.status_code == 400
    assert 'id="f-preview-status-error"' in page.body.decode()


@pytest.mark.parametrize("role", ["agent", "viewer"])
def test_agents_and_viewers_read_and_preview_but_cannot_save(harness, hvc, role):
    cookie = sign_in(harness, "hvc", f"{role}@hvc.example", role)
    page = get(harness, PAGE, cookie).body.decode()
    assert "<textarea" not in page and 'value="save"' not in page
    assert "Uw klacht over ((case.description)) is in behandeling genomen." in page
    fields = form_fields(page)
    previewed = post_form(harness, PAGE, {**fields, "preview.status": "opgeschort", "action": "preview"}, cookie)
    assert previewed.status_code == 200 and "Uw klacht is opgeschort." in previewed.body.decode()
    forged = {**fields, "name": "Gewijzigd", "statuses": "1", "statuses.0.code": "x", "statuses.0.name": "x"}
    refused = post_form(harness, PAGE, {**forged, "action": "save"}, cookie)
    assert refused.status_code == 403
    assert _stored(harness, hvc)["name"] == "Klacht afvalinzameling"


def test_a_form_without_the_csrf_token_or_from_another_site_is_refused(harness, hvc):
    cookie = _admin(harness)
    fields = _form(harness, cookie)
    fields["name"] = "Gewijzigd"
    assert post_form(harness, PAGE, {**fields, "csrf": "forged", "action": "save"}, cookie).status_code == 403
    cross = post_form(harness, PAGE, {**fields, "action": "save"}, cookie, **{"Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403
    assert _stored(harness, hvc)["name"] == "Klacht afvalinzameling"


def test_another_organisations_or_an_unknown_case_type_is_not_found(harness, hvc):
    other = harness.create_organisation("other")
    harness.request(
        "PUT",
        "/v1/case-types/vergunning",
        other,
        {"name": "Vergunning", "statuses": [{"code": "ontvangen", "name": "Ontvangen", "text": {"nl": "Ontvangen."}}]},
    )
    cookie = _admin(harness)
    assert get(harness, "/console/case-types/vergunning", cookie).status_code == 404
    assert get(harness, "/console/case-types/Bestaat%20Niet", cookie).status_code == 404
    csrf = csrf_of(get(harness, PAGE, cookie).body.decode())
    posted = post_form(harness, "/console/case-types/vergunning", {"csrf": csrf, "action": "save"}, cookie)
    assert posted.status_code == 404


def test_without_a_session_the_pages_redirect_to_sign_in(harness, hvc):
    assert get(harness, "/console/case-types").headers["Location"] == "/console"
    assert get(harness, PAGE).status_code == 303
    assert post_form(harness, PAGE, {"action": "save"}).status_code == 303


def test_pages_carry_no_script_and_escape_what_staff_typed(harness, hvc):
    cookie = _admin(harness)
    fields = _form(harness, cookie)
    fields["statuses.1.text.nl"] = 'Uw klacht <script>alert("x")</script> is in behandeling.'
    page = _submit(harness, cookie, {**fields, "preview.status": "in_behandeling"}, "preview")
    html = page.body.decode()
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert "'unsafe-inline'" not in page.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    "changes",
    [
        {"statuses": "²"},
        {"statuses": "9" * 40},
        {"service_norm_days": "²"},
        {"service_norm_days": "99999"},
        {"action": "preview-²"},
        {"action": "preview-77"},
        {"action": "iets anders"},
        {"preview.language": "fr", "preview.role": "burgemeester", "action": "preview"},
        {"statuses.1.notify.koning": "1", "statuses.1.final": "ja"},
    ],
)
def test_a_tampered_form_gets_a_page_never_an_error_of_ours(harness, hvc, changes):
    cookie = _admin(harness)
    fields = _form(harness, cookie)
    response = post_form(harness, PAGE, {**fields, "action": "save", **changes}, cookie)
    assert response.status_code in (200, 303, 400), response.body
    assert "Er ging iets mis" not in response.body.decode()
