"""The OpenAPI paths of the console's report pages: HTML and CSV for a signed-in staff member
(the session cookie); without one each answers 303 to the sign-in page."""

from __future__ import annotations

from typing import Any

from chalicelib.web.openapi_parts import HTML

CSV = {"text/csv": {"schema": {"type": "string"}}}
SIGN_IN = {
    "description": "No live console session: to the sign-in page.",
    "headers": {"Location": {"schema": {"type": "string", "const": "/console"}}},
}


def _query(name: str, description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": {"type": "string"}, "description": description}


CASE_TYPE = _query("case_type", "one case type's code (default: every case type); an unknown one is named on the form")
PERIOD = [
    _query("from", "first Dutch day, yyyy-mm-dd (default: 29 days before `to`)"),
    _query("to", "last Dutch day, yyyy-mm-dd (default: today); at most 400 days"),
]
BAD = {"description": "A filter that cannot be used: the form, each error beside its field.", "content": HTML}


def _page(
    operation: str, description: str, parameters: list[dict[str, Any]], content: dict[str, Any]
) -> dict[str, Any]:
    return {
        "get": {
            "operationId": operation,
            "security": [],  # the console's session cookie, checked by the page itself
            "description": description,
            "parameters": parameters,
            "responses": {
                "200": {"description": "The page or download.", "content": content},
                "303": SIGN_IN,
                "400": BAD,
                "500": {"description": "A page that says something went wrong.", "content": HTML},
            },
        }
    }


def console_report_paths() -> dict[str, Any]:
    return {
        "/console/reports": _page(
            "consoleReportPage",
            "The report as charts (SVG) with a table of the same numbers beside each, and a filter form.",
            [CASE_TYPE, *PERIOD],
            HTML,
        ),
        "/console/reports.csv": _page(
            "consoleReportCsv",
            "The report as CSV: one row per case type with every figure, then one row per channel.",
            [CASE_TYPE, *PERIOD],
            CSV,
        ),
        "/console/overdue": _page(
            "consoleOverduePage", "The overdue open cases, each linked to the case look-up.", [CASE_TYPE], HTML
        ),
        "/console/overdue.csv": _page("consoleOverdueCsv", "The overdue open cases as CSV.", [CASE_TYPE], CSV),
    }
