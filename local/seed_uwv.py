"""Demo data for key dates and results (seeded by `make run` with the rest of `seed.py`): UWV's
application for unemployment benefit (WW), with the four dates a WW applicant asks about, and the
decision as the case's result.

The applicant is told when the decision date or the first payment moves (`notify_on_change`);
the date of receipt and the expected first day of benefit are shown on the page only. Every text
with a placeholder that may be empty has a fallback, so `PUT /v1/case-types` warns of none.
"""

from __future__ import annotations

from typing import Any

from local.seed_parties import status


def _key_date(code: str, nl: str, en: str, notify: bool) -> dict[str, Any]:
    return {"code": code, "label": {"nl": nl, "en": en}, "notify_on_change": notify}


def _with_fallback(entry: dict[str, Any], nl: str, en: str) -> dict[str, Any]:
    return {**entry, "text_fallback": {"nl": nl, "en": en}}


UWV_WW: dict[str, Any] = {
    "name": "Aanvraag WW-uitkering",
    "public_name": {"nl": "Aanvraag WW-uitkering", "en": "Unemployment benefit (WW) application"},
    "service_norm_days": 56,
    "retention_days": 1825,
    "dates": [
        _key_date("aanvraag_ontvangen", "Aanvraag ontvangen", "Application received", False),
        _key_date("eerste_ww_dag", "Verwachte eerste WW-dag", "Expected first day of benefit", False),
        _key_date("beslissing_uiterlijk", "Beslissing uiterlijk", "Decision due by", True),
        _key_date("eerste_betaling", "Verwachte eerste betaling", "Expected first payment", True),
    ],
    "statuses": [
        _with_fallback(
            status(
                "ontvangen",
                "Aanvraag ontvangen",
                True,
                (
                    "We hebben uw aanvraag voor een WW-uitkering ontvangen. "
                    "U hoort uiterlijk ((dates.beslissing_uiterlijk)) of u een uitkering krijgt.",
                    "We have received your application for unemployment benefit. "
                    "You will hear by ((dates.beslissing_uiterlijk)) whether you will receive benefit.",
                ),
            ),
            "We hebben uw aanvraag voor een WW-uitkering ontvangen. "
            "U hoort uiterlijk ((case.expected_end_date)) of u een uitkering krijgt.",
            "We have received your application for unemployment benefit. "
            "You will hear by ((case.expected_end_date)) whether you will receive benefit.",
        ),
        status(
            "in_behandeling",
            "Aanvraag in behandeling",
            False,
            ("We beoordelen uw aanvraag.", "We are assessing your application."),
        ),
        status(
            "getoetst",
            "Recht op WW getoetst",
            False,
            ("Het recht op WW is getoetst.", "Entitlement has been checked."),
            public=False,
        ),
        _with_fallback(
            status(
                "besluit",
                "Besluit genomen",
                True,
                (
                    "We hebben besloten over uw aanvraag: ((result.text)) U krijgt de beslissing ook per post.",
                    "We have decided on your application: ((result.text)) You will also receive the decision by post.",
                ),
                final=True,
            ),
            "We hebben besloten over uw aanvraag. U krijgt de beslissing per post.",
            "We have decided on your application. You will receive the decision by post.",
        ),
    ],
}

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "org": {"id": "uwv", "name": "UWV", "email_from": "noreply@uwv.example", "sms_from": "UWV"},
        "case_types": {"ww": UWV_WW},
    },
]
