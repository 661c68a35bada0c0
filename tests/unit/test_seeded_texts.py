"""Every text of every seeded case type, read with every optional value missing (no description,
no explanation, no key date, no result): never a gap, never a leftover placeholder."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from chalicelib.domain.case_types import problems_of, to_domain
from chalicelib.domain.inbound import CaseTypeIn
from chalicelib.domain.models import Case, CaseType, Event, Organisation
from chalicelib.domain.rendering import placeholder_values
from chalicelib.domain.sentences import complete, status_text, warnings_of
from local.seed import ORGANISATIONS

AT = dt.datetime(2026, 11, 28, 10, tzinfo=dt.UTC)
BROKEN = re.compile(r"  |\(\s*\)|\(\(|\)\)| over  | about  |\s[.,:;!?]|^\s|\s$")
SEEDED = [
    (entry["org"], code, to_domain(code, CaseTypeIn.model_validate(data)))
    for entry in ORGANISATIONS
    for code, data in entry["case_types"].items()
]


def _bare_case(case_type: CaseType, status: str) -> tuple[Case, Event]:
    event = Event(
        key="k",
        event_id=None,
        case_type=case_type.code,
        description=None,
        expected_end_date=None,
        status=status,
        order=case_type.order(status),
        occurred_at=AT,
        explanation=None,
        subscriber=None,
        received_at=AT,
        fingerprint="f",
        current_status=status,
    )
    return Case(org_id="org", id="Z-1", events=(event,)), event


@pytest.mark.parametrize(("org", "code", "case_type"), SEEDED, ids=[f"{o['id']}-{c}" for o, c, _ in SEEDED])
def test_every_seeded_text_reads_whole_with_every_optional_value_missing(org, code, case_type):
    organisation = Organisation(id=org["id"], name=org["name"], email_from="a@b.example", sms_from="X", created_at=AT)
    for status in case_type.statuses:
        case, event = _bare_case(case_type, status.code)
        for language in ("nl", "en"):
            values = placeholder_values(organisation, case, event, "https://z.test/track/t", language, case_type)
            for kind in ("person", "business"):
                text = status_text(status, status.code, kind, language, values)
                assert text and not BROKEN.search(text), (status.code, language, kind, text)
            for fallback in status.text_fallback.values():
                text = complete(fallback, values)
                assert text and not BROKEN.search(text), (status.code, "fallback", text)


@pytest.mark.parametrize(("org", "code", "case_type"), SEEDED, ids=[f"{o['id']}-{c}" for o, c, _ in SEEDED])
def test_every_seeded_case_type_is_valid(org, code, case_type):
    data = next(e["case_types"][code] for e in ORGANISATIONS if e["org"]["id"] == org["id"])
    assert problems_of(CaseTypeIn.model_validate(data)) == []


def test_the_svb_demo_text_reads_the_expected_end_date_computed_from_the_service_norm():
    org, _, case_type = next(s for s in SEEDED if s[0]["id"] == "svb")
    organisation = Organisation(id="svb", name="SVB", email_from="a@b.example", sms_from="SVB", created_at=AT)
    case, event = _bare_case(case_type, "ontvangen")
    values = placeholder_values(organisation, case, event, "https://z.test/track/t", "nl", case_type)
    text = status_text(case_type.status("ontvangen"), "ontvangen", "person", "nl", values)
    assert "U hoort uiterlijk 26 december 2026 van ons." in text  # 28 November + 28 days


def test_the_uwv_case_type_is_seeded_with_four_key_dates_and_no_warning():
    _, _, case_type = next(s for s in SEEDED if s[0]["id"] == "uwv")
    assert len(case_type.dates) == 4
    assert warnings_of(case_type) == []
