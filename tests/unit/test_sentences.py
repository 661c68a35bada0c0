"""No broken sentences: fallback texts, clauses left out, and the case type's warnings."""

from __future__ import annotations

import pytest

from chalicelib.domain.case_types import problems_of, to_domain
from chalicelib.domain.inbound import CaseTypeIn
from chalicelib.domain.models import Status
from chalicelib.domain.sentences import complete, status_text, warnings_of

FILLED = {"case.id": "Z-1", "organisation.name": "HVC"}


@pytest.mark.parametrize(
    ("text", "reads"),
    [
        ("Uw klacht over ((case.description)) is in behandeling genomen.", "Uw klacht is in behandeling genomen."),
        ("Your complaint about ((case.description)) is being handled.", "Your complaint is being handled."),
        ("U hoort uiterlijk ((case.expected_end_date)) van ons.", "U hoort van ons."),
        ("Uw klacht is opgeschort. Reden: ((status.explanation))", "Uw klacht is opgeschort."),
        ("Vastgesteld. ((status.explanation))", "Vastgesteld."),
        ("Opgeschort, reden: ((status.explanation)). Tot ziens.", "Opgeschort. Tot ziens."),
        ("Uw melding (((case.description))) is ontvangen.", "Uw melding is ontvangen."),
        ("((case.description)) is ontvangen. Zaak ((case.id)).", "Zaak Z-1."),
        ("Zaak ((case.id)) bij ((organisation.name)).", "Zaak Z-1 bij HVC."),
    ],
)
def test_a_clause_whose_placeholder_has_no_value_is_left_out(text, reads):
    assert complete(text, FILLED) == reads


def test_a_text_with_every_value_is_filled_as_written():
    values = {**FILLED, "case.description": "container niet geleegd"}
    status = Status(code="s", name="S", text={"nl": "Uw klacht over ((case.description)) is in behandeling."})
    assert (
        status_text(status, "s", "person", "nl", values) == "Uw klacht over container niet geleegd is in behandeling."
    )


def test_a_missing_value_gives_the_fallback_text_in_the_language_of_the_text():
    status = Status(
        code="s",
        name="S",
        text={"nl": "Uw klacht over ((case.description)) is in behandeling.", "en": "About ((case.description))."},
        text_fallback={"nl": "Uw klacht is in behandeling.", "en": "Your complaint is being handled."},
    )
    assert status_text(status, "s", "person", "nl", FILLED) == "Uw klacht is in behandeling."
    assert status_text(status, "s", "person", "en", FILLED) == "Your complaint is being handled."
    assert status_text(status, "s", "person", "de", FILLED) == "Uw klacht is in behandeling."


def test_a_text_left_with_nothing_reads_as_the_status_name():
    status = Status(code="s", name="Opgeschort", text={"nl": "((status.explanation))"})
    assert status_text(status, "s", "person", "nl", FILLED) == "Opgeschort"


def _case_type(statuses, **extra):
    data = CaseTypeIn.model_validate({"name": "T", "statuses": statuses, **extra})
    return data, to_domain("t", data)


def test_the_case_type_warns_of_a_text_with_a_placeholder_that_may_be_empty_and_no_fallback():
    _, ct = _case_type(
        [
            {
                "code": "a",
                "name": "A",
                "text": {"nl": "Over ((case.description)).", "en": "About ((case.description))."},
            },
            {
                "code": "b",
                "name": "B",
                "text": {"nl": "Reden: ((status.explanation))"},
                "text_fallback": {"nl": "Opgeschort."},
            },
            {"code": "c", "name": "C", "text": {"nl": "Uiterlijk ((case.expected_end_date)). Zaak ((case.id))."}},
        ]
    )
    warned = {(w.field, w.placeholder) for w in warnings_of(ct)}
    assert warned == {
        ("statuses.0.text.nl", "case.description"),
        ("statuses.0.text.en", "case.description"),
        ("statuses.2.text.nl", "case.expected_end_date"),
    }


def test_the_expected_end_date_is_not_warned_of_where_a_service_norm_computes_it():
    _, ct = _case_type(
        [{"code": "a", "name": "A", "text": {"nl": "Uiterlijk ((case.expected_end_date))."}}], service_norm_days=28
    )
    assert warnings_of(ct) == []


def test_date_placeholders_are_known_only_for_the_case_types_own_dates():
    data, _ = _case_type(
        [{"code": "a", "name": "A", "text": {"nl": "Op ((dates.betaling)) en ((dates.onbekend)). ((result.text))"}}],
        dates=[{"code": "betaling", "label": {"nl": "Betaling"}}],
    )
    assert [(p.name, p.reason) for p in problems_of(data)] == [
        ("statuses.0.text.nl", "unknown placeholder ((dates.onbekend))")
    ]


def test_a_date_code_declared_twice_is_named():
    data, _ = _case_type(
        [{"code": "a", "name": "A", "text": {"nl": "A."}}],
        dates=[{"code": "d", "label": {"nl": "D"}}, {"code": "d", "label": {"nl": "D2"}}],
    )
    assert [p.name for p in problems_of(data)] == ["dates.1.code"]
