"""Provider receipts: Twilio status callbacks and SES events move a notification on.

Both find the notification by a reference we gave the provider with the message: the status
callback URL's query (`o`, `c`, `e`: organisation, case and event key; no PII) for Twilio, the
`X-Zaakstatus-Ref` header (the same query) for SES. Receipts never send anything except a
fallback on the other channel after a permanent failure, and they only move a notification
forward: a late "sent" never undoes "delivered", a receipt for another provider message
(after a fallback) changes nothing.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qsl, urlencode

from chalicelib import caps
from chalicelib.models.domain import State
from chalicelib.problems import BadRequest, Forbidden
from chalicelib.wiring import Services

log = logging.getLogger(__name__)
TWILIO_STATUS_PATH = "/v1/webhooks/twilio/status"
MAX_FORM_BYTES = 16 * 1024
AFTER_SEND = (State.SENDING, State.SENT, State.TECHNICAL_FAILURE)
REF_HEADER = "X-Zaakstatus-Ref"


def reference(org_id: str, case_id: str, event_key: str) -> str:
    return urlencode([("o", org_id), ("c", case_id), ("e", event_key)])


def status_callback_url(public_url: str, org_id: str, case_id: str, event_key: str) -> str:
    return f"{public_url}{TWILIO_STATUS_PATH}?{reference(org_id, case_id, event_key)}"


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


def twilio_status(svc: Services, query: dict[str, str], raw_body: bytes, signature: str | None) -> str:
    """Handle one Twilio status callback; returns an outcome word. Raises Forbidden (403)."""
    keys = (query.get("o"), query.get("c"), query.get("e"))
    # The exact public URL Twilio called: the one we gave it, rebuilt from our own reference.
    url = (
        status_callback_url(svc.settings.public_url, *keys)
        if all(keys) and set(query) == {"o", "c", "e"}
        else f"{svc.settings.public_url}{TWILIO_STATUS_PATH}" + (f"?{urlencode(query)}" if query else "")
    )
    form = parse_form(raw_body)
    verify_twilio(svc.settings.twilio_auth_token, url, form, signature)
    if not all(keys):
        return "unknown"
    status, sid = form.get("MessageStatus", ""), form.get("MessageSid", "")
    if status == "delivered":
        return delivered(svc, keys, sid, "sms")
    if status in ("accepted", "queued", "sending", "sent"):
        return _advance(svc, keys, sid, "sms", (State.SENDING,), State.SENT)
    if status in ("undelivered", "failed"):
        code = "".join(ch for ch in form.get("ErrorCode", "") if ch.isdigit())[:8]
        return failed(svc, keys, sid, "sms", f"twilio-{code or status}")
    return "ignored"


def ses_event(svc: Services, event: dict[str, Any]) -> str:
    """Handle one SES event (event publishing or identity notification) from SNS."""
    kind = event.get("eventType") or event.get("notificationType") or ""
    mail = event.get("mail") or {}
    ref = next((h.get("value", "") for h in mail.get("headers", []) if h.get("name") == REF_HEADER), "")
    query = dict(parse_qsl(ref))
    keys = (query.get("o"), query.get("c"), query.get("e"))
    if not all(keys):
        return "unknown"
    sid = mail.get("messageId", "")
    if kind == "Delivery":
        return delivered(svc, keys, sid, "email")
    if kind == "Bounce":
        bounce = event.get("bounce") or {}
        if bounce.get("bounceType") == "Permanent":
            _suppress(svc, keys[0], [r.get("emailAddress", "") for r in bounce.get("bouncedRecipients", [])], "bounce")
            return failed(svc, keys, sid, "email", "ses-bounce")
        return failed(svc, keys, sid, "email", "ses-soft-bounce")
    if kind == "Complaint":
        complaint = event.get("complaint") or {}
        _suppress(svc, keys[0], [r.get("emailAddress", "") for r in complaint.get("complainedRecipients", [])], "complaint")
        return "suppressed-address"
    return "ignored"


def _suppress(svc: Services, org_id: str, addresses: list[str], reason: str) -> None:
    for address in filter(None, addresses):
        svc.store.suppress_address(org_id, caps.address_hash(svc.settings.token_key, address), reason)


def _notification(svc: Services, keys: tuple[str, str, str]):
    case = svc.store.load_case(keys[0], keys[1])
    event = case.event(keys[2])
    return case, (event.notification if event else None)


def delivered(svc: Services, keys: tuple[str, str, str], sid: str, channel: str) -> str:
    """The provider says the message `sid` reached the citizen."""
    return _advance(svc, keys, sid, channel, AFTER_SEND, State.DELIVERED)


def _is_other_message(n, sid: str, channel: str) -> bool:
    # A receipt for the channel we fell back from, or for an earlier provider message.
    return n.channel != channel or bool(n.provider_id and sid and n.provider_id != sid)


def _advance(
    svc: Services, keys: tuple[str, str, str], sid: str, channel: str, from_states: tuple[str, ...], to: str
) -> str:
    _, n = _notification(svc, keys)
    if n is None:
        return "unknown"
    if _is_other_message(n, sid, channel):
        return "other-message"
    moved = svc.store.transition_notification(*keys, from_states, to, provider_id=sid or None)
    return to if moved else "unchanged"


def failed(svc: Services, keys: tuple[str, str, str], sid: str, channel: str, kind: str) -> str:
    """The provider says the message `sid` will never arrive: fall back, or record the failure."""
    from chalicelib.delivery import fail_for_good

    case, n = _notification(svc, keys)
    if n is None:
        return "unknown"
    if _is_other_message(n, sid, channel):
        return "other-message"
    if n.state not in AFTER_SEND and n.state != State.DELIVERED:
        return "unchanged"
    message = {"org": keys[0], "case": keys[1], "event": keys[2]}
    log.warning("notification %s: provider reports %s", n.id, kind)
    return fail_for_good(
        svc, message, n, case.subscriber, n.channel, kind, (*AFTER_SEND, State.DELIVERED), resend_now=False
    )


