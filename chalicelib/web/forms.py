"""The citizen's one HTML form: reading it, and keeping other sites from submitting it.

Cross-site request forgery without cookies. There are no cookies, so a browser adds no
credential of its own to a forged request: the tracking token in the URL is the credential, and
whoever has it can change the preference directly anyway. What is left to stop is another site
making a citizen's browser submit the form (for instance a link preview, or a page that embeds
the tracking URL it saw in a referrer). Two checks that need neither cookies nor JavaScript:
1. the form carries a token only our page hands out: an HMAC of the tracking token and the time
   it was issued, under the service's token key (domain-separated), valid for a day. A site that
   does not have our page's HTML cannot produce it, and the same-origin policy stops it from
   reading the page;
2. browsers say where a request comes from in `Sec-Fetch-Site`; a cross-site POST is refused.
   (`Origin` is not used: with `Referrer-Policy: no-referrer` Chromium sends `Origin: null`.)
The JSON route needs neither: a cross-site `Content-Type: application/json` request needs a CORS
preflight, which this service never grants.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import urllib.parse
from typing import Any

from chalicelib.domain import clock
from chalicelib.web.http import body_of
from chalicelib.web.problems import BadRequest

MAX_FORM_BYTES = 4 * 1024
FORM_FIELDS = ("channel", "phone", "email", "language", "form_token")
FORM_TOKEN_TTL_S = 24 * 3600
FORM_TOKEN_SKEW_S = 300


def parse_form(request: Any) -> dict[str, str]:
    """An `application/x-www-form-urlencoded` body (what a browser sends without JavaScript).
    The first value of each known field counts; unknown fields are ignored, as browsers may add
    some."""
    raw = body_of(request, "application/x-www-form-urlencoded", MAX_FORM_BYTES)
    try:
        pairs = urllib.parse.parse_qsl(
            raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False, max_num_fields=20, errors="strict"
        )
    except (UnicodeDecodeError, ValueError):
        raise BadRequest("The form could not be read.") from None
    fields: dict[str, str] = {}
    for name, value in pairs:
        if name in FORM_FIELDS:
            fields.setdefault(name, value)
    return fields


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
