"""Case types: checked when stored, so nothing is discovered when a message is sent."""

from __future__ import annotations

import copy

import pytest

from chalicelib.domain.errors import InvalidFields, NotFound
from chalicelib.domain.inbound import CaseTypeIn
from chalicelib.services import case_types
from chalicelib.web.problems import problem_for
from tests.builders import HVC_CASE_TYPE, case_type_in


def saved(deps, data: CaseTypeIn) -> tuple[dict, bool]:
    """HVC's case type 'klacht' stored: its view as the API answers it, and whether it was new."""
    answer = case_types.put(deps, "hvc", "klacht", data)
    return answer.case_type.json_body(), answer.created


def statuses(*specs):
    return [{"code": c, "name": c.title(), "text": {"nl": f"Status {c}"}, **extra} for c, extra in specs]


def bad_names(deps, data: CaseTypeIn) -> list[str]:
    with pytest.raises(InvalidFields) as info:
        case_types.put(deps, "hvc", "klacht", data)
    problem = problem_for(info.value)
    assert problem.status == 400
    return [p["name"] for p in problem.invalid_params]


def test_unknown_placeholder_is_refused_naming_status_text_and_language(deps):
    data = copy.deepcopy(HVC_CASE_TYPE)
    data["statuses"][1]["text"]["en"] = "Your complaint ((case.nummer)) is handled."
    with pytest.raises(InvalidFields) as info:
        case_types.put(deps, "hvc", "klacht", CaseTypeIn.model_validate(data))
    assert problem_for(info.value).invalid_params == [
        {"name": "statuses.1.text.en", "reason": "unknown placeholder ((case.nummer))"}
    ]
    assert deps.case_types.get_case_type("hvc", "klacht") is None


def test_every_known_placeholder_is_accepted(deps):
    text = " ".join(
        f"(({name}))"
        for name in (
            "case.id",
            "case.description",
            "case.expected_end_date",
            "status.explanation",
            "organisation.name",
            "tracking_url",
        )
    )
    data = case_type_in(statuses=statuses(("a", {"text": {"nl": text, "en": "(( case.id ))"}})))
    view, created = saved(deps, data)
    assert created and view["statuses"][0]["text"]["nl"] == text


def test_two_final_statuses_are_refused_naming_both(deps):
    data = case_type_in(statuses=statuses(("a", {"final": True}), ("b", {}), ("c", {"final": True})))
    assert bad_names(deps, data) == ["statuses.0.final", "statuses.2.final"]


def test_last_status_is_final_by_default(deps):
    view, _ = saved(deps, case_type_in(statuses=statuses(("a", {}), ("b", {}), ("c", {}))))
    assert [s["final"] for s in view["statuses"]] == [False, False, True]


def test_explicit_final_status_replaces_the_default(deps):
    data = case_type_in(statuses=statuses(("a", {}), ("b", {"final": True}), ("c", {})))
    view, _ = saved(deps, data)
    assert [s["final"] for s in view["statuses"]] == [False, True, False]


def test_duplicate_status_codes_are_refused(deps):
    data = case_type_in(statuses=statuses(("a", {}), ("b", {}), ("a", {})))
    assert bad_names(deps, data) == ["statuses.2.code"]


def test_non_public_status_never_notifies(deps):
    data = case_type_in(
        statuses=statuses(("a", {}), ("intern", {"public": False, "notify": True, "text": {}}), ("b", {}))
    )
    view, _ = saved(deps, data)
    intern = view["statuses"][1]
    assert intern["public"] is False and intern["notify"] is False
    assert deps.case_types.get_case_type("hvc", "klacht").status("intern").notify is False


def test_put_reports_created_then_replaced_and_keeps_the_new_version(deps):
    _, created = saved(deps, case_type_in())
    view, created_again = saved(deps, case_type_in(name="Nieuwe naam"))
    assert (created, created_again) == (True, False)
    assert case_types.get(deps, "hvc", "klacht").name == "Nieuwe naam" == view["name"]


def test_list_is_sorted_by_code_and_per_organisation(deps):
    for code in ("zz", "aa", "mm"):
        case_types.put(deps, "hvc", code, case_type_in())
    case_types.put(deps, "other", "bb", case_type_in())
    assert [c.code for c in case_types.list_all(deps, "hvc").case_types] == ["aa", "mm", "zz"]


def test_unknown_case_type_is_not_found(deps):
    with pytest.raises(NotFound):
        case_types.get(deps, "hvc", "klacht")
    case_types.put(deps, "other", "klacht", case_type_in())
    with pytest.raises(NotFound):
        case_types.get(deps, "hvc", "klacht")
