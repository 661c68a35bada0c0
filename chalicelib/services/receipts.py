"""Provider receipts: Twilio status callbacks and SES events move a notification on.

Both find the notification by a reference we gave the provider with the message
(`domain.links.receipt_reference`: organisation, case, event key and party; no PII). Receipts never
send anything except a fallback on the other channel after a permanent failure, and they only
move a notification forward: a late "sent" never undoes "delivered", and a receipt for another
provider message (after a fallback) changes nothing. The web layer checks the caller first
(`chalicelib/web/signatures.py`).
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qsl

from chalicelib.domain import privacy
from chalicelib.domain.channels import EMAIL, SMS
from chalicelib.domain.links import referenced
from chalicelib.domain.messages import NotificationRef
from chalicelib.domain.models import Case, Notification, NotificationChange, State
from chalicelib.services import report_hooks
from chalicelib.services.deps import Deps

log = logging.getLogger(__name__)
AFTER_SEND = (State.SENDING, State.SENT, State.TECHNICAL_FAILURE)
REF_HEADER = "X-Zaakstatus-Ref"


def twilio_status(deps: Deps, ref: NotificationRef | None, form: dict[str, str]) -> str:
    """One Twilio status callback, its signature already checked; returns an outcome word."""
    if ref is None:
        return "unknown"
    status, sid = form.get("MessageStatus", ""), form.get("MessageSid", "")
    if status == "delivered":
        return delivered(deps, ref, sid, SMS.name)
    if status in ("accepted", "queued", "sending", "sent"):
        return _advance(deps, ref, sid, SMS.name, (State.SENDING,), State.SENT)
    if status in ("undelivered", "failed"):
        code = "".join(ch for ch in form.get("ErrorCode", "") if ch.isdigit())[:8]
        return failed(deps, ref, sid, SMS.name, f"twilio-{code or status}")
    return "ignored"


def ses_event(deps: Deps, event: dict[str, Any]) -> str:
    """One SES event (event publishing or identity notification) from SNS."""
    kind = event.get("eventType") or event.get("notificationType") or ""
    mail = event.get("mail") or {}
    reference = next((h.get("value", "") for h in mail.get("headers", []) if h.get("name") == REF_HEADER), "")
    ref = referenced(dict(parse_qsl("".join(reference.split()))))  # a folded header's whitespace is not ours
    if ref is None:
        return "unknown"
    sid = mail.get("messageId", "")
    if kind == "Delivery":
        return delivered(deps, ref, sid, EMAIL.name)
    if kind == "Bounce":
        bounce = event.get("bounce") or {}
        if bounce.get("bounceType") == "Permanent":
            _suppress(
                deps, ref.org_id, [r.get("emailAddress", "") for r in bounce.get("bouncedRecipients", [])], "bounce"
            )
            return failed(deps, ref, sid, EMAIL.name, "ses-bounce")
        return failed(deps, ref, sid, EMAIL.name, "ses-soft-bounce")
    if kind == "Complaint":
        complaint = event.get("complaint") or {}
        addresses = [r.get("emailAddress", "") for r in complaint.get("complainedRecipients", [])]
        _suppress(deps, ref.org_id, addresses, "complaint")
        return "suppressed-address"
    return "ignored"


def _suppress(deps: Deps, org_id: str, addresses: list[str], reason: str) -> None:
    for address in filter(None, addresses):
        deps.ledger.suppress_address(org_id, privacy.address_hash(deps.settings.token_key, address), reason)


def _notification(deps: Deps, ref: NotificationRef) -> tuple[Case, Notification | None]:
    case = deps.cases.load_case(ref.org_id, ref.case_id)
    event = case.event(ref.event_key)
    return case, (event.notifications.get(ref.party_id) if event else None)


def _is_other_message(n: Notification, sid: str, channel: str) -> bool:
    # A receipt for the channel we fell back from, or for an earlier provider message.
    return n.channel != channel or bool(n.provider_id and sid and n.provider_id != sid)


def delivered(deps: Deps, ref: NotificationRef, sid: str, channel: str) -> str:
    """The provider says the message `sid` reached the citizen."""
    return _advance(deps, ref, sid, channel, AFTER_SEND, State.DELIVERED)


def _advance(deps: Deps, ref: NotificationRef, sid: str, channel: str, from_states: tuple[str, ...], to: str) -> str:
    case, n = _notification(deps, ref)
    if n is None:
        return "unknown"
    if _is_other_message(n, sid, channel):
        return "other-message"
    change = NotificationChange(to, provider_id=sid or None, clears_error=not n.fallback)
    moved = deps.ledger.transition(ref, from_states, change)
    return report_hooks.receipt(deps, case, channel, to) if moved else "unchanged"


def failed(deps: Deps, ref: NotificationRef, sid: str, channel: str, kind: str) -> str:
    """The provider says the message `sid` will never arrive: fall back, or record the failure."""
    case, n = _notification(deps, ref)
    if n is None:
        return "unknown"
    if _is_other_message(n, sid, channel):
        return "other-message"
    if n.state not in AFTER_SEND and n.state != State.DELIVERED:
        return "unchanged"
    log.warning("notification %s: provider reports %s", n.id, kind)
    # The sender's delivery rules, imported on a failure receipt rather than at every API cold start.
    from chalicelib.services.delivery import after_permanent_failure

    party = case.party(ref.party)
    subscriber = party.subscriber if party else None
    outcome = after_permanent_failure(deps, ref, n, subscriber, n.channel, kind, (*AFTER_SEND, State.DELIVERED))
    return report_hooks.receipt(deps, case, n.channel, outcome)
