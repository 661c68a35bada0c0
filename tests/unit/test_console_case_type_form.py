"""The console's case-type form: a stored case type as form fields and back unchanged, edits and
rows read as the API would read the JSON, and each error renamed to the field it stands beside."""

from __future__ import annotations

import pytest

from chalicelib.domain.answers import CaseTypeOut
from chalicelib.domain.case_types import to_domain
from chalicelib.domain.inbound import CaseTypeIn
from chalicelib.web.console import case_type_fields
from chalicelib.web.console.case_type_form import field_names, parse, place, values_of
from local.seed import HVC_KLACHT, ORGANISATIONS

SEEDED = [(code, data) for org in ORGANISATIONS for code, data in org["case_types"].items()]


def _stored(code: str, data: dict) -> dict:
    return CaseTypeOut.of(to_domain(code, CaseTypeIn.model_validate(data))).model_dump(mode="json")


@pytest.mark.parametrize(("code", "data"), SEEDED, ids=[code for code, _ in SEEDED])
def test_every_seeded_case_type_reads_back_from_its_form_unchanged(code, data):
    stored = _stored(code, data)
    parsed = parse(values_of(stored), stored)
    assert parsed.errors == {}
    assert parsed.data == CaseTypeIn.model_validate({k: v for k, v in stored.items() if k != "code"})


def test_an_edit_a_new_row_and_a_removed_row_read_as_the_json_would():
    stored = _stored("klacht", HVC_KLACHT)
    values = values_of(stored)
    values["statuses.1.text_business.nl"] = "De klacht van uw onderneming is in behandeling."
    values["statuses.2.remove"] = "1"
    values |= {"statuses.4.code": "heropend", "statuses.4.name": "Heropend", "statuses.4.text.nl": "Heropend."}
    values |= {"statuses.4.notify.commissioner": "1"}
    values["public_name.en"] = "  "  # emptied: the English name goes
    data = parse(values, stored).data
    assert data is not None
    assert [s.code for s in data.statuses] == ["ontvangen", "in_behandeling", "afgehandeld", "heropend"]
    assert data.statuses[1].text_business == {"nl": "De klacht van uw onderneming is in behandeling."}
    assert data.statuses[1].notify is True  # every person role ticked reads as `true`
    assert data.statuses[3].notify == ["commissioner"] and data.statuses[0].notify is False
    assert data.public_name == {"nl": "Klacht over afvalinzameling"}
    assert data.retention_days == stored["retention_days"]  # what the form does not show is kept


def test_the_blank_row_left_blank_adds_nothing():
    stored = _stored("klacht", HVC_KLACHT)
    values = values_of(stored)
    assert values["statuses.4.public"] == "1" and "statuses.4.code" not in values
    assert len(parse(values, stored).data.statuses) == 4


def test_an_error_after_a_removed_row_is_named_by_its_row_in_the_form():
    stored = _stored("klacht", HVC_KLACHT)
    values = values_of(stored)
    values["statuses.0.remove"] = "1"
    values["statuses.3.text.nl"] = "Klaar op ((case.einde))."
    parsed = parse(values, stored)
    assert parsed.data is None
    assert parsed.errors == {"statuses.3.text.nl": ["Onbekende placeholder ((case.einde))."]}


def test_an_error_on_a_group_stands_beside_its_first_field_and_one_without_a_field_goes_on_top():
    names = ["name", "statuses.0.code", "statuses.0.text.nl", "statuses.0.text.en"]
    placed = place({"statuses.0.text": ["a"], "dates.0.code": ["b"], "name": ["c"]}, names)
    assert placed == {"statuses.0.text.nl": ["a"], "form": ["b"], "name": ["c"]}


def test_the_summary_names_a_field_by_its_status_and_label():
    values = values_of(_stored("klacht", HVC_KLACHT))
    label = case_type_fields.label_of("statuses.1.text_fallback.en", values)
    assert label == "Status 2 (in_behandeling), Tekst als een waarde ontbreekt (Engels)"
    assert case_type_fields.label_of("public_name.nl", values) == "Naam voor burgers (Nederlands)"
    assert case_type_fields.label_of("statuses.0.notify", values) == "Status 1 (ontvangen), Bericht sturen aan"


def test_a_case_types_other_languages_get_fields_of_their_own():
    data = {**HVC_KLACHT, "statuses": [{**HVC_KLACHT["statuses"][0], "text": {"nl": "Ontvangen.", "de": "Erhalten."}}]}
    stored = _stored("klacht", data)
    values = values_of(stored)
    assert "statuses.0.text.de" in field_names(values)
    assert parse(values, stored).data.statuses[0].text == {"nl": "Ontvangen.", "de": "Erhalten."}
