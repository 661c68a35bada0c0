"""An organisation on this deployment, and the credentials of its API clients."""

from __future__ import annotations

import datetime as dt

from chalicelib.domain.base import Domain
from chalicelib.domain.org_contact import Contact
from chalicelib.domain.sms_countries import DEFAULT_SMS_COUNTRIES
from chalicelib.domain.test_mode import Mode


class Organisation(Domain):
    id: str
    name: str
    email_from: str
    sms_from: str
    created_at: dt.datetime
    quiet_hours: bool = True  # no SMS in the quiet hours (Europe/Amsterdam); they wait for the morning
    sms_fragments: int = 3  # SMS budget in fragments; a longer text is shortened, link kept
    contact: Contact | None = None  # how citizens reach it: on the page and in e-mails
    sms_countries: tuple[str, ...] = DEFAULT_SMS_COUNTRIES  # whose mobile numbers it takes (ISO 3166)


class ClientCredentials(Domain):
    org_id: str
    client_id: str
    secret_encrypted: str  # Fernet token or base64 KMS ciphertext
    created_at: dt.datetime
    mode: Mode = "live"  # a test client's events and cases are its own (domain/test_mode.py)
