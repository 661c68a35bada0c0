"""Names that end up in e-mail headers: refused at the API when they hold line breaks or other
control characters (400 naming the field), and made one line at send time for names stored
before that rule existed, so their e-mail still goes out."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest

from tests.builders import event_body, hvc_case_type
from tests.console import post_form, sign_in
from tests.console_forms import form_fields
from tests.mail import sent_mails

EVIL = "Klacht\r\nBcc: iedereen@example.org"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"public_name": {"nl": EVIL}}, "public_name.nl"),
        ({"public_name": {"nl": "Klacht", "en": "Complaint\nX"}}, "public_name.en"),
        ({"public_name": {"nl": "Klacht\u2028Bcc: x@example.org"}}, "public_name.nl"),
        ({"name": "Klacht\x00"}, "name"),
        ({"dates": [{"code": "besluit", "label": {"nl": "Besluit\r\nuiterlijk"}}]}, "dates.0.label.nl"),
    ],
)
def test_a_line_break_or_control_character_in_a_case_type_name_is_refused_by_name(
    harness: Any, hvc: dict[str, Any], changes: dict[str, Any], field: str
) -> None:
    response = harness.request("PUT", "/v1/case-types/klacht", hvc, hvc_case_type(**changes))
    assert response.status_code == 400, response.body
    assert [p["name"] for p in response.json_body["invalid_params"]] == [field]
    assert "one line" in response.json_body["invalid_params"][0]["reason"]


@pytest.mark.parametrize("name", ["\r" + "G" * 200, "Gemeente Raalte\n", "\tGemeente Raalte"])
def test_a_name_that_starts_or_ends_with_a_control_character_is_refused_not_trimmed(
    harness: Any, hvc: dict[str, Any], name: str
) -> None:
    settings = harness.request("GET", "/v1/organisation", hvc).json_body
    changed = {k: settings[k] for k in ("name", "email_from", "sms_from") if k in settings} | {"name": name}
    response = harness.request("PUT", "/v1/organisation", hvc, changed)
    case_type = harness.request("PUT", "/v1/case-types/klacht", hvc, hvc_case_type(public_name={"nl": name}))
    assert response.status_code == case_type.status_code == 400, (response.body, case_type.body)
    assert [p["name"] for p in response.json_body["invalid_params"]] == ["name"]
    assert [p["name"] for p in case_type.json_body["invalid_params"]] == ["public_name.nl"]


def test_a_status_name_is_one_line_but_its_text_is_a_body_that_may_hold_line_breaks(
    harness: Any, hvc: dict[str, Any]
) -> None:
    body = hvc_case_type()
    body["statuses"][0]["name"] = "Ontvangen\r\nX-Extra: 1"
    refused = harness.request("PUT", "/v1/case-types/klacht", hvc, body)
    assert [p["name"] for p in refused.json_body["invalid_params"]] == ["statuses.0.name"]
    body = hvc_case_type()
    body["statuses"][0]["text"]["nl"] = "Wij hebben uw klacht ontvangen.\nU hoort binnen twee weken van ons."
    assert harness.request("PUT", "/v1/case-types/klacht", hvc, body).status_code == 200
    body["statuses"][0]["text"]["nl"] = "Ontvangen.\x07"
    bell = harness.request("PUT", "/v1/case-types/klacht", hvc, body)
    assert [p["name"] for p in bell.json_body["invalid_params"]] == ["statuses.0.text.nl"]


def test_the_console_form_refuses_a_public_name_with_a_line_break_beside_the_field(
    harness: Any, hvc: dict[str, Any]
) -> None:
    cookie = sign_in(harness, "hvc", "beheer@hvc.example", "admin")
    fields = form_fields(
        harness.client.http.get("/console/case-types/klacht", headers={"Cookie": cookie}).body.decode()
    )
    page = post_form(
        harness, "/console/case-types/klacht", {**fields, "public_name.nl": EVIL, "action": "save"}, cookie
    )
    assert page.status_code == 400
    assert 'id="f-public_name-nl-error"' in page.body.decode() and "Eén regel" in page.body.decode()
    stored = harness.request("GET", "/v1/case-types/klacht", hvc).json_body
    assert stored["public_name"]["nl"] == "Klacht over afvalinzameling"


def _store_names(org_id: str, org_name: str, case_type_name: str) -> None:
    """Write the names as an item stored before the API refused them would hold them."""
    table = boto3.resource("dynamodb").Table("zaakstatus")
    org = table.get_item(Key={"pk": f"ORG#{org_id}", "sk": "ORG"})["Item"]
    table.put_item(Item={**org, "name": org_name})
    item = table.get_item(Key={"pk": f"ORG#{org_id}", "sk": "CASETYPE#klacht"})["Item"]
    doc = json.loads(item["doc"])
    doc["public_name"]["nl"] = case_type_name
    table.put_item(Item={**item, "doc": json.dumps(doc)})


def test_an_email_of_a_case_type_stored_with_a_line_break_in_its_name_still_goes_out_on_one_subject_line(
    harness: Any, hvc: dict[str, Any]
) -> None:
    _store_names("hvc", "Gemeente\r\nHVC", EVIL)
    body = event_body()
    body["subscriber"] = {"channel": "email", "email": "jan@example.nl", "language": "nl"}
    assert harness.request("POST", "/v1/events", hvc, body).status_code == 202
    harness.run_worker_until_empty()
    mails = [mail for _, mail in sent_mails() if mail["To"] == "jan@example.nl"]
    assert len(mails) == 1
    assert mails[0]["Subject"] == "Gemeente HVC: Klacht Bcc: iedereen@example.org"
    assert mails[0]["Bcc"] is None
    case = harness.request("GET", f"/v1/cases/{body['case']['id']}", hvc).json_body
    assert [n["state"] for n in case["notifications"]] == ["sent"]
