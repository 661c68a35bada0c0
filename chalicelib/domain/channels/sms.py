"""SMS: to the subscriber's mobile number, held in the quiet hours, falls back to e-mail.

An SMS is the status text and the tracking link, within the organisation's fragment budget
(GSM-7 160/153 characters a fragment, UCS-2 70/67) and never over 918 characters: a text too
long is cut with an ellipsis, never the link, never refused.
"""

from __future__ import annotations

from chalicelib.domain.channels.base import ChannelSpec, Draft, OutgoingMessage
from chalicelib.domain.contacts import PHONE
from chalicelib.domain.links import status_callback_url

MAX_SMS_CHARS = 918  # 6 concatenated GSM-7 fragments of 153: the most an SMS may be

# GSM 03.38: the basic set costs one septet, the extension set two (an escape plus the char).
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = frozenset("^{}\\[~]|€\f")


def is_gsm7(text: str) -> bool:
    return all(c in GSM_BASIC or c in GSM_EXTENDED for c in text)


def encoded(text: str) -> tuple[str, int]:
    """The encoding `text` goes in and how many characters it costs there: GSM-7 septets (an
    extension character such as '€' is two), else UCS-2 code units (an emoji is two)."""
    if is_gsm7(text):
        return "GSM-7", sum(2 if c in GSM_EXTENDED else 1 for c in text)
    return "UCS-2", len(text.encode("utf-16-le")) // 2


def fragments(text: str) -> int:
    """How many SMS fragments `text` costs (GSM-7 160/153, else UCS-2 70/67)."""
    encoding, units = encoded(text)
    single, multi = (160, 153) if encoding == "GSM-7" else (70, 67)
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
        if fits(body(text[:mid].rstrip() + ellipsis)):
            low = mid
        else:
            high = mid - 1
    return body(text[:low].rstrip() + ellipsis) if low else url


def compose(draft: Draft) -> OutgoingMessage:
    org = draft.organisation
    return OutgoingMessage(
        to=draft.to,
        body=fit_sms(draft.text, draft.tracking_url, org.sms_fragments),
        sender=org.sms_from,
        reference=draft.notification_id,
        receipt=status_callback_url(draft.public_url, draft.ref),
    )


SMS = ChannelSpec(
    name="sms",
    contact=PHONE,
    compose=compose,
    quiet_hours=True,
    fallback="email",
    labels={"nl": "Per sms", "en": "By text message (SMS)"},
    now={
        "nl": "U krijgt nu berichten per sms naar {contact}.",
        "en": "You now receive messages by text message to {contact}.",
    },
)
