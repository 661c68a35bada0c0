"""The staff console in the local run: demo staff registered by the operator, and how to sign in.
The addresses are not secret (example.* domains); the sign-in link arrives in `/dev/outbox`."""

from __future__ import annotations

import logging

from local.driver import request

log = logging.getLogger("local")
STAFF = (
    ("hvc", "beheer@hvc.example", "admin"),
    ("hvc", "klantcontact@hvc.example", "agent"),
    ("gouda", "beheer@hvc.example", "viewer"),  # staff of two organisations: a link for each
)


def seed_staff(api: str, admin_token: str) -> None:
    for org_id, email, role in STAFF:
        status, answer = request(
            "PUT", f"{api}/v1/admin/organisations/{org_id}/staff/{email}", admin_token, {"role": role}
        )
        if status not in (200, 201):
            log.error("PUT staff %s of %s answered %s: %s", role, org_id, status, answer)


def banner(api: str) -> str:
    return (
        f"Staff console: open {api}/console, sign in as beheer@hvc.example (admin of HVC, viewer of Gouda)\n"
        "or klantcontact@hvc.example (agent of HVC); the sign-in link is in the e-mail in "
        f"{api}/dev/outbox.\nThen look up case HVC-DEMO-2 under 'Zaak zoeken'.\n"
    )
