"""The console's reports through the app: a staff member signs in (link from moto's SES), reads
the report and the overdue list as pages and as CSV, and sees the numbers `GET /v1/reports`
gives the organisation's own client."""

from __future__ import annotations

import csv
import datetime as dt
import io
import urllib.parse
from html.parser import HTMLParser
from typing import Any

import pytest

from chalicelib.domain import clock
from chalicelib.domain.dates import local_time
from tests.console import get, sign_in
from tests.harness import Harness

STAFF = "rapportage@hvc.example"
PAGES = ("/console/reports", "/console/reports.csv", "/console/overdue", "/console/overdue.csv")


class Tables(HTMLParser):
    """Each table of a page by its caption: its rows as lists of cell texts (th and td alike)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._caption: str | None = None
        self._rows: list[list[str]] = []
        self._in: str | None = None
        self._text = ""
        self.links: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("caption", "th", "td"):
            self._in, self._text = tag, ""
        elif tag == "tr":
            self._rows.append([])
        elif tag == "table":
            self._rows = []
        elif tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self._caption = self._text.strip()
        elif tag in ("th", "td") and self._rows:
            self._rows[-1].append(self._text.strip())
        elif tag == "table" and self._caption is not None:
            self.tables[self._caption] = self._rows
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text += data


def _today() -> dt.date:
    return local_time(clock.now()).date()


def _event(case_id: str, status: str, days_ago: int, expected_end: dt.date, phone: str) -> dict[str, Any]:
    at = dt.datetime.combine(_today() - dt.timedelta(days=days_ago), dt.time(10, 0), tzinfo=dt.UTC)
    return {
        "case": {"id": case_id, "case_type": "klacht", "expected_end_date": expected_end.isoformat()},
        "status": status,
        "occurred_at": at.isoformat(),
        "subscriber": {"channel": "sms", "phone": phone, "language": "nl"},
    }


def _seed(harness: Harness, creds: dict[str, Any]) -> None:
    """Three complaints: one open and late, one closed within the norm, one open and on time."""
    late, soon = _today() - dt.timedelta(days=5), _today() + dt.timedelta(days=10)
    events = [
        _event("HVC-LATE-1", "ontvangen", 12, late, "06 11111111"),
        _event("HVC-LATE-1", "in_behandeling", 10, late, "06 11111111"),
        _event("HVC-DONE-1", "ontvangen", 6, soon, "06 22222222"),
        _event("HVC-DONE-1", "afgehandeld", 2, soon, "06 22222222"),
        _event("HVC-OPEN-1", "ontvangen", 1, soon, "06 33333333"),
    ]
    for body in events:
        response = harness.request("POST", "/v1/events", creds, body)
        assert response.status_code == 202, response.body
    harness.run_worker_until_empty()


@pytest.fixture
def seeded(harness, hvc) -> str:
    _seed(harness, hvc)
    return sign_in(harness, "hvc", STAFF, "viewer")  # the least of the roles may read reports


def _api(harness: Harness, creds: dict[str, Any], path: str) -> dict[str, Any]:
    response = harness.request("GET", path, creds)
    assert response.status_code == 200, response.body
    body: dict[str, Any] = response.json_body
    return body


def _cell(value: Any) -> str:
    return "–" if value is None else str(value)


def test_the_report_page_shows_the_numbers_the_api_gives(harness, hvc, seeded):
    query = f"?from={_today() - dt.timedelta(days=29)}&to={_today()}"
    expected = _api(harness, hvc, "/v1/reports" + query)
    [klacht] = expected["case_types"]
    assert (klacht["opened"], klacht["closed"], klacht["open_now"]) == (3, 1, 2)  # the seed is in the figures

    page = get(harness, "/console/reports" + query, seeded)

    assert page.status_code == 200
    html = page.body.decode()
    assert html.count("<svg") >= 3 and 'role="img"' in html
    tables = Tables(html).tables
    assert tables["Zaken per zaaktype"] == [
        ["Zaaktype", "Geopend", "Gesloten", "Nu open"],
        [klacht["name"], str(klacht["opened"]), str(klacht["closed"]), str(klacht["open_now"])],
    ]
    lead = klacht["lead_time_days"]
    assert tables["Doorlooptijd in dagen tegen de servicenorm"][1] == [
        klacht["name"],
        _cell(lead["p50"]),
        _cell(lead["p90"]),
        str(klacht["service_norm_days"]),
    ]
    timeliness = tables["Binnen de norm en te laat"][1]
    assert timeliness[1] == str(klacht["closed"])
    assert timeliness[2].startswith(str(klacht["closed_within_norm"]))
    assert timeliness[3] == str(klacht["overdue_open"]) == "1"
    by_status = tables[f"Open zaken per status: {klacht['name']}"][1:]
    assert {row[1] for row in by_status} <= {str(n) for n in klacht["open_by_status"].values()}
    assert sum(int(row[1]) for row in by_status) == klacht["open_now"]
    notes = tables["Berichten per kanaal en uitkomst"]
    assert notes[0] == ["Uitkomst", "Sms", "E-mail"]
    outcomes = ("delivered", "failed", "fallback", "capped", "held")
    sms, email = expected["notifications"]["sms"], expected["notifications"]["email"]
    assert [row[1:] for row in notes[1:]] == [[str(sms[o]), str(email[o])] for o in outcomes]
    assert f"{sms['fragments']} sms-delen" in html


def test_the_report_csv_parses_back_to_the_numbers_the_api_gives(harness, hvc, seeded):
    query = f"?case_type=klacht&from={_today() - dt.timedelta(days=29)}&to={_today()}"
    expected = _api(harness, hvc, "/v1/reports" + query)

    download = get(harness, "/console/reports.csv" + query, seeded)

    assert download.status_code == 200
    assert download.headers["Content-Type"].startswith("text/csv")
    assert download.headers["Content-Disposition"].startswith('attachment; filename="rapportage-')
    rows = list(csv.reader(io.StringIO(download.body.decode())))
    header, line = rows[0], dict(zip(rows[0], rows[1], strict=True))
    [klacht] = expected["case_types"]
    assert header[:3] == ["from", "to", "case_type"]
    assert (line["from"], line["to"], line["case_type"]) == (expected["from"], expected["to"], "klacht")
    for name in ("opened", "closed", "open_now", "service_norm_days", "closed_within_norm", "overdue_open"):
        assert line[name] == str(klacht[name]), name
    assert line["lead_time_p50_days"] == str(klacht["lead_time_days"]["p50"] or "")
    assert line["open_by_status"] == "; ".join(f"{k}={v}" for k, v in klacht["open_by_status"].items())
    blank = rows.index([])
    channels = {row[0]: dict(zip(rows[blank + 1], row, strict=True)) for row in rows[blank + 2 :]}
    for channel, figures in expected["notifications"].items():
        assert {k: int(v) for k, v in channels[channel].items() if k != "channel"} == figures


def test_the_overdue_page_lists_the_late_case_linked_to_the_case_look_up_for_those_who_may(harness, hvc, seeded):
    expected = _api(harness, hvc, "/v1/reports/overdue")
    assert [c["case_id"] for c in expected["cases"]] == ["HVC-LATE-1"]

    page = get(harness, "/console/overdue", seeded)

    assert page.status_code == 200
    parsed = Tables(page.body.decode())
    [(caption, rows)] = parsed.tables.items()
    assert caption == "Te late zaken (1)"
    case = expected["cases"][0]
    assert rows[1] == ["HVC-LATE-1", "Klacht afvalinzameling", "Zaak in behandeling genomen", rows[1][3], "5"]
    assert case["days_over"] == 5
    # A viewer may read reports but not look cases up: the id is there, without a link to a refusal.
    assert not any(link.startswith("/console/cases?") for link in parsed.links)
    agent = sign_in(harness, "hvc", "balie@hvc.example", "agent")
    assert "/console/cases?case_id=HVC-LATE-1" in Tables(get(harness, "/console/overdue", agent).body.decode()).links

    download = get(harness, "/console/overdue.csv?case_type=klacht", seeded)
    assert download.headers["Content-Disposition"] == 'attachment; filename="te-late-zaken.csv"'
    rows = list(csv.reader(io.StringIO(download.body.decode())))
    assert rows == [
        ["case_id", "case_type", "current_status", "expected_end_date", "days_over"],
        [case["case_id"], case["case_type"], case["current_status"], case["expected_end_date"], str(case["days_over"])],
    ]


@pytest.mark.parametrize("path", PAGES)
def test_without_a_session_every_report_page_sends_the_browser_to_sign_in(harness, hvc, path):
    for cookie in (None, "zs_console=not-a-session"):
        response = get(harness, path, cookie)

        assert response.status_code == 303
        assert response.headers["Location"] == "/console"


def test_a_bad_date_is_named_beside_its_field_and_shows_no_figures(harness, hvc, seeded):
    page = get(harness, "/console/reports?from=31-11-2026&to=2026-11-01", seeded)

    assert page.status_code == 400
    html = page.body.decode()
    assert 'id="from-error"' in html and "jaar-maand-dag" in html
    assert (
        'id="from" name="from" value="31-11-2026" aria-describedby="from-hint from-error" aria-invalid="true"' in html
    )
    assert '<a href="#from">' in html  # the summary links to the field
    assert "<svg" not in html
    assert get(harness, "/console/reports.csv?from=2026-13-01", seeded).status_code == 400


def test_a_period_longer_than_the_service_allows_is_named_beside_the_end_date(harness, hvc, seeded):
    page = get(harness, "/console/reports?from=2025-01-01&to=2026-11-30", seeded)

    assert page.status_code == 400
    assert 'id="to-error"' in page.body.decode() and "ten hoogste" in page.body.decode()


def test_staff_of_another_organisation_see_none_of_its_case_types_or_cases(harness, hvc, seeded):
    harness.create_organisation("other")
    cookie = sign_in(harness, "other", "iemand@other.example", "admin")

    report = get(harness, "/console/reports", cookie).body.decode()
    overdue = get(harness, "/console/overdue", cookie).body.decode()
    theirs = get(harness, "/console/overdue.csv?case_type=klacht", cookie)

    assert "Klacht afvalinzameling" not in report and "klacht" not in report
    assert "HVC-LATE-1" not in overdue
    assert theirs.status_code == 400 and b"HVC-LATE-1" not in theirs.body


def test_the_filters_are_carried_into_the_download_link(harness, hvc, seeded):
    query = {"case_type": "klacht", "from": str(_today() - dt.timedelta(days=6)), "to": str(_today())}

    html = get(harness, "/console/reports?" + urllib.parse.urlencode(query), seeded).body.decode()

    assert "/console/reports.csv?" + urllib.parse.urlencode(query).replace("&", "&amp;") in html
