"""The console's report pages as HTML: charts with their tables, and the overdue list.

They read the JSON shape of `GET /v1/reports` and `/v1/reports/overdue` (the answers'
`json_body()` / `model_dump(mode="json")`), the same the CSV is written from, so the page, the
download and the API cannot tell different numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from html import escape as e
from typing import Any
from urllib.parse import urlencode

from chalicelib.domain.dates import long_date
from chalicelib.web.console.charts import BarChart, Row, figure, number, slug

CHANNELS = (("sms", "Sms"), ("email", "E-mail"))
OUTCOMES = (
    ("delivered", "Bezorgd"),
    ("failed", "Mislukt"),
    ("fallback", "Via ander kanaal"),
    ("capped", "Daglimiet bereikt"),
    ("held", "Vastgehouden (stille uren)"),
)
ALSO_IN_TABLE = "De cijfers staan ook in de tabel ernaast."
MOST = 12  # case types drawn in one chart, and case types with a chart of their own per status


def _day(text: str | None) -> str:
    try:
        return long_date(dt.date.fromisoformat(text or ""), "nl")
    except ValueError:
        return text or ""


def _name(line: Mapping[str, Any]) -> str:
    return str(line.get("name") or line["code"])


def period(report: Mapping[str, Any]) -> str:
    return f"{_day(report.get('from'))} tot en met {_day(report.get('to'))}"


def cases_chart(lines: list[dict[str, Any]]) -> BarChart:
    return BarChart(
        ident="chart-cases",
        title="Zaken per zaaktype",
        description="Staafdiagram: per zaaktype het aantal zaken dat in de periode is geopend en gesloten, "
        f"en het aantal dat nu open is. {ALSO_IN_TABLE}",
        category="Zaaktype",
        series=("Geopend", "Gesloten", "Nu open"),
        rows=tuple(Row(_name(line), (line["opened"], line["closed"], line["open_now"])) for line in lines),
    )


def lead_time_chart(lines: list[dict[str, Any]]) -> BarChart:
    return BarChart(
        ident="chart-lead-time",
        title="Doorlooptijd in dagen tegen de servicenorm",
        description="Staafdiagram: per zaaktype de doorlooptijd in dagen waarbinnen de helft (p50) en negen op "
        f"de tien (p90) van de gesloten zaken klaar waren; een stippellijn staat bij de servicenorm. {ALSO_IN_TABLE}",
        category="Zaaktype",
        series=("p50", "p90"),
        rows=tuple(
            Row(
                _name(line),
                (line["lead_time_days"].get("p50"), line["lead_time_days"].get("p90")),
                marker=line.get("service_norm_days"),
            )
            for line in lines
        ),
        marker_label="Norm",
        unit="d",
    )


def status_chart(line: dict[str, Any], status_names: Mapping[str, str]) -> BarChart:
    name = _name(line)
    return BarChart(
        ident=f"chart-status-{slug(line['code'])}",
        title=f"Open zaken per status: {name}",
        description=f"Staafdiagram: hoeveel zaken van {name} nu open zijn, per status. {ALSO_IN_TABLE}",
        category="Status",
        series=("Open",),
        rows=tuple(
            Row(status_names.get(code) or code, (count,)) for code, count in (line.get("open_by_status") or {}).items()
        ),
        empty="Geen open zaken.",
    )


def notifications_chart(notifications: Mapping[str, Any]) -> BarChart:
    present = [(code, label) for code, label in CHANNELS if code in notifications]
    return BarChart(
        ident="chart-notifications",
        title="Berichten per kanaal en uitkomst",
        description="Staafdiagram: per uitkomst (bezorgd, mislukt, via ander kanaal, daglimiet, vastgehouden) "
        f"het aantal berichten per kanaal in de periode. {ALSO_IN_TABLE}",
        category="Uitkomst",
        series=tuple(label for _, label in present),
        rows=tuple(
            Row(label, tuple(notifications[code].get(outcome) for code, _ in present)) for outcome, label in OUTCOMES
        ),
    )


def timeliness_table(lines: list[dict[str, Any]]) -> str:
    """What the lead-time chart cannot show: how many closed within the norm, how many are late now."""
    rows = "".join(
        f'<tr><th scope="row">{e(_name(line))}</th>'
        f'<td class="number">{number(line["closed"])}</td>'
        f'<td class="number">{_within(line)}</td>'
        f'<td class="number">{number(line["overdue_open"])}</td></tr>'
        for line in lines
    )
    return (
        '<div class="table-scroll" role="region" tabindex="0" aria-labelledby="timeliness-caption">'
        '<table class="figures"><caption id="timeliness-caption">Binnen de norm en te laat</caption><thead><tr>'
        '<th scope="col">Zaaktype</th><th scope="col" class="number">Gesloten</th>'
        '<th scope="col" class="number">Binnen de norm gesloten</th>'
        f'<th scope="col" class="number">Nu open en te laat</th></tr></thead><tbody>{rows}</tbody></table></div>'
    )


def _within(line: Mapping[str, Any]) -> str:
    within = line.get("closed_within_norm")
    if within is None:
        return "geen norm"
    if not line["closed"]:
        return number(within)
    return f"{number(within)} ({round(100 * within / line['closed'])}%)"


def report_sections(report: Mapping[str, Any], status_names: Mapping[str, Mapping[str, str]]) -> str:
    lines = list(report.get("case_types") or [])
    notifications = report.get("notifications") or {}
    fragments = "".join(
        f"<li>{e(label)}: {number(notifications[code].get('fragments'))} sms-delen</li>"
        for code, label in CHANNELS
        if code == "sms" and code in notifications
    )
    busy = [line for line in lines if line.get("open_now")]
    by_status = "".join(figure(status_chart(line, status_names.get(line["code"], {}))) for line in busy[:MOST])
    if len(busy) > MOST:
        by_status += f"<p>En {len(busy) - MOST} zaaktypen meer met open zaken: kies er een in het formulier.</p>"
    return (
        _section("cases", "Zaken", figure(cases_chart(lines), MOST))
        + _section(
            "lead-time",
            "Doorlooptijd en servicenorm",
            figure(lead_time_chart(lines), MOST, by=1) + timeliness_table(lines),
        )
        + _section("by-status", "Open zaken per status", by_status or "<p>Er zijn nu geen open zaken.</p>")
        + _section(
            "notifications",
            "Berichten",
            figure(notifications_chart(notifications)) + (f'<ul class="plain">{fragments}</ul>' if fragments else ""),
        )
    )


def _section(ident: str, title: str, content: str) -> str:
    return f'<section aria-labelledby="h-{ident}"><h2 id="h-{ident}">{e(title)}</h2>{content}</section>'


def overdue_table(
    overdue: Mapping[str, Any],
    case_type_names: Mapping[str, str],
    status_names: Mapping[str, Mapping[str, str]],
    linked: bool = True,
) -> str:
    """The late cases, each linked to the case look-up when the member may look cases up."""
    cases = list(overdue.get("cases") or [])
    if not cases:
        return '<p role="status">Er zijn geen open zaken over hun verwachte einddatum.</p>'
    rows = "".join(
        "<tr>"
        f'<th scope="row">{_case_link(case["case_id"]) if linked else e(case["case_id"])}</th>'
        f"<td>{e(case_type_names.get(case['case_type']) or case['case_type'])}</td>"
        f"<td>{e(status_names.get(case['case_type'], {}).get(case['current_status']) or case['current_status'])}</td>"
        f"<td>{e(_day(case['expected_end_date']))}</td>"
        f'<td class="number">{number(case["days_over"])}</td></tr>'
        for case in cases
    )
    total = overdue.get("total", len(cases))
    shown = f"De {len(cases)} langst verlopen van {total} zaken." if total > len(cases) else ""
    return (
        f"<p>{e(shown)}</p>"
        * bool(shown)
        + '<div class="table-scroll" role="region" tabindex="0" aria-labelledby="overdue-caption">'
        f'<table class="figures"><caption id="overdue-caption">Te late zaken ({number(total)})</caption>'
        '<thead><tr><th scope="col">Zaak</th><th scope="col">Zaaktype</th><th scope="col">Status</th>'
        '<th scope="col">Verwacht klaar</th><th scope="col" class="number">Dagen te laat</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def _case_link(case_id: str) -> str:
    return f'<a href="/console/cases?{e(urlencode({"case_id": case_id}))}">{e(case_id)}</a>'
