"""Contact data shown or logged only masked: enough to recognise, not enough to use."""

from __future__ import annotations

import re

LOG_PATTERNS = [
    (re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"), "<email>"),
    # 9 or more digits, optionally spaced or dashed, optionally with + or 00: phone numbers and
    # BSNs; dates (8 digits) and our hex ids stay readable.
    (re.compile(r"(?<![\w-])(?!\d{4}-\d\d-\d\d)(?:\+|00)?\d(?:[ ()-]{0,2}\d){8,14}(?![\w-])"), "<number>"),
]


def mask_phone(phone: str | None) -> str | None:
    """+31612345678 -> +316******78"""
    if not phone:
        return None
    return phone[:4] + "*" * (len(phone) - 6) + phone[-2:]


def mask_email(email: str | None) -> str | None:
    """jan.jansen@example.nl -> j*********@example.nl"""
    if not email:
        return None
    local, _, domain = email.partition("@")
    return local[:1] + "*" * max(len(local) - 1, 1) + "@" + domain


def mask_text(text: str) -> str:
    """Any text about to be logged, with phone numbers, BSNs and e-mail addresses replaced."""
    for pattern, replacement in LOG_PATTERNS:
        text = pattern.sub(replacement, text)
    return text
