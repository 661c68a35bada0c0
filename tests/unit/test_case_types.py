"""Case types: checked when stored, so nothing is discovered when a message is sent."""

from __future__ import annotations

import copy

import pytest

from chalicelib import case_types
from chalicelib.models.inbound import CaseTypeIn
from chalicelib.problems import BadRequest, NotFound

from .helpers import HVC_CASE_TYPE, case_type_in


def statuses(*specs):
    return [{"code": c, "name": c.title(), "text": {"nl": f"Status {c}"}, **extra} for c, extra in specs]


def bad_names(svc, data: CaseTypeIn) -> list[str]:
    with pytest.raises(BadRequest) as info:
        case_types.put(svc, "hvc", "klacht", data)
    assert info.value.status == 400
    return [p["name"] for p in info.value.invalid_params]


def test_unknown_placeholder_is_refused_naming_status_text_and_language(svc):
    data = copy.deepcopy(HVC_CASE_TYPE)
    data["statuses"][1]["text"]["en"] = "Your complaint ((case.nummer)) is handled."
    with pytest.raises(BadRequest) as info:
        case_types.put(svc, "hvc", "klacht", CaseTypeIn.model_validate(data))
    assert info.value.invalid_params == [
        {"name": "statuses.1.text.en", "reason": "unknown placeholder ((case.nummer))"}
    ]
    assert svc.store.get_case_type("hvc", "klacht") is None


def test_every_known_placeholder_is_accepted(svc):
    text = " ".join(
        f"(({name}))"
        for name in ("case.id", "case.description", "case.expected_end_date", "status.explanation",
                     "organisation.name", "tracking_url")
    )
    data = case_type_in(statuses=statuses(("a", {"text": {"nl": text, "en": "(( case.id ))"}})))
    view, created = case_types.put(svc, "hvc", "klacht", data)
    assert created and view["statuses"][0]["text"]["nl"] == text


def test_two_final_statuses_are_refused_naming_both(svc):
    data = case_type_in(statuses=statuses(("a", {"final": True}), ("b", {}), ("c", {"final": True})))
    assert bad_names(svc, data) == ["statuses.0.final", "statuses.2.final"]


def test_last_status_is_final_by_default(svc):
    view, _ = case_types.put(svc, "hvc", "klacht", case_type_in(statuses=statuses(("a", {}), ("b", {}), ("c", {}))))
    assert [s["final"] for s in view["statuses"]] == [False, False, True]


def test_explicit_final_status_replaces_the_default(svc):
    data = case_type_in(statuses=statuses(("a", {}), ("b", {"final": True}), ("c", {})))
    view, _ = case_types.put(svc, "hvc", "klacht", data)
    assert [s["final"] for s in view["statuses"]] == [False, True, False]


def test_duplicate_status_codes_are_refused(svc):
    data = case_type_in(statuses=statuses(("a", {}), ("b", {}), ("a", {})))
    assert bad_names(svc, data) == ["statuses.2.code"]


def test_non_public_status_never_notifies(svc):
    data = case_type_in(statuses=statuses(("a", {}), ("intern", {"public": False, "notify": True, "text": {}}), ("b", {})))
    view, _ = case_types.put(svc, "hvc", "klacht", data)
    intern = view["statuses"][1]
    assert intern["public"] is False and intern["notify"] is False
    assert svc.store.get_case_type("hvc", "klacht").status("intern").notify is False


def test_put_reports_created_then_replaced_and_keeps_the_new_version(svc):
    _, created = case_types.put(svc, "hvc", "klacht", case_type_in())
    view, created_again = case_types.put(svc, "hvc", "klacht", case_type_in(name="Nieuwe naam"))
    assert (created, created_again) == (True, False)
    assert case_types.get(svc, "hvc", "klacht")["name"] == "Nieuwe naam" == view["name"]


def test_list_is_sorted_by_code_and_per_organisation(svc):
    for code in ("zz", "aa", "mm"):
        case_types.put(svc, "hvc", code, case_type_in())
    case_types.put(svc, "other", "bb", case_type_in())
    assert [c["code"] for c in case_types.list_all(svc, "hvc")["case_types"]] == ["aa", "mm", "zz"]


def test_unknown_case_type_is_not_found(svc):
    with pytest.raises(NotFound):
        case_types.get(svc, "hvc", "klacht")
    case_types.put(svc, "other", "klacht", case_type_in())
    with pytest.raises(NotFound):
        case_types.get(svc, "hvc", "klacht")
