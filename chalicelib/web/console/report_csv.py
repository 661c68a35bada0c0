"""The reports as CSV downloads, from the same JSON shape as `GET /v1/reports` and `/overdue`.

Column names are the JSON field names, so a spreadsheet and a script read the same file. A cell
that a spreadsheet would take for a formula (starting with = + - @, a tab or a carriage return)
gets a leading apostrophe: case ids and codes come from the organisation's case system, and a
downloaded report must not run anything when it is opened.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CASE_TYPE_COLUMNS = (
    "from",
    "to",
    "case_type",
    "opened",
    "closed",
    "open_now",
    "lead_time_p50_days",
    "lead_time_p90_days",
    "service_norm_days",
    "closed_within_norm",
    "overdue_open",
    "open_by_status",
)
OUTCOMES = ("delivered", "failed", "fallback", "capped", "held", "fragments")
NOTIFICATION_COLUMNS = ("channel", *OUTCOMES)
OVERDUE_COLUMNS = ("case_id", "case_type", "current_status", "expected_end_date", "days_over")


def safe(value: Any) -> str | int | float:
    """A cell as written: numbers as they are, text defused when it could start a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _write(rows: Iterable[Iterable[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe(cell) for cell in row])
    return out.getvalue()


def case_type_row(report: Mapping[str, Any], line: Mapping[str, Any]) -> list[Any]:
    lead = line.get("lead_time_days") or {}
    by_status = line.get("open_by_status") or {}
    return [
        report.get("from"),
        report.get("to"),
        line.get("code"),
        line.get("opened"),
        line.get("closed"),
        line.get("open_now"),
        lead.get("p50"),
        lead.get("p90"),
        line.get("service_norm_days"),
        line.get("closed_within_norm"),
        line.get("overdue_open"),
        # One cell, so that every case type has the same columns whatever its statuses.
        "; ".join(f"{code}={count}" for code, count in by_status.items()),
    ]


def report_csv(report: Mapping[str, Any]) -> str:
    """One row per case type with every figure; then, after an empty line, one row per channel."""
    rows: list[Iterable[Any]] = [CASE_TYPE_COLUMNS]
    rows += [case_type_row(report, line) for line in report.get("case_types", [])]
    rows.append([])
    rows.append(NOTIFICATION_COLUMNS)
    for channel, figures in (report.get("notifications") or {}).items():
        rows.append([channel, *(figures.get(outcome) for outcome in OUTCOMES)])
    return _write(rows)


def overdue_csv(overdue: Mapping[str, Any]) -> str:
    cases = overdue.get("cases", [])
    return _write([OVERDUE_COLUMNS, *([case.get(column) for column in OVERDUE_COLUMNS] for case in cases)])


def attachment(name: str) -> dict[str, str | list[str]]:
    """Headers of a CSV download; the name is ours (no user input), so it needs no quoting rules."""
    return {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }
