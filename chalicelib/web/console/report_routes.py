"""The console's reports: `GET /console/reports` (charts with tables), `/console/overdue` (the late
cases, each linked to the case look-up), and each as a CSV download (`.csv`, the same filters).

Every role may read them. The figures come from the same service functions as `GET /v1/reports`
and `/v1/reports/overdue`, for the signed-in member's organisation only. The reports' service,
views and CSV are imported by the routes that use them: every cold start would pay for them.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape as e
from typing import Any

from chalice import Response

from chalicelib.domain.errors import InvalidFields
from chalicelib.domain.staff import StaffSession
from chalicelib.services import case_types, console_cases
from chalicelib.services.deps import Deps
from chalicelib.web.console.handling import console_handled
from chalicelib.web.console.layout import console_page, html_response
from chalicelib.web.console.report_form import LABELS, Filters, error_summary, filter_form, read_filters
from chalicelib.web.console.session import signed_in
from chalicelib.web.http import ThreadSafeChalice

SECTION = "/console/reports"


class Names:
    """What the organisation calls its case types and their statuses, for labels (codes otherwise)."""

    def __init__(self, deps: Deps, org_id: str) -> None:
        listed = case_types.list_all(deps, org_id).case_types
        self.case_types = {c.code: c.name for c in listed}
        self.statuses = {c.code: {s.code: s.name for s in c.statuses} for c in listed}


def add_console_report_routes(app: ThreadSafeChalice, deps: Callable[[], Deps], **json: Any) -> None:
    def read() -> tuple[StaffSession, Names, Filters]:
        request = app.current_request
        staff = signed_in(deps(), request)
        names = Names(deps(), staff.org_id)
        return staff, names, read_filters(request.query_params, set(names.case_types))

    @app.route("/console/reports", methods=["GET"], **json)
    @console_handled
    def console_reports() -> Response:
        from chalicelib.web.console.report_views import period, report_sections

        staff, names, filters = read()
        try:
            answer = _report(deps(), staff, filters)
        except InvalidFields as problem:
            return _form_again(staff, names, filters, problem)
        links = (
            f'<p class="report-links"><a href="/console/reports.csv{e(filters.query())}" download>'
            "Download deze rapportage als CSV</a> · "
            f'<a href="/console/overdue{e(filters.query("case_type"))}">Te late zaken</a></p>'
        )
        body = (
            _top(filters, names)
            + f'<p class="period">Periode: {e(period(answer))}.</p>{links}'
            + report_sections(answer, names.statuses)
        )
        return html_response(console_page("Rapportage", body, staff=staff, current=SECTION))

    @app.route("/console/reports.csv", methods=["GET"], **json)
    @console_handled
    def console_reports_csv() -> Response:
        from chalicelib.web.console import report_csv

        staff, names, filters = read()
        try:
            answer = _report(deps(), staff, filters)
        except InvalidFields as problem:
            return _form_again(staff, names, filters, problem)
        name = f"rapportage-{answer['from']}-{answer['to']}.csv"
        return Response(body=report_csv.report_csv(answer), status_code=200, headers=report_csv.attachment(name))

    @app.route("/console/overdue", methods=["GET"], **json)
    @console_handled
    def console_overdue() -> Response:
        from chalicelib.services import reports
        from chalicelib.web.console.report_views import overdue_table

        staff, names, filters = read()
        if "case_type" in filters.errors:
            return _form_again(staff, names, filters, None, dates=False)
        answer = reports.overdue(deps(), staff.org_id, filters.case_type).model_dump(mode="json")
        linked = console_cases.may_look_up(staff)
        body = (
            "<h1>Te late zaken</h1>"
            "<p>Open zaken die over hun verwachte einddatum zijn, de langst verlopen eerst."
            + (" Kies een zaak om haar status, geschiedenis en berichten te zien." if linked else "")
            + "</p>"
            + filter_form(filters, names.case_types, "/console/overdue", dates=False)
            + f'<p class="report-links"><a href="/console/overdue.csv{e(filters.query("case_type"))}" download>'
            "Download deze lijst als CSV</a> · "
            '<a href="/console/reports">Terug naar de rapportage</a></p>'
            + overdue_table(answer, names.case_types, names.statuses, linked)
        )
        return html_response(console_page("Te late zaken", body, staff=staff, current=SECTION))

    @app.route("/console/overdue.csv", methods=["GET"], **json)
    @console_handled
    def console_overdue_csv() -> Response:
        from chalicelib.services import reports
        from chalicelib.web.console import report_csv

        staff, names, filters = read()
        if "case_type" in filters.errors:
            return _form_again(staff, names, filters, None, dates=False)
        answer = reports.overdue(deps(), staff.org_id, filters.case_type).model_dump(mode="json")
        headers = report_csv.attachment("te-late-zaken.csv")
        return Response(body=report_csv.overdue_csv(answer), status_code=200, headers=headers)


def _report(deps: Deps, staff: StaffSession, filters: Filters) -> dict[str, Any]:
    """The report as `GET /v1/reports` answers it; InvalidFields for filters it cannot use."""
    from chalicelib.services import reports

    if filters.errors:
        raise InvalidFields("The filters are not valid.", [])
    start, end = reports.period(filters.raw["from"] or None, filters.raw["to"] or None)
    return reports.report(deps, staff.org_id, filters.case_type, start, end).json_body()


def _top(filters: Filters, names: Names) -> str:
    return (
        "<h1>Rapportage</h1>"
        + error_summary(filters.errors)
        + "<p>Kies een zaaktype en een periode. Zonder keuze ziet u alle zaaktypen over de laatste 30 dagen.</p>"
        + filter_form(filters, names.case_types)
    )


def _form_again(
    staff: StaffSession, names: Names, filters: Filters, problem: InvalidFields | None, dates: bool = True
) -> Response:
    """The form with each error beside its field (the service's own reasons too), and no figures."""
    errors = dict(filters.errors)
    for field in problem.fields if problem else []:
        errors.setdefault(field.name if field.name in LABELS else "from", _dutch(field.name, field.reason))
    again = Filters(filters.raw, filters.case_type, filters.start, filters.end, errors)
    title = "Rapportage" if dates else "Te late zaken"
    action = "/console/reports" if dates else "/console/overdue"
    body = f"<h1>{title}</h1>" + error_summary(errors) + filter_form(again, names.case_types, action, dates=dates)
    return html_response(console_page(title, body, staff=staff, current=SECTION), 400)


def _dutch(name: str, reason: str) -> str:
    """The service's reasons (in the API's English) as the console says them."""
    from chalicelib.services import reports

    if name == "to" and "at most" in reason:
        return f"Kies een periode van ten hoogste {reports.MAX_DAYS} dagen."
    if name in ("from", "to"):
        return "Vul een datum in als jaar-maand-dag, bijvoorbeeld 2026-11-01."
    return "Kies een zaaktype uit de lijst."
