"""The compact form of a signed token (RFC 7515 §7.1), read strictly: three base64url segments
without padding, each in its one canonical spelling.

A lenient decoder takes `sig=`, or a last character whose unused bits differ, as the same bytes:
the token's text could then change while it still verifies. Refusing every other spelling keeps
one token one string (logs, rate-limit keys and any cache see what was signed).
"""

from __future__ import annotations

import base64
import binascii
import re

SEGMENT = re.compile(r"[A-Za-z0-9_-]+")


def is_compact_jws(token: str) -> bool:
    segments = token.split(".")
    return len(segments) == 3 and all(_canonical(segment) for segment in segments)


def _canonical(segment: str) -> bool:
    if not SEGMENT.fullmatch(segment):
        return False
    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    except (binascii.Error, ValueError):
        return False
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode() == segment
