"""Tracking tokens: `<org>.<22 characters>` carrying 128 bits from a keyed hash of the case.

The token is derived, never stored: only its SHA-256 is kept, as the key of the lookup item.
The organisation id in front lets the lookup stay inside the organisation's key prefix; the
128-bit part is what makes the token unguessable. `generation` makes it revocable.
"""

from __future__ import annotations

import base64
import hashlib
import hmac


def derive(key: str, org_id: str, case_id: str, generation: int = 0) -> str:
    mac = hmac.new(key.encode(), f"{org_id}\0{case_id}\0{generation}".encode(), hashlib.sha256)
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
