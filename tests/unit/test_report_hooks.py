"""The counters follow a case out of the reports when it is destroyed while open."""

from __future__ import annotations

import datetime as dt

import pytest

from chalicelib.domain import clock
from chalicelib.services import parties, report_hooks, reports
from tests.builders import accept, event_in

pytestmark = pytest.mark.usefixtures("org")
NOW = dt.datetime(2026, 12, 20, 11, 0, tzinfo=dt.UTC)


def test_a_destroyed_open_case_leaves_its_status_and_the_overdue_list(deps, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)
    for n in (1, 2):
        accept(deps, event_in(case={"id": f"HVC-{n}", "case_type": "klacht", "expected_end_date": "2026-12-12"}))
    case = deps.cases.load_case("hvc", "HVC-1")

    deps.cases.delete_case("hvc", "HVC-1", parties.beyond(deps, case))
    report_hooks.case_removed(deps, case)
    report_hooks.case_removed(deps, deps.cases.load_case("hvc", "HVC-1"))  # a retry finds nothing left

    [klacht] = reports.report(deps, "hvc", None, NOW.date(), NOW.date()).case_types
    assert (klacht.open_now, klacht.open_by_status["in_behandeling"], klacht.overdue_open) == (1, 1, 1)
    assert [c.case_id for c in reports.overdue(deps, "hvc", None).cases] == ["HVC-2"]
