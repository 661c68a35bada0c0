"""Identifiers and addresses kept only as keyed hashes.

A case system may send who initiated a case so that one citizen's cases can be linked. The
number itself is never stored, logged or queued: only an HMAC-SHA256 under the identity key.
A plain hash would not do: there are only 10^9 BSNs, so anyone with the table could hash them
all; without the key the stored value says nothing. Addresses (for the daily cap and the list
of unusable addresses) are kept the same way, under the token key.
"""

from __future__ import annotations

import hashlib
import hmac
import re

BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
BSN_SHAPE = re.compile(r"^[0-9]{9}$")


def is_bsn(value: str) -> bool:
    """Nine digits passing the eleven-test (the last digit weighs -1), and not all zeros."""
    if not BSN_SHAPE.fullmatch(value) or value == "000000000":
        return False
    return sum(int(d) * w for d, w in zip(value, BSN_WEIGHTS, strict=True)) % 11 == 0


def identity_hash(key: str, kind: str, number: str) -> str:
    """`<kind>:<hex>`: the same number under the same key always gives the same value, so
    cases of one citizen can be linked by it, and nothing can be read back from it."""
    mac = hmac.new(key.encode(), f"{kind}\0{number}".encode(), hashlib.sha256)
    return f"{kind}:{mac.hexdigest()}"


def address_hash(key: str, address: str) -> str:
    """A phone number or e-mail address as it may be stored: the same address always finds its
    counter or suppression, and neither a key nor an item reveals it."""
    normalised = address.strip().lower().encode()
    return hmac.new(key.encode(), b"address\0" + normalised, hashlib.sha256).hexdigest()[:32]
