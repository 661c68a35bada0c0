"""Case types: the ordered statuses an organisation configures, and what the citizen reads."""

from __future__ import annotations

import re

from chalicelib.domain.answers import CaseTypeChecked, CaseTypeList, CaseTypeOut, CaseTypeSaved
from chalicelib.domain.case_types import problems_of, to_domain
from chalicelib.domain.errors import NotFound, invalid, invalid_all
from chalicelib.domain.inbound import CODE, CaseTypeIn
from chalicelib.domain.sentences import warnings_of
from chalicelib.services import test_mode
from chalicelib.services.deps import Deps


def put(deps: Deps, org_id: str, code: str, data: CaseTypeIn) -> CaseTypeSaved:
    test_mode.refuse_for_test(org_id, "change the organisation's case types")
    if not re.fullmatch(CODE, code):
        raise invalid("code", "a code is 1 to 64 of a-z, 0-9, '_' and '-', starting with a letter or digit")
    problems = problems_of(data)
    if problems:
        raise invalid_all("The case type has", problems)
    case_type = to_domain(code, data)
    created = deps.case_types.put_case_type(org_id, case_type)
    checked = CaseTypeChecked(**CaseTypeOut.of(case_type).model_dump(), warnings=warnings_of(case_type))
    return CaseTypeSaved(case_type=checked, created=created)


def get(deps: Deps, org_id: str, code: str) -> CaseTypeOut:
    if not re.fullmatch(CODE, code):  # never stored, so never found; keeps odd keys from DynamoDB
        raise NotFound("There is no such case type.")
    case_type = deps.case_types.get_case_type(org_id, code)
    if case_type is None:
        raise NotFound(f"There is no case type '{code}'.")
    return CaseTypeOut.of(case_type)


def list_all(deps: Deps, org_id: str) -> CaseTypeList:
    case_types = sorted(deps.case_types.list_case_types(org_id), key=lambda c: c.code)
    return CaseTypeList(case_types=[CaseTypeOut.of(ct) for ct in case_types])
