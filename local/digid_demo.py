"""The DigiD demo of the local run: cases whose initiator is the stand-in's test citizen, in two
organisations, so that "Inloggen met DigiD" on /mijn-zaken has something to show. The local run
points the app at the loopback OIDC provider stand-in (`local/oidc_standin.py`)."""

from __future__ import annotations

import datetime as dt
import logging
import os

from local.demo import enabled
from local.driver import client_token, request
from local.oidc_standin import TEST_CITIZENS

log = logging.getLogger("local.digid_demo")
CITIZEN = "999993653"
CASES = {  # organisation -> (case id, case type, status)
    "hvc": ("HVC-DIGID-1", "klacht", "in_behandeling"),
    "odmh": ("ODMH-DIGID-1", "omgevingsvergunning", "intake_afgerond"),
}


def post(api: str, clients: dict[str, dict[str, str]]) -> list[str]:
    """Post the demo cases; the ids of those accepted."""
    if not enabled():
        return []
    posted = []
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    for org_id, (case_id, case_type, status) in CASES.items():
        client = clients.get(org_id)
        if not client:
            continue
        body = {
            "case": {"id": case_id, "case_type": case_type, "initiator": {"bsn": CITIZEN}},
            "status": status,
            "occurred_at": at,
            "subscriber": {"channel": "email", "email": "burger@example.org", "language": "nl"},
        }
        code, _ = request("POST", api + "/v1/events", client_token(client["client_id"], client["client_secret"]), body)
        if code == 202:
            posted.append(case_id)
        else:
            log.warning("DigiD demo case %s not posted: %s", case_id, code)
    return posted


def banner(api: str, posted: list[str]) -> str:
    issuer = os.environ.get("ZAAKSTATUS_OIDC_ISSUER", "")
    citizens = ", ".join(c["name"] for c in TEST_CITIZENS.values())
    shown = f"; {CITIZEN} sees {', '.join(posted)}" if posted else ""
    return (
        f"Inloggen met DigiD: open {api}/mijn-zaken and choose the test citizen at the OIDC stand-in\n"
        f"  ({issuer}): {citizens}{shown}.\n"
    )
