"""Limits per recipient: the daily cap, addresses made unusable, and the SMS fragment budget.

Addresses are only ever stored as an HMAC under the token key, so neither a key nor an item
reveals a phone number or e-mail address, and the same address always finds its counter.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MAX_SMS_CHARS = 918  # 6 concatenated GSM-7 fragments of 153: the most an SMS may be

# GSM 03.38: the basic set costs one septet, the extension set two (an escape plus the char).
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = frozenset("^{}\\[~]|€\f")


def address_hash(key: str, address: str) -> str:
    return hmac.new(key.encode(), b"address\0" + address.strip().lower().encode(), hashlib.sha256).hexdigest()[:32]


def day_of(now: dt.datetime) -> str:
    """The recipient's day: Dutch midnight, not UTC's."""
    return now.astimezone(AMSTERDAM).date().isoformat()


def is_gsm7(text: str) -> bool:
    return all(c in GSM_BASIC or c in GSM_EXTENDED for c in text)


def fragments(text: str) -> int:
    """How many SMS fragments `text` costs (GSM-7 160/153, else UCS-2 70/67)."""
    if is_gsm7(text):
        units, single, multi = sum(2 if c in GSM_EXTENDED else 1 for c in text), 160, 153
    else:
        units, single, multi = len(text.encode("utf-16-le")) // 2, 70, 67
    if units <= single:
        return 1
    return -(-units // multi)


def fit_sms(text: str, url: str, budget: int) -> str:
    """The SMS body: the text, then the tracking link, within `budget` fragments and 918
    characters. A text too long is cut (with an ellipsis), never the link, never refused."""
    budget = max(1, min(budget, 6))

    def body(t: str) -> str:
        return f"{t}\n{url}" if t else url

    def fits(candidate: str) -> bool:
        return fragments(candidate) <= budget and len(candidate) <= MAX_SMS_CHARS

    whole = text if url in text else body(text)  # the template may place the link itself
    if fits(whole):
        return whole
    text = text.replace(url, "").replace("  ", " ").strip()
    ellipsis = "..." if is_gsm7(text) else "…"
    low, high = 0, len(text)  # the longest prefix that fits, by bisection
    while low < high:
        mid = (low + high + 1) // 2
        candidate = body(text[:mid].rstrip() + ellipsis)
        if fits(candidate):
            low = mid
        else:
            high = mid - 1
    return body(text[:low].rstrip() + ellipsis) if low else url
