"""`GET /v1/reports` and `/v1/reports/overdue` through the app on moto: an organisation's own
figures from the events its case system posted, named errors for bad periods, nothing of
another organisation's. (The 1,000-case comparison is tests/integration/test_reports_from_1000_cases.py.)"""

from __future__ import annotations

import datetime as dt

import pytest

from chalicelib.domain import clock
from tests.builders import event_body
from tests.harness import Harness

NOW = dt.datetime(2026, 11, 30, 11, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)


def post(harness: Harness, creds, case_id: str, status: str, at: str, **case) -> None:
    body = event_body(status, at, subscriber=None)
    body.pop("subscriber")
    body["case"] = {"id": case_id, "case_type": "klacht", "description": "container niet geleegd", **case}
    response = harness.request("POST", "/v1/events", creds, body)
    assert response.status_code == 202, response.body


def test_the_report_counts_what_the_case_system_posted(harness, hvc, frozen):
    post(harness, hvc, "HVC-1", "ontvangen", "2026-11-02T09:00:00+01:00")
    post(harness, hvc, "HVC-1", "in_behandeling", "2026-11-03T09:00:00+01:00")
    post(harness, hvc, "HVC-1", "in_behandeling", "2026-11-03T09:00:00+01:00")  # a replay
    post(harness, hvc, "HVC-2", "ontvangen", "2026-11-10T09:00:00+01:00", expected_end_date="2026-11-20")
    post(harness, hvc, "HVC-3", "ontvangen", "2026-11-20T09:00:00+01:00")
    post(harness, hvc, "HVC-3", "afgehandeld", "2026-11-26T09:00:00+01:00")

    report = harness.request("GET", "/v1/reports?from=2026-11-01&to=2026-11-30", hvc)
    overdue = harness.request("GET", "/v1/reports/overdue", hvc)

    assert report.status_code == 200, report.body
    [klacht] = report.json_body["case_types"]
    assert report.json_body["from"] == "2026-11-01" and report.json_body["to"] == "2026-11-30"
    assert (klacht["opened"], klacht["closed"], klacht["open_now"]) == (3, 1, 2)
    assert klacht["open_by_status"] == {"ontvangen": 1, "in_behandeling": 1, "toegewezen": 0, "opgeschort": 0}
    assert klacht["lead_time_days"] == {"p50": 6, "p90": 6}
    assert (klacht["service_norm_days"], klacht["closed_within_norm"], klacht["overdue_open"]) == (14, 1, 2)
    assert overdue.json_body == {
        "cases": [  # most overdue first
            {
                "case_id": "HVC-1",
                "case_type": "klacht",
                "current_status": "in_behandeling",
                "expected_end_date": "2026-11-16",
                "days_over": 14,
            },
            {
                "case_id": "HVC-2",
                "case_type": "klacht",
                "current_status": "ontvangen",
                "expected_end_date": "2026-11-20",
                "days_over": 10,
            },
        ],
        "total": 2,
    }


def test_the_default_period_is_the_last_thirty_dutch_days(harness, hvc, frozen):
    answer = harness.request("GET", "/v1/reports", hvc).json_body
    assert (answer["from"], answer["to"]) == ("2026-11-01", "2026-11-30")


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2026-13-01", "from"),
        ("to=30-11-2026", "to"),
        ("from=2026-11-30&to=2026-11-01", "from"),
        ("from=2025-01-01&to=2026-11-30", "to"),
        ("case_type=onbekend", "case_type"),
    ],
)
def test_a_bad_period_or_case_type_is_a_problem_naming_the_field(harness, hvc, frozen, query, field):
    response = harness.request("GET", f"/v1/reports?{query}", hvc)
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in response.json_body["invalid_params"]] == [field]


def test_a_bad_limit_is_a_problem_and_reports_need_the_organisations_credentials(harness, hvc):
    assert harness.request("GET", "/v1/reports/overdue?limit=0", hvc).status_code == 400
    assert harness.request("GET", "/v1/reports").status_code == 401
    assert harness.request("GET", "/v1/reports/overdue").status_code == 401


def test_an_organisation_sees_only_its_own_figures(harness, hvc, frozen):
    other = harness.create_organisation("svb")
    assert (
        harness.request(
            "PUT",
            "/v1/case-types/klacht",
            other,
            {
                "name": "Klacht",
                "statuses": [
                    {"code": "ontvangen", "name": "Ontvangen", "text": {"nl": "Ontvangen."}},
                    {"code": "afgehandeld", "name": "Afgehandeld", "final": True, "text": {"nl": "Klaar."}},
                ],
            },
        ).status_code
        == 201
    )
    post(harness, hvc, "HVC-1", "ontvangen", "2026-10-02T09:00:00+01:00")

    [theirs] = harness.request("GET", "/v1/reports", other).json_body["case_types"]
    assert (theirs["opened"], theirs["open_now"], theirs["overdue_open"]) == (0, 0, 0)
    assert harness.request("GET", "/v1/reports/overdue", other).json_body == {"cases": [], "total": 0}
    assert harness.request("GET", "/v1/reports/overdue", hvc).json_body["total"] == 1
