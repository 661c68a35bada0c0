"""Citizen self-service: the citizen changes how (and whether) they hear about their case.

The tracking token is the only credential. A change is stored as a `SubscriberChange` with
origin "citizen", next to the organisation's changes; the worker reads the newest one when it
sends, so a change governs the very next notification.

Rules (one place for the page form and for `PUT /v1/track/{token}/preferences`):
- `channel` is required; `phone`/`email` left empty keep what is stored, so a citizen never has
  to see or retype their full number (the page shows it masked only).
- Only the contact detail the chosen channel needs is kept (data minimisation): choosing e-mail
  drops the stored phone number, choosing "website only" or "nothing" drops both.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import urllib.parse
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chalicelib import clock, retention, tracking
from chalicelib.cases import masked
from chalicelib.models.domain import Subscriber, SubscriberChange
from chalicelib.models.inbound import LANGUAGE, Channel, normalise_email, normalise_mobile
from chalicelib.http import body_of
from chalicelib.problems import BadRequest
from chalicelib.wiring import Services

CHANNELS = ("sms", "email", "portal", "none")
LANGUAGES = ("nl", "en")
MAX_FORM_BYTES = 4 * 1024
FORM_FIELDS = ("channel", "phone", "email", "language", "form_token")

# Reasons for API clients, by code; the page has its own words per language for each code.
REASONS = {
    "channel.missing": "choose one of sms, email, portal, none",
    "phone.missing": "channel 'sms' needs a mobile number",
    "phone.invalid": "is not a valid mobile number",
    "email.missing": "channel 'email' needs an e-mail address",
    "email.invalid": "is not a valid e-mail address",
    "language.invalid": "choose one of nl, en",
    "form.expired": "the form has expired or was not sent from this page; try again",
}


class PreferencesIn(BaseModel):
    """The JSON body of `PUT /v1/track/{token}/preferences`; empty contact fields keep the stored ones."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    channel: Channel
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=254)
    language: str | None = Field(default=None, pattern=LANGUAGE)


class InvalidPreferences(BadRequest):
    """A 400 whose fields carry codes, so the page can word them in the reader's language."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors  # field -> code
        params = [{"name": name, "reason": REASONS[code]} for name, code in errors.items()]
        super().__init__(f"The preferences have invalid fields: {', '.join(errors)}.", params)


def change(svc: Services, token: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Validate and store the citizen's preference; returns it masked. NotFound for a bad token."""
    t = tracking.find(svc, token)
    current = t.case.subscriber
    subscriber = _validated(fields, current)
    # On a closed case the change expires with the case's other items (chalicelib/retention.py).
    expires_at = retention.expiry_of(t.case, t.case_type)
    change = SubscriberChange(subscriber=subscriber, at=clock.now(), origin="citizen", expires_at=expires_at)
    svc.store.add_subscriber_change(t.org.id, t.case.id, change)
    return masked(subscriber)


def _validated(fields: dict[str, Any], current: Subscriber | None) -> Subscriber:
    errors: dict[str, str] = {}
    channel = (fields.get("channel") or "").strip()
    if channel not in CHANNELS:
        errors["channel"] = "channel.missing"
    language = (fields.get("language") or "").strip() or (current.language if current else "nl")
    if language not in LANGUAGES and not (current and language == current.language):
        errors["language"] = "language.invalid"

    phone = email = None
    if channel == "sms":
        phone = _contact(fields.get("phone"), current.phone if current else None, normalise_mobile, "phone", errors)
    if channel == "email":
        email = _contact(fields.get("email"), current.email if current else None, normalise_email, "email", errors)
    if errors:
        raise InvalidPreferences(errors)
    return Subscriber(channel=channel, phone=phone, email=email, language=language)


def _contact(raw: Any, stored: str | None, normalise, name: str, errors: dict[str, str]) -> str | None:
    value = (raw or "").strip() if isinstance(raw, str) or raw is None else None
    if value is None:
        errors[name] = f"{name}.invalid"
        return None
    if not value:
        if stored:
            return stored
        errors[name] = f"{name}.missing"
        return None
    try:
        return normalise(value)
    except ValueError:
        errors[name] = f"{name}.invalid"
        return None


def parse_form(request: Any) -> dict[str, str]:
    """An `application/x-www-form-urlencoded` body (what a browser sends without JavaScript).

    `http.parse` speaks JSON only; this is its small counterpart for the one HTML form. The first
    value of each known field counts; unknown fields are ignored, as browsers may add some.
    """
    raw = body_of(request, "application/x-www-form-urlencoded", MAX_FORM_BYTES)
    try:
        text = raw.decode("utf-8")
        pairs = urllib.parse.parse_qsl(text, keep_blank_values=True, strict_parsing=False,
                                       max_num_fields=20, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise BadRequest("The form could not be read.") from None
    fields: dict[str, str] = {}
    for name, value in pairs:
        if name in FORM_FIELDS:
            fields.setdefault(name, value)
    return fields


# --- Cross-site request forgery ---------------------------------------------------------------
# There are no cookies, so a browser adds no credential of its own to a forged request: the
# tracking token in the URL is the credential, and whoever has it can change the preference
# directly anyway. What is left to stop is another site making a citizen's browser submit the
# form (for instance a link-preview or a page that embeds the tracking URL it saw in a referrer).
# Two checks that need neither cookies nor JavaScript:
# 1. the form carries a token only our page hands out: an HMAC of the tracking token and the
#    time it was issued, under the service's token key (domain-separated), valid for a day. A
#    site that does not have our page's HTML cannot produce it, and same-origin policy stops it
#    from reading the page.
# 2. browsers say where a request comes from in `Sec-Fetch-Site`; a cross-site POST is refused.
#    (`Origin` is not used: with `Referrer-Policy: no-referrer` Chromium sends `Origin: null`.)
# The JSON route needs neither: a cross-site `Content-Type: application/json` request needs a
# CORS preflight, which this service never grants.
FORM_TOKEN_TTL_S = 24 * 3600
FORM_TOKEN_SKEW_S = 300


def form_token(key: str, token: str, issued: int | None = None) -> str:
    issued = int(clock.now().timestamp()) if issued is None else issued
    return f"{issued}.{_mac(key, token, issued)}"


def form_token_valid(key: str, token: str, value: str | None) -> bool:
    issued_text, dot, mac = (value or "").partition(".")
    if not dot or not issued_text.isdigit():
        return False
    issued = int(issued_text)
    age = clock.now().timestamp() - issued
    if age > FORM_TOKEN_TTL_S or age < -FORM_TOKEN_SKEW_S:
        return False
    return hmac.compare_digest(mac, _mac(key, token, issued))


def _mac(key: str, token: str, issued: int) -> str:
    digest = hmac.new(key.encode(), f"preferences-form\0{token}\0{issued}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:16]).rstrip(b"=").decode()


def cross_site(headers: Any) -> bool:
    return (headers.get("sec-fetch-site") or "").lower() in ("cross-site", "same-site")
