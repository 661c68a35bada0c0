"""Case types: the ordered statuses an organisation configures, and what the citizen reads."""

from __future__ import annotations

import re
from typing import Any

from chalicelib.models.domain import CaseType, Status
from chalicelib.models.inbound import CODE, CaseTypeIn
from chalicelib.problems import BadRequest, NotFound, invalid
from chalicelib.render import unknown_placeholders
from chalicelib.wiring import Services


def _check(data: CaseTypeIn) -> list[dict[str, str]]:
    problems: list[dict[str, str]] = []
    seen: set[str] = set()
    for i, status in enumerate(data.statuses):
        if status.code in seen:
            problems.append({"name": f"statuses.{i}.code", "reason": f"'{status.code}' is listed twice"})
        seen.add(status.code)
        for lang, text in status.text.items():
            for name in unknown_placeholders(text):
                problems.append(
                    {"name": f"statuses.{i}.text.{lang}", "reason": f"unknown placeholder (({name}))"}
                )
    finals = [i for i, s in enumerate(data.statuses) if s.final]
    if len(finals) > 1:
        for i in finals:
            problems.append({"name": f"statuses.{i}.final", "reason": "only one status can be final"})
    return problems


def to_domain(code: str, data: CaseTypeIn) -> CaseType:
    explicit_final = any(s.final for s in data.statuses)
    last = len(data.statuses) - 1
    statuses = tuple(
        Status(
            code=s.code,
            name=s.name,
            # A non-public status never notifies: the citizen never sees it.
            notify=s.notify and s.public,
            final=s.final if explicit_final else i == last,
            public=s.public,
            text=s.text,
        )
        for i, s in enumerate(data.statuses)
    )
    return CaseType(
        code=code,
        name=data.name,
        public_name=data.public_name,
        service_norm_days=data.service_norm_days,
        retention_days=data.retention_days,
        statuses=statuses,
    )


def put(svc: Services, org_id: str, code: str, data: CaseTypeIn) -> tuple[dict[str, Any], bool]:
    if not re.match(CODE, code):
        raise invalid("code", "a code is 1 to 64 of a-z, 0-9, '_' and '-', starting with a letter or digit")
    problems = _check(data)
    if problems:
        names = ", ".join(p["name"] for p in problems)
        raise BadRequest(f"The case type has invalid fields: {names}.", problems)
    case_type = to_domain(code, data)
    created = svc.store.put_case_type(org_id, case_type)
    return view(case_type), created


def get(svc: Services, org_id: str, code: str) -> dict[str, Any]:
    if not re.match(CODE, code):  # never stored, so never found; keeps odd keys from DynamoDB
        raise NotFound("There is no such case type.")
    case_type = svc.store.get_case_type(org_id, code)
    if case_type is None:
        raise NotFound(f"There is no case type '{code}'.")
    return view(case_type)


def list_all(svc: Services, org_id: str) -> dict[str, Any]:
    return {"case_types": [view(ct) for ct in sorted(svc.store.list_case_types(org_id), key=lambda c: c.code)]}


def view(case_type: CaseType) -> dict[str, Any]:
    return case_type.model_dump(mode="json")
