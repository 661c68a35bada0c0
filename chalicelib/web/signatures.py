"""Webhook callers proven before anything is read from their message: Twilio's status callbacks
carry `X-Twilio-Signature`, an HMAC of the exact public URL it called and the form."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from chalicelib.domain.errors import Forbidden
from chalicelib.domain.links import TWILIO_STATUS_PATH, referenced, status_callback_url
from chalicelib.domain.messages import NotificationRef
from chalicelib.web.problems import BadRequest

MAX_FORM_BYTES = 16 * 1024


def twilio_callback(
    public_url: str, auth_token: str, query: dict[str, str], raw_body: bytes, signature: str | None
) -> tuple[NotificationRef | None, dict[str, str]]:
    """The notification a signed Twilio callback is about (None when its URL names none) and its
    form; Forbidden when the signature is missing or wrong."""
    ref = referenced(query)
    # The exact public URL Twilio called: the one we gave it, rebuilt from our own reference.
    if ref is not None and set(query) == {"o", "c", "e"}:
        url = status_callback_url(public_url, ref)
    else:
        url = f"{public_url}{TWILIO_STATUS_PATH}" + (f"?{urlencode(query)}" if query else "")
    form = parse_form(raw_body)
    verify_twilio(auth_token, url, form, signature)
    return ref, form


def parse_form(raw: bytes) -> dict[str, str]:
    """application/x-www-form-urlencoded, as Twilio posts it (one value per name)."""
    if len(raw) > MAX_FORM_BYTES:
        raise BadRequest("The form is too large.")
    try:
        return dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False))
    except UnicodeDecodeError:
        raise BadRequest("The form is not UTF-8.") from None


def verify_twilio(auth_token: str, url: str, form: dict[str, str], signature: str | None) -> None:
    # twilio.request_validator is light (hmac, base64): it does not pull in twilio.rest.
    from twilio.request_validator import RequestValidator

    if not signature or not RequestValidator(auth_token).validate(url, form, signature):
        raise Forbidden("The request is not signed by Twilio.")
