"""An event's identity and fingerprint: what makes accepting it idempotent.

The identity is `event_id`, or status + `occurred_at` in UTC, within its case; its hash is the
event's item key. The fingerprint is a hash of the whole payload: a replay must match it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import uuid

from chalicelib.domain import dates
from chalicelib.domain.inbound import EventIn

NOTIFICATION_NAMESPACE = uuid.UUID("6f0b8f52-5d0e-4d55-9a53-7a1d1b7c2f10")


def identity_key_of(event_id: str | None, status: str = "", occurred_at: dt.datetime | None = None) -> str:
    if event_id is not None:
        identity = f"id\0{event_id}"
    else:
        identity = f"at\0{status}\0{_utc(occurred_at)}"
    return hashlib.sha256(identity.encode()).hexdigest()[:32]


def identity_key(data: EventIn) -> str:
    return identity_key_of(data.event_id, data.status, data.occurred_at)


def _utc(moment: dt.datetime | None) -> str:
    return dates.utc(moment).isoformat() if moment else ""


def fingerprint(
    data: EventIn, key: str, initiator: str | None = None, identities: dict[str, str | None] | None = None
) -> str:
    """A keyed hash of the payload. Keyed because it outlives an erasure: an unkeyed hash over
    a payload whose other fields are stored beside it would give an erased phone number (10^8
    possibilities) back to anyone who tried them all."""
    payload = data.model_dump(mode="json")
    payload["occurred_at"] = _utc(data.occurred_at)  # the same instant in another zone is the same event
    # An unkeyed hash over a BSN could be brute-forced (10^9 values): the keyed hash stands in.
    # Without an initiator the payload is as before, so earlier events keep their fingerprint.
    payload["case"].pop("initiator", None)
    if initiator is not None:
        payload["case"]["initiator"] = initiator
    for party in payload.get("parties") or []:
        if party.get("identifier") is not None:
            ident = party["identifier"]
            party["identifier"] = (identities or {}).get(party["party_id"]) or ident.get("organisation")
    if not payload.get("parties"):
        payload.pop("parties", None)
    if payload["case"].get("parent") is None:
        payload["case"].pop("parent", None)
    for later in ("dates", "result"):  # fields added later: absent, the payload is as before
        if not payload.get(later):
            payload.pop(later, None)
    if "action" not in data.model_fields_set:  # absent keeps the action; null (clearing it) counts
        payload.pop("action", None)
    if payload["case"].get("confidentiality") is None:
        payload["case"].pop("confidentiality", None)
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hmac.new(key.encode(), b"fingerprint\0" + canonical.encode(), hashlib.sha256).hexdigest()[:32]


def notification_id(org_id: str, case_id: str, event_key: str, party_id: str = "initiator") -> str:
    # The initiator's id is as it was before parties: one notification per event.
    suffix = "" if party_id == "initiator" else f"/{party_id}"
    return str(uuid.uuid5(NOTIFICATION_NAMESPACE, f"{org_id}/{case_id}/{event_key}{suffix}"))
