"""Signing in to the staff console through the app, as a person would: the operator registers
the address, the person asks for a link, reads it from the e-mail (moto's SES) and uses it.
Shared by the console's tests (sign-in, case look-up, case types, reports, the isolation matrix):
`harness` is anything with a chalice test `client` (the harness, or the security world)."""

from __future__ import annotations

import json
import re
import urllib.parse
from typing import Any

from tests.harness import ADMIN
from tests.mail import parts, sent_mails

LINK = re.compile(r"https?://[^\s/]+(/console/login/[A-Za-z0-9_-]+)")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def register_staff(harness: Any, org_id: str, email: str, role: str = "admin") -> Any:
    path = f"/v1/admin/organisations/{org_id}/staff/{urllib.parse.quote(email, safe='@')}"
    return harness.client.http.put(path, headers=ADMIN, body=json.dumps({"role": role}))


def links_sent_to(email: str) -> list[str]:
    """The paths of the sign-in links e-mailed to `email`, oldest first."""
    found = []
    for _, mail in sent_mails():
        if mail["To"] == email:
            found.extend(LINK.findall(parts(mail)[0]))
    return found


def post_form(harness: Any, path: str, fields: dict[str, str], cookie: str | None = None, **headers: str) -> Any:
    sent = {**FORM, **({"Cookie": cookie} if cookie else {}), **headers}
    return harness.client.http.post(path, headers=sent, body=urllib.parse.urlencode(fields))


def get(harness: Any, path: str, cookie: str | None = None) -> Any:
    return harness.client.http.get(path, headers={"Cookie": cookie} if cookie else {})


def ask_link(harness: Any, email: str) -> Any:
    return post_form(harness, "/console/sign-in", {"email": email})


def use_link(harness: Any, path: str) -> Any:
    return post_form(harness, path, {})


def cookie_of(response: Any) -> str:
    """`zs_console=<value>` from a response's Set-Cookie."""
    return str(response.headers["Set-Cookie"]).split(";", 1)[0]


def sign_in(harness: Any, org_id: str, email: str, role: str = "admin", org_name: str | None = None) -> str:
    """Register `email` as staff of `org_id` and sign in: the Cookie header value of the session.
    (`org_name` picks the organisation's link when the address is staff of several; the harness
    names an organisation after its id in capitals.)"""
    assert register_staff(harness, org_id, email, role).status_code in (200, 201)
    assert ask_link(harness, email).status_code == 200
    response = use_link(harness, latest_link(harness, email, org_name or org_id.upper()))
    assert response.status_code == 303, response.body
    return cookie_of(response)


def latest_link(harness: Any, email: str, org_name: str) -> str:
    """Of the links last sent to `email`, the one whose page signs in to `org_name`."""
    for path in reversed(links_sent_to(email)):
        if f"Aanmelden bij {org_name}<" in get(harness, path).body.decode():
            return path
    raise AssertionError(f"no link to {org_name} was sent")


def csrf_of(page: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', page)
    assert match, "the page has no CSRF field"
    return match.group(1)
