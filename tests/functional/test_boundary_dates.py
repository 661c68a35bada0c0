"""Dates at the ends of the calendar: the API refuses them by name, and a case that holds them
(stored before the window existed, as an old item would) still renders on every view."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from tests.builders import event_body, hvc_case_type
from tests.console import get as console_get
from tests.console import sign_in as console_sign_in
from tests.my_cases import CITIZEN
from tests.my_cases import sign_in as citizen_sign_in

KEY_DATE = {"code": "besluit", "label": {"nl": "Besluit uiterlijk", "en": "Decision due"}, "notify_on_change": True}
ACTION = {"text": "Stuur de foto's", "deadline": "2026-12-20"}


def _case_type(harness: Any, creds: dict[str, Any]) -> None:
    body = hvc_case_type(dates=[KEY_DATE])
    assert harness.request("PUT", "/v1/case-types/klacht", creds, body).status_code in (200, 201)


def _post(harness: Any, creds: dict[str, Any], case_id: str, status: str, at: str, **extra: Any) -> Any:
    body = event_body(status, at, **extra)
    body["case"]["id"] = case_id
    body["subscriber"] = {"channel": "email", "email": CITIZEN, "language": "nl"}
    return harness.request("POST", "/v1/events", creds, body)


@pytest.mark.parametrize(
    ("field", "body"),
    [
        ("occurred_at", {"occurred_at": "9999-12-31T23:00:00-12:00"}),
        ("occurred_at", {"occurred_at": "0001-01-01T00:00:00+14:00"}),
        ("occurred_at", {"occurred_at": "9999-12-31T23:59:59+14:00"}),
        ("occurred_at", {"occurred_at": "1899-12-31T23:59:59+00:00"}),
        ("case.expected_end_date", {"case_expected_end_date": "9999-12-31"}),
        ("dates.besluit", {"dates": {"besluit": "0001-01-01"}}),
        ("action.deadline", {"action": {"text": "Stuur de foto's", "deadline": "2200-01-01"}}),
    ],
)
def test_a_date_outside_1900_to_2199_is_refused_by_name(
    harness: Any, hvc: dict[str, Any], field: str, body: dict[str, Any]
) -> None:
    _case_type(harness, hvc)
    event = event_body("in_behandeling", body.pop("occurred_at", "2026-11-28T10:00:00+01:00"), **body)
    if (eed := event.pop("case_expected_end_date", None)) is not None:
        event["case"]["expected_end_date"] = eed
    response = harness.request("POST", "/v1/events", hvc, event)
    assert response.status_code == 400, response.body
    assert [p["name"] for p in response.json_body["invalid_params"]] == [field]
    assert "1900-01-01" in response.json_body["invalid_params"][0]["reason"]


def test_a_final_status_in_the_year_9999_is_refused_not_a_500(harness: Any, hvc: dict[str, Any]) -> None:
    response = _post(harness, hvc, "C-FINAL", "afgehandeld", "9999-06-01T12:00:00+00:00")
    assert response.status_code == 400, response.body


def test_the_edges_of_the_window_are_accepted(harness: Any, hvc: dict[str, Any]) -> None:
    _case_type(harness, hvc)
    early = _post(harness, hvc, "C-EARLY", "ontvangen", "1900-01-01T00:00:00+00:00", dates={"besluit": "1900-01-01"})
    late = _post(harness, hvc, "C-LATE", "ontvangen", "2199-12-31T23:59:59+00:00", dates={"besluit": "2199-12-31"})
    assert (early.status_code, late.status_code) == (202, 202), (early.body, late.body)


def test_a_report_period_outside_the_window_is_refused_by_name(harness: Any, hvc: dict[str, Any]) -> None:
    for query, field in (("from=0001-01-01", "from"), ("to=9999-12-31", "to")):
        response = harness.request("GET", f"/v1/reports?{query}", hvc)
        assert response.status_code == 400, response.body
        assert [p["name"] for p in response.json_body["invalid_params"]] == [field]


EXTREMES = [
    ("9999-12-31T23:59:59+14:00", "9999-12-31"),
    ("9999-12-31T23:59:59-12:00", "9999-12-31"),
    ("0001-01-01T00:00:00+14:00", "0001-01-01"),
]


def _store_extremes(org_id: str, case_id: str, at: str, day: str, norm_only: bool) -> None:
    """Rewrite the case's stored events as an item written before the window would hold them."""
    table = boto3.resource("dynamodb").Table("zaakstatus")
    items = table.query(
        KeyConditionExpression="pk = :pk", ExpressionAttributeValues={":pk": f"ORG#{org_id}#CASE#{case_id}"}
    )["Items"]
    for item in items:
        if not item["sk"].startswith("EVENT#"):
            continue
        item["at"] = item["rcv"] = at
        if norm_only:  # no date of the organisation's: the service norm gives the expected end
            item.pop("eed", None)
        else:
            item["eed"] = day
        if "kd" in item:
            item["kd"] = {"besluit": day}
        if "act" in item:
            item["act"] = {**item["act"], "deadline": day}
        if "expires_at" in item and day.startswith("9999"):
            item["expires_at"] = 253402300799
        table.put_item(Item=item)


@pytest.mark.parametrize(("at", "day"), EXTREMES)
@pytest.mark.parametrize("norm_only", [True, False])
def test_every_view_of_a_case_with_stored_extreme_dates_renders(
    harness: Any, hvc: dict[str, Any], at: str, day: str, norm_only: bool
) -> None:
    _case_type(harness, hvc)
    open_case = _post(harness, hvc, "C-OPEN", "ontvangen", "2026-11-27T09:00:00+01:00", dates={"besluit": "2026-12-20"})
    token = open_case.json_body["tracking_url"].rsplit("/", 1)[1]
    moved = _post(
        harness,
        hvc,
        "C-OPEN",
        "in_behandeling",
        "2026-11-28T10:00:00+01:00",
        dates={"besluit": "2027-01-05"},
        action=ACTION,
    )
    closed = _post(
        harness,
        hvc,
        "C-CLOSED",
        "afgehandeld",
        "2026-11-29T10:00:00+01:00",
        result={"code": "ok", "text": "Toegekend."},
    )
    assert (open_case.status_code, moved.status_code, closed.status_code) == (202, 202, 202)
    closed_token = closed.json_body["tracking_url"].rsplit("/", 1)[1]
    harness.run_worker_until_empty()
    for case_id in ("C-OPEN", "C-CLOSED"):
        _store_extremes("hvc", case_id, at, day, norm_only)

    citizen = citizen_sign_in(harness)
    staff = console_sign_in(harness, "hvc", "medewerker@hvc.example")
    views = {
        "tracking page": harness.client.http.get(f"/track/{token}"),
        "tracking page (en)": harness.client.http.get(f"/track/{token}?lang=en"),
        "closed tracking page": harness.client.http.get(f"/track/{closed_token}"),
        "citizen JSON": harness.request("GET", f"/v1/track/{token}"),
        "closed citizen JSON": harness.request("GET", f"/v1/track/{closed_token}"),
        "organisation JSON": harness.request("GET", "/v1/cases/C-OPEN", hvc),
        "closed organisation JSON": harness.request("GET", "/v1/cases/C-CLOSED", hvc),
        "console case page": console_get(harness, "/console/cases?case_id=C-OPEN", staff),
        "console closed case page": console_get(harness, "/console/cases?case_id=C-CLOSED", staff),
        "Mijn zaken JSON": harness.client.http.get("/v1/me/cases", headers={"Cookie": citizen}),
        "Mijn zaken page": harness.client.http.get("/mijn-zaken", headers={"Cookie": citizen}),
        "report": harness.request("GET", "/v1/reports", hvc),
        "overdue report": harness.request("GET", "/v1/reports/overdue", hvc),
        "console reports": console_get(harness, "/console/reports", staff),
    }
    # A case closed in the year 1 is long past its retention: its link is gone (404), not broken.
    gone = {"closed tracking page", "closed citizen JSON"} if day.startswith("0001") else set()
    failed = {name: r.status_code for name, r in views.items() if r.status_code != (404 if name in gone else 200)}
    assert failed == {}
    # A new event on such a case is taken in, and its messages and webhooks go out.
    later = _post(harness, hvc, "C-OPEN", "opgeschort", "2026-12-01T10:00:00+01:00", dates={"besluit": "2027-02-01"})
    assert later.status_code == 202, later.body
    harness.run_worker_until_empty()
    assert harness.request("GET", "/v1/cases/C-OPEN", hvc).status_code == 200
