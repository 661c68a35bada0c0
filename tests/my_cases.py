"""A citizen's "Mijn zaken" through the app, as a person would: cases of several organisations,
a sign-in link read back from the e-mail (moto's SES) or the SMS (the Twilio stand-in), the
session cookie. Shared by the functional and browser tests."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from tests.builders import HVC_CASE_TYPE, event_body
from tests.console import FORM, cookie_of
from tests.mail import parts, sent_mails

LINK = re.compile(r"https?://[^\s/]+(/mijn-zaken/login/[A-Za-z0-9_-]+)")
CITIZEN = "jan.jansen@example.nl"
CITIZEN_PHONE = "+31612340001"
OTHER = "piet@example.nl"


def organisation(harness: Any, org_id: str) -> dict[str, Any]:
    creds = harness.create_organisation(org_id, sms_from=org_id.upper()[:11])
    assert harness.request("PUT", "/v1/case-types/klacht", creds, copy.deepcopy(HVC_CASE_TYPE)).status_code == 201
    return creds


def case(
    harness: Any,
    creds: dict[str, Any],
    case_id: str,
    status: str = "in_behandeling",
    *,
    email: str | None = None,
    phone: str | None = None,
    **case_extra: Any,
) -> None:
    """A case whose initiator hears by e-mail (or SMS, or not at all)."""
    subscriber: dict[str, Any] | None = None
    if email:
        subscriber = {"channel": "email", "email": email, "language": "nl"}
    elif phone:
        subscriber = {"channel": "sms", "phone": phone, "language": "nl"}
    body = event_body(status)
    body["case"] = {**body["case"], "id": case_id, **case_extra}
    if subscriber is None:
        del body["subscriber"]
    else:
        body["subscriber"] = subscriber
    response = harness.request("POST", "/v1/events", creds, body)
    assert response.status_code in (200, 201, 202), response.body


def ask_link(harness: Any, **address: str) -> Any:
    return harness.client.http.post(
        "/v1/me/sign-in", headers={"Content-Type": "application/json"}, body=json.dumps(address)
    )


def links_mailed_to(email: str) -> list[str]:
    found = []
    for _, mail in sent_mails():
        if mail["To"] == email:
            found.extend(LINK.findall(parts(mail)[0]))
    return found


def links_texted_to(harness: Any, phone: str) -> list[str]:
    return [p for m in harness.standin.messages if m["to"] == phone for p in LINK.findall(m["body"])]


def use_link(harness: Any, path: str, **headers: str) -> Any:
    return harness.client.http.post(path, headers={**FORM, **headers}, body="")


def sign_in(harness: Any, email: str = CITIZEN) -> str:
    """Ask for a link, use the newest one: the Cookie header value of the session."""
    assert ask_link(harness, email=email).status_code == 202
    response = use_link(harness, links_mailed_to(email)[-1])
    assert response.status_code == 303, response.body
    return cookie_of(response)


def my_cases(harness: Any, cookie: str | None) -> Any:
    return harness.client.http.get("/v1/me/cases", headers={"Cookie": cookie} if cookie else {})


def case_ids(harness: Any, cookie: str) -> list[str]:
    response = my_cases(harness, cookie)
    assert response.status_code == 200, response.body
    return [c["case_id"] for c in response.json_body["cases"]]
