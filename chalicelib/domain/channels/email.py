"""E-mail: to the subscriber's address, any time of day, falls back to SMS.

A plain-text part and an HTML alternative; everything that came from outside is escaped in the
HTML. The subject names the organisation and the case type.
"""

from __future__ import annotations

import html

from chalicelib.domain import org_contact
from chalicelib.domain.channels.base import ChannelSpec, Draft, OutgoingMessage
from chalicelib.domain.contacts import EMAIL as EMAIL_ADDRESS
from chalicelib.domain.links import receipt_reference
from chalicelib.domain.org_contact import Contact
from chalicelib.domain.text_rules import header_safe

EMAIL_WORDS = {
    "nl": {"link": "Bekijk de status van uw zaak", "footer": "Dit bericht is automatisch verstuurd."},
    "en": {"link": "View the status of your case", "footer": "This message was sent automatically."},
}


def words(language: str) -> dict[str, str]:
    return EMAIL_WORDS.get(language, EMAIL_WORDS["nl"])


def contact_footer(contact: Contact | None, organisation: str, language: str) -> tuple[str, str]:
    """The footer's lines on how to reach the organisation: plain text and HTML (escaped, linked)."""
    if contact is None or not (rows := org_contact.rows(contact, language)):
        return "", ""
    e = html.escape
    intro = org_contact.words(language)["intro"].format(organisation=organisation)
    plain = "".join(f"{label}: {value}\n" for _, label, value in rows)
    linked = [
        f'{e(label)}: <a href="{e(href)}" style="color:#01689b">{e(value)}</a>' if href else f"{e(label)}: {e(value)}"
        for field, label, value in rows
        for href in [org_contact.href(field, value)]
    ]
    return f"{intro}\n{plain}", f"{e(intro)}<br>" + "<br>".join(linked) + "<br>"


def email_parts(
    *, organisation: str, case_type: str, text: str, tracking_url: str, language: str, contact: Contact | None = None
) -> tuple[str, str, str]:
    """Subject, plain text and HTML. Everything that came from outside is escaped in the HTML."""
    w = words(language)
    # One header line even for names stored before the API refused line breaks in them.
    subject = header_safe(f"{organisation}: {case_type}")
    reach, reach_html = contact_footer(contact, organisation, language)
    plain = f"{text}\n\n{w['link']}: {tracking_url}\n\n{organisation}\n{reach}{w['footer']}\n"
    e = html.escape
    paragraphs = "".join(f"<p>{e(line)}</p>" for line in text.split("\n") if line.strip())
    html_body = (
        f'<!doctype html><html lang="{e(language)}"><head><meta charset="utf-8">'
        f"<title>{e(subject)}</title></head>"
        '<body style="font-family:Arial,sans-serif;color:#1a1a1a;line-height:1.5">'
        f'<h1 style="font-size:1.25rem">{e(case_type)}</h1>{paragraphs}'
        f'<p><a href="{e(tracking_url)}" style="color:#01689b">{e(w["link"])}</a></p>'
        f'<p style="color:#555">{e(organisation)}<br>{reach_html}{e(w["footer"])}</p>'
        "</body></html>"
    )
    return subject, plain, html_body


def compose(draft: Draft) -> OutgoingMessage:
    org = draft.organisation
    subject, plain, html_body = email_parts(
        organisation=org.name,
        case_type=draft.case_type.public_name_in(draft.language),
        text=draft.text,
        tracking_url=draft.tracking_url,
        language=draft.language,
        contact=draft.case_type.contact or org.contact,  # the case type's own desk first
    )
    return OutgoingMessage(
        to=draft.to,
        body=plain,
        sender=org.email_from,
        subject=subject,
        html=html_body,
        reference=draft.notification_id,
        receipt=receipt_reference(draft.ref),
    )


EMAIL = ChannelSpec(
    name="email",
    contact=EMAIL_ADDRESS,
    compose=compose,
    quiet_hours=False,
    fallback="sms",
    suppressible=True,  # SES's bounce and complaint events (services/receipts.py)
    labels={"nl": "Per e-mail", "en": "By e-mail"},
    now={
        "nl": "U krijgt nu berichten per e-mail naar {contact}.",
        "en": "You now receive messages by e-mail to {contact}.",
    },
)
