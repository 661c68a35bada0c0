"""Demo data for the local run, created through the public HTTP API as an operator and a case system would.

The series are status series in use at HVC, SVB, DCMR and Delfland (see docs/domain.md); the
organisations of the parties demo (Midden-Holland, Gouda, Zuid-Holland) are in `seed_parties.py`,
UWV's WW application with its key dates in `seed_uwv.py`.
"""

from __future__ import annotations

import time
from typing import Any

from local import seed_parties, seed_uwv
from local.driver import client_token, request


def _status(code: str, name: str, notify: bool, nl: str, en: str, final: bool = False) -> dict[str, Any]:
    status: dict[str, Any] = {"code": code, "name": name, "notify": notify, "text": {"nl": nl, "en": en}}
    if final:
        status["final"] = True
    return status


# The HVC complaint case type; docs/api.md (PUT /v1/case-types) shows it with one internal status added.
HVC_KLACHT = {
    "name": "Klacht afvalinzameling",
    "public_name": {"nl": "Klacht over afvalinzameling", "en": "Waste collection complaint"},
    "service_norm_days": 14,
    "retention_days": 365,
    "statuses": [
        {
            "code": "ontvangen",
            "name": "Klacht ontvangen",
            "notify": False,
            "text": {"nl": "We hebben uw klacht ontvangen."},
        },
        {
            "code": "in_behandeling",
            "name": "Zaak in behandeling genomen",
            "notify": True,
            "text": {
                "nl": "Uw klacht over ((case.description)) is in behandeling genomen.",
                "en": "Your complaint about ((case.description)) is being handled.",
            },
        },
        {
            "code": "opgeschort",
            "name": "Zaak opgeschort",
            "notify": True,
            "text": {"nl": "Uw klacht is opgeschort. Reden: ((status.explanation))"},
        },
        {
            "code": "afgehandeld",
            "name": "Zaak afgehandeld",
            "notify": True,
            "final": True,
            "text": {"nl": "Uw klacht is afgehandeld."},
        },
    ],
}

# How citizens reach HVC: on its pages and in its e-mails (the numbers and addresses are made up).
HVC_CONTACT = {
    "phone": "0800 0700",
    "email": "klantenservice@hvc.example",
    "url": "https://www.hvc.example/contact",
    "hours": {"nl": "maandag tot en met vrijdag van 8.00 tot 17.00 uur", "en": "Monday to Friday, 8:00 to 17:00"},
}

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "org": {
            "id": "hvc",
            "name": "HVC",
            "email_from": "noreply@hvc.example",
            "sms_from": "HVC",
            "contact": HVC_CONTACT,
        },
        "case_types": {"klacht": HVC_KLACHT},
    },
    {
        "org": {"id": "svb", "name": "SVB", "email_from": "noreply@svb.example", "sms_from": "SVB"},
        "case_types": {
            "aanvraag-aow": {
                "name": "Aanvraag AOW",
                "public_name": {"nl": "Aanvraag AOW-pensioen", "en": "State pension (AOW) application"},
                "service_norm_days": 28,
                "retention_days": 730,
                "statuses": [
                    _status(
                        "ontvangen",
                        "Aanvraag ontvangen",
                        True,
                        "We hebben uw aanvraag voor AOW ontvangen. "
                        "U hoort uiterlijk ((case.expected_end_date)) van ons.",
                        "We have received your AOW application. You will hear from us by ((case.expected_end_date)).",
                    ),
                    _status(
                        "in_behandeling",
                        "Aanvraag in behandeling",
                        False,
                        "Uw aanvraag is in behandeling.",
                        "Your application is being processed.",
                    ),
                    _status(
                        "verwerkt",
                        "Aanvraag verwerkt",
                        True,
                        "Uw aanvraag is verwerkt. U ontvangt de beslissing per post.",
                        "Your application has been processed. You will receive the decision by post.",
                        final=True,
                    ),
                ],
            }
        },
    },
    {
        "org": {
            "id": "dcmr",
            "name": "DCMR Milieudienst Rijnmond",
            "email_from": "noreply@dcmr.example",
            "sms_from": "DCMR",
        },
        "case_types": {
            "inspectie": {
                "name": "Uitvoeren inspectie",
                "public_name": {"nl": "Inspectie", "en": "Inspection"},
                "service_norm_days": 56,
                "retention_days": 1825,
                "statuses": seed_parties.with_business_texts(
                    [
                        _status(
                            "gepland",
                            "Inspectie gepland",
                            True,
                            "De inspectie is gepland.",
                            "The inspection has been planned.",
                        ),
                        _status(
                            "uitgevoerd",
                            "Inspectie uitgevoerd",
                            False,
                            "De inspectie is uitgevoerd.",
                            "The inspection has been carried out.",
                        ),
                        _status(
                            "bevindingen",
                            "Bevindingen vastgesteld",
                            True,
                            "De bevindingen van de inspectie zijn vastgesteld. ((status.explanation))",
                            "The findings of the inspection have been established. ((status.explanation))",
                        ),
                        _status(
                            "afgesloten",
                            "Zaak afgesloten",
                            True,
                            "De inspectie is afgesloten.",
                            "The inspection has been closed.",
                            final=True,
                        ),
                    ],
                    seed_parties.DCMR_INSPECTIE_BUSINESS,
                ),
            },
            "vergunning": seed_parties.DCMR_VERGUNNING,
        },
    },
    {
        "org": {
            "id": "delfland",
            "name": "Hoogheemraadschap van Delfland",
            "email_from": "noreply@delfland.example",
            "sms_from": "Delfland",
        },
        "case_types": {
            "melding": {
                "name": "Afhandelen melding",
                "public_name": {"nl": "Melding", "en": "Incident report"},
                "service_norm_days": 10,
                "retention_days": 365,
                "statuses": [
                    _status(
                        "ontvangen",
                        "Melding ontvangen",
                        True,
                        "We hebben uw melding over ((case.description)) ontvangen.",
                        "We have received your report about ((case.description)).",
                    ),
                    _status(
                        "intake",
                        "Intake afgerond",
                        False,
                        "We hebben uw melding beoordeeld en gaan ermee aan de slag.",
                        "We have assessed your report and are working on it.",
                    ),
                    _status(
                        "afgesloten",
                        "Zaak afgesloten",
                        True,
                        "Uw melding is afgehandeld. ((status.explanation))",
                        "Your report has been dealt with. ((status.explanation))",
                        final=True,
                    ),
                ],
            }
        },
    },
    *seed_parties.ORGANISATIONS,
    *seed_uwv.ORGANISATIONS,
]


def sender_addresses() -> list[str]:
    return [o["org"]["email_from"] for o in ORGANISATIONS]


class SeedError(RuntimeError):
    pass


def wait_until_healthy(api: str, timeout: float = 30, stop: Any = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if stop is not None and stop.is_set():
            raise SeedError("stopped")
        try:
            if request("GET", api + "/health", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SeedError("the API did not answer GET /health with 200")


def seed(api: str, admin_token: str) -> dict[str, dict[str, str]]:
    """Create the demo organisations and case types; return {org id: {client_id, client_secret}}."""
    clients: dict[str, dict[str, str]] = {}
    for entry in ORGANISATIONS:
        org = entry["org"]
        status, answer = request("POST", api + "/v1/admin/organisations", admin_token, org)
        if status == 409:
            continue  # from an earlier seed into the same store; its secret was shown then
        if status != 201:
            raise SeedError(f"POST /v1/admin/organisations ({org['id']}) answered {status}: {answer}")
        clients[org["id"]] = {"client_id": answer["client_id"], "client_secret": answer["client_secret"]}
        token = client_token(answer["client_id"], answer["client_secret"])
        for code, case_type in entry["case_types"].items():
            status, answer = request("PUT", f"{api}/v1/case-types/{code}", token, case_type)
            if status not in (200, 201):
                raise SeedError(f"PUT /v1/case-types/{code} ({org['id']}) answered {status}: {answer}")
    _allow_partners(api, clients)
    return clients


def _allow_partners(api: str, clients: dict[str, dict[str, str]]) -> None:
    """Each organisation allows its sub-case partners (once every organisation exists)."""
    for entry in ORGANISATIONS:
        org_id = entry["org"]["id"]
        if org_id not in clients:
            continue  # seeded earlier; its partners were allowed then
        token = client_token(clients[org_id]["client_id"], clients[org_id]["client_secret"])
        for partner in entry.get("partners", []):
            status, answer = request("PUT", f"{api}/v1/partners/{partner}", token, {"subcases": True})
            if status != 200:
                raise SeedError(f"PUT /v1/partners/{partner} ({org_id}) answered {status}: {answer}")
