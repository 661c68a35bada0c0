"""Builders for the documents' tests: Gemeente Raalte's permit (its case file shown to the
applicant, also after the decision, until retention ends) and small files of each type."""

from __future__ import annotations

import copy
from typing import Any

RAALTE = "raalte"
RAALTE_CASE = "RAALTE-2026-0042"
RAALTE_PERMIT: dict[str, Any] = {
    "name": "Omgevingsvergunning",
    "public_name": {"nl": "Aanvraag omgevingsvergunning", "en": "Environmental permit application"},
    "service_norm_days": 56,
    "retention_days": 30,
    "notify_documents": True,
    "statuses": [
        {
            "code": "ontvangen",
            "name": "Aanvraag ontvangen",
            "notify": True,
            "text": {"nl": "We hebben uw aanvraag ontvangen.", "en": "We have received your application."},
        },
        {
            "code": "besluit",
            "name": "Besluit genomen",
            "notify": True,
            "final": True,
            "text": {"nl": "We hebben een besluit genomen.", "en": "We have made a decision."},
        },
    ],
}

# The smallest files whose first bytes say what they are; the rest is filler.
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 16 + b"\xff\xd9"

DECISION: dict[str, Any] = {
    "title": "Besluit op uw aanvraag",
    "type": "besluit",
    "date": "2026-12-01",
    "confidentiality": "zaakvertrouwelijk",
}


def permit(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(RAALTE_PERMIT)
    data.update(changes)
    return data


def raalte_event(status: str = "ontvangen", at: str = "2026-11-02T10:00:00+01:00", **extra: Any) -> dict[str, Any]:
    """An event of Raalte's permit, the applicant told by e-mail."""
    body: dict[str, Any] = {
        "case": {"id": RAALTE_CASE, "case_type": "omgevingsvergunning", "description": "dakkapel"},
        "status": status,
        "occurred_at": at,
        "subscriber": {"channel": "email", "email": "aanvrager@example.nl", "language": "nl"},
    }
    body.update(extra)
    return body


def document(**changes: Any) -> dict[str, Any]:
    return {**DECISION, **changes}
