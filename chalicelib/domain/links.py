"""The links and references this service hands out: tracking links for citizens, and the
references providers quote back in their receipts. None of them carries personal data.

Tracking tokens are `<org>.<22 characters>` carrying 128 bits from a keyed hash of the case.
The token is derived, never stored: only its SHA-256 is kept, as the key of the lookup item.
The organisation id in front lets the lookup stay inside the organisation's key prefix; the
128-bit part is what makes the token unguessable. `generation` makes it revocable.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from urllib.parse import urlencode

from chalicelib.domain.messages import NotificationRef

TWILIO_STATUS_PATH = "/v1/webhooks/twilio/status"


def derive(key: str, org_id: str, case_id: str, generation: int = 0, party_id: str = "initiator") -> str:
    """A party's token. The initiator's is the case's own, as it was before parties."""
    subject = f"{org_id}\0{case_id}\0{generation}"
    if party_id != "initiator":
        subject = f"{org_id}\0{case_id}\0{party_id}\0{generation}"
    mac = hmac.new(key.encode(), subject.encode(), hashlib.sha256)
    secret = base64.urlsafe_b64encode(mac.digest()[:16]).rstrip(b"=").decode()
    return f"{org_id}.{secret}"


def lookup_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def split(token: str) -> tuple[str, str] | None:
    """(org_id, token_hash) of a well-formed token, else None."""
    org_id, dot, secret = token.partition(".")
    if not dot or len(secret) != 22 or not org_id or len(org_id) > 40:
        return None
    return org_id, lookup_hash(token)


def token_hash_of(key: str, org_id: str, case_id: str, generation: int = 0, party_id: str = "initiator") -> str:
    """The lookup key of a party's tracking token (by default the case's own, the initiator's)."""
    return lookup_hash(derive(key, org_id, case_id, generation, party_id))


def tracking_url(
    public_url: str, key: str, org_id: str, case_id: str, generation: int = 0, party_id: str = "initiator"
) -> str:
    return f"{public_url}/track/{derive(key, org_id, case_id, generation, party_id)}"


def receipt_reference(ref: NotificationRef) -> str:
    """Which notification a receipt is about: organisation, case, event key, party (no PII)."""
    pairs = [("o", ref.org_id), ("c", ref.case_id), ("e", ref.event_key)]
    return urlencode(pairs + ([("p", ref.party_id)] if ref.party_id != "initiator" else []))


def referenced(query: Mapping[str, str]) -> NotificationRef | None:
    """The notification a receipt's reference (`o`, `c`, `e`, `p`) names, if it names one."""
    org_id, case_id, event_key = (query.get(k) for k in ("o", "c", "e"))
    party_id = query.get("p") or "initiator"
    return NotificationRef(org_id, case_id, event_key, party_id) if org_id and case_id and event_key else None


def status_callback_url(public_url: str, ref: NotificationRef) -> str:
    return f"{public_url}{TWILIO_STATUS_PATH}?{receipt_reference(ref)}"
