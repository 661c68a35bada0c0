"""The reports' CSV downloads: every figure, parsed back the same, and no formula a spreadsheet
would run."""

from __future__ import annotations

import csv
import io

from chalicelib.web.console import report_csv

REPORT = {
    "from": "2026-11-01",
    "to": "2026-11-30",
    "case_types": [
        {
            "code": "klacht",
            "opened": 12,
            "closed": 9,
            "open_now": 3,
            "open_by_status": {"ontvangen": 1, "in_behandeling": 2},
            "lead_time_days": {"p50": 4, "p90": 12.5},
            "service_norm_days": 14,
            "closed_within_norm": 0.89,
            "overdue_open": 1,
        },
        {
            "code": '=HYPERLINK("http://x")',
            "opened": 0,
            "closed": 0,
            "open_now": 0,
            "open_by_status": {},
            "lead_time_days": {"p50": None, "p90": None},
            "service_norm_days": None,
            "closed_within_norm": None,
            "overdue_open": 0,
        },
    ],
    "notifications": {
        "sms": {"delivered": 8, "failed": 1, "fallback": 1, "capped": 0, "held": 2, "fragments": 11},
        "email": {"delivered": 4, "failed": 0, "fallback": 0, "capped": 0, "held": 0, "fragments": 0},
    },
}


def _parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_the_report_has_a_row_per_case_type_with_every_figure_then_the_channels():
    rows = _parse(report_csv.report_csv(REPORT))

    assert rows[0] == list(report_csv.CASE_TYPE_COLUMNS)
    assert rows[1] == [
        "2026-11-01",
        "2026-11-30",
        "klacht",
        "12",
        "9",
        "3",
        "4",
        "12.5",
        "14",
        "0.89",
        "1",
        "ontvangen=1; in_behandeling=2",
    ]
    # No value is an empty cell, not "None".
    assert rows[2][6:10] == ["", "", "", ""]
    assert rows[3] == []
    assert rows[4] == list(report_csv.NOTIFICATION_COLUMNS)
    assert rows[5] == ["sms", "8", "1", "1", "0", "2", "11"]
    assert rows[6] == ["email", "4", "0", "0", "0", "0", "0"]


def test_a_cell_that_would_start_a_formula_gets_a_leading_apostrophe():
    rows = _parse(report_csv.report_csv(REPORT))

    assert rows[2][2] == '\'=HYPERLINK("http://x")'
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert report_csv.safe(start + "1+1") == "'" + start + "1+1"
    assert report_csv.safe("HVC-1") == "HVC-1"
    # Numbers are figures, not text: a negative number stays a number.
    assert report_csv.safe(-3) == -3


def test_the_overdue_list_has_one_row_per_case_and_defuses_case_ids():
    overdue = {
        "cases": [
            {
                "case_id": "HVC-1",
                "case_type": "klacht",
                "current_status": "in_behandeling",
                "expected_end_date": "2026-11-20",
                "days_over": 10,
            },
            {
                "case_id": "@SUM(A1)",
                "case_type": "klacht",
                "current_status": "ontvangen",
                "expected_end_date": "2026-11-25",
                "days_over": 5,
            },
        ]
    }

    rows = _parse(report_csv.overdue_csv(overdue))

    assert rows == [
        list(report_csv.OVERDUE_COLUMNS),
        ["HVC-1", "klacht", "in_behandeling", "2026-11-20", "10"],
        ["'@SUM(A1)", "klacht", "ontvangen", "2026-11-25", "5"],
    ]


def test_an_empty_overdue_list_is_just_its_header():
    assert _parse(report_csv.overdue_csv({"cases": []})) == [list(report_csv.OVERDUE_COLUMNS)]


def test_a_download_is_an_attachment_of_csv_never_cached():
    headers = report_csv.attachment("rapportage.csv")

    assert headers["Content-Type"].startswith("text/csv")
    assert headers["Content-Disposition"] == 'attachment; filename="rapportage.csv"'
    assert headers["Cache-Control"] == "no-store"
