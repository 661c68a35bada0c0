"""What clients send: strict models, phone/e-mail normalisation, and the dotted names of errors."""

from __future__ import annotations

import copy

import pytest
from pydantic import ValidationError

from chalicelib.domain.contacts import normalise_email, normalise_mobile
from chalicelib.domain.inbound import CaseTypeIn, EventIn, SubscriberIn
from chalicelib.web.problems import BadRequest, from_validation_error
from tests.builders import HVC_CASE_TYPE


def event_body(**changes):
    body = {
        "event_id": "2026-000123-in_behandeling-1",
        "case": {
            "id": "HVC-2026-000123",
            "case_type": "klacht",
            "description": "container niet geleegd",
            "expected_end_date": "2026-12-12",
        },
        "status": "in_behandeling",
        "occurred_at": "2026-11-28T10:00:00+01:00",
        "subscriber": {"channel": "sms", "phone": "06 12345678", "email": None, "language": "nl"},
    }
    body.update(changes)
    return body


def problem_names(model, body) -> list[str]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(body)
    problem = from_validation_error(info.value)
    assert isinstance(problem, BadRequest) and problem.status == 400
    return [p["name"] for p in problem.invalid_params]


@pytest.mark.parametrize(
    "raw",
    ["06 12345678", "0612345678", "0031 6 1234 5678", "(06) 12 34 56 78", "+31 6 1234 5678", "06-12345678"],
)
def test_dutch_mobile_numbers_are_stored_in_e164(raw):
    assert normalise_mobile(raw) == "+31612345678"
    assert SubscriberIn(channel="sms", phone=raw).phone == "+31612345678"


@pytest.mark.parametrize(
    "raw",
    [
        "020 123 4567",  # Amsterdam landline
        "0800 1234567",  # toll-free
        "085 123 4567",  # nationwide VoIP
        "097 012345678",  # machine-to-machine
        "0970 12345678",
        "06 1234",  # too short
        "not a number",
        "+31 6 1234 56789 0",  # too long
    ],
)
def test_numbers_that_cannot_receive_sms_are_refused(raw):
    with pytest.raises(ValueError):
        normalise_mobile(raw)
    names = problem_names(EventIn, event_body(subscriber={"channel": "sms", "phone": raw}))
    assert names == ["subscriber.phone"]


@pytest.mark.parametrize("raw", ["jan.jansen@example.nl", "  jan@example.nl  ", "j+tag@sub.example.org"])
def test_valid_email_addresses_are_accepted(raw):
    assert SubscriberIn(channel="email", email=raw).email == raw.strip()


@pytest.mark.parametrize("raw", ["jan", "jan@", "@example.nl", "jan@@example.nl", "jan@example", "jan example@x.nl"])
def test_invalid_email_addresses_are_refused_with_subscriber_email_named(raw):
    with pytest.raises(ValueError):
        normalise_email(raw)
    assert problem_names(EventIn, event_body(subscriber={"channel": "email", "email": raw})) == ["subscriber.email"]


def test_email_domain_is_normalised_to_lowercase():
    assert normalise_email("Jan@Example.NL") == "Jan@example.nl"


def test_channel_sms_without_phone_is_refused():
    with pytest.raises(ValidationError, match="needs a mobile number"):
        SubscriberIn(channel="sms", email="jan@example.nl")
    with pytest.raises(ValidationError):
        SubscriberIn(channel="sms", phone="")


def test_channel_email_without_address_is_refused():
    with pytest.raises(ValidationError, match="needs an address"):
        SubscriberIn(channel="email", phone="0612345678")


@pytest.mark.parametrize("channel", ["portal", "none"])
def test_portal_and_none_need_no_contact_data(channel):
    assert SubscriberIn(channel=channel).channel == channel


def test_unknown_channel_is_refused():
    assert problem_names(EventIn, event_body(subscriber={"channel": "fax", "phone": "0612345678"})) == [
        "subscriber.channel"
    ]


def test_unknown_field_is_refused_and_named():
    assert problem_names(EventIn, event_body(statsu="x")) == ["statsu"]
    body = event_body()
    body["case"]["casetype"] = "klacht"
    assert problem_names(EventIn, body) == ["case.casetype"]


def test_bad_case_type_code_is_named_case_case_type():
    body = event_body()
    body["case"]["case_type"] = "Not A Code!"
    assert problem_names(EventIn, body) == ["case.case_type"]


def test_missing_required_fields_are_each_named():
    body = event_body()
    del body["status"], body["occurred_at"]
    assert sorted(problem_names(EventIn, body)) == ["occurred_at", "status"]


def test_naive_occurred_at_is_refused():
    assert problem_names(EventIn, event_body(occurred_at="2026-11-28T10:00:00")) == ["occurred_at"]


def test_event_id_longer_than_128_characters_is_refused():
    assert problem_names(EventIn, event_body(event_id="x" * 129)) == ["event_id"]
    assert EventIn.model_validate(event_body(event_id="x" * 128)).event_id == "x" * 128


def test_invalid_status_text_is_named_statuses_index_text():
    data = copy.deepcopy(HVC_CASE_TYPE)
    data["statuses"][1]["text"] = {"nl": "ok", "NL": "bad language code"}
    assert problem_names(CaseTypeIn, data) == ["statuses.1.text"]
    data["statuses"][1]["text"] = {"nl": "   "}
    assert problem_names(CaseTypeIn, data) == ["statuses.1.text"]


def test_prefix_is_put_before_every_dotted_name():
    with pytest.raises(ValidationError) as info:
        SubscriberIn.model_validate({"channel": "sms", "phone": "020 1234567"})
    problem = from_validation_error(info.value, prefix="subscriber")
    assert [p["name"] for p in problem.invalid_params] == ["subscriber.phone"]
    assert problem.body()["invalid_params"][0]["reason"].startswith("is not a mobile number")


def test_public_status_without_dutch_text_is_refused():
    data = copy.deepcopy(HVC_CASE_TYPE)
    data["statuses"][1]["text"] = {"en": "English only"}
    names = problem_names(CaseTypeIn, data)
    assert len(names) == 1 and names[0].startswith("statuses.1")


def test_internal_status_may_omit_its_text():
    data = copy.deepcopy(HVC_CASE_TYPE)
    data["statuses"][2] = {"code": "intern", "name": "Intern", "public": False}
    assert CaseTypeIn.model_validate(data).statuses[2].text == {}


def test_sms_without_phone_names_subscriber_phone():
    assert problem_names(EventIn, event_body(subscriber={"channel": "sms", "phone": None})) == ["subscriber.phone"]
