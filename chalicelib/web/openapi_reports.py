"""The OpenAPI paths of management information (contract-v2 §6), and the models they answer."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from chalicelib.domain.report_answers import Overdue, Report
from chalicelib.web.openapi_parts import ORG, errors, json_answer

ANSWERS: tuple[type[BaseModel], ...] = (Report, Overdue)


def _query(name: str, description: str, example: str | None = None) -> dict[str, Any]:
    param: dict[str, Any] = {
        "name": name,
        "in": "query",
        "required": False,
        "schema": {"type": "string"},
        "description": description,
    }
    if example is not None:
        param["example"] = example
    return param


CASE_TYPE = _query("case_type", "one case type's code (default: every case type); an unknown one is a 400", "klacht")


def report_paths() -> dict[str, Any]:
    return {
        "/v1/reports": {
            "get": {
                "operationId": "getReport",
                "security": ORG,
                "description": "Per case type: cases opened and closed in the period, open now per status, "
                "lead time p50/p90 in whole days (first event's Dutch date to the closing event's) against "
                "the service norm, closings within the norm, overdue open cases; notifications per channel. "
                "Read from counters kept as events and outcomes are written.",
                "parameters": [
                    CASE_TYPE,
                    _query("from", "first Dutch day, yyyy-mm-dd (default: 29 days before `to`)", "2026-11-01"),
                    _query("to", "last Dutch day, yyyy-mm-dd (default: today); at most 400 days", "2026-11-30"),
                ],
                "responses": {
                    "200": json_answer("Report", "The period's figures."),
                    **errors("400", "401"),
                },
            }
        },
        "/v1/reports/overdue": {
            "get": {
                "operationId": "getOverdueCases",
                "security": ORG,
                "description": "Open cases past their expected end date (the case's own, else its start plus "
                "the service norm), most overdue first; `total` counts them all.",
                "parameters": [CASE_TYPE, _query("limit", "how many to list, 1 to 1000 (default 100)", "100")],
                "responses": {
                    "200": json_answer("Overdue", "The overdue open cases."),
                    **errors("400", "401"),
                },
            }
        },
    }
