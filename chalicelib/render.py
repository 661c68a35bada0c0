"""Citizen-facing text: ((placeholders)), languages, and the messages each channel sends."""

from __future__ import annotations

import html
import re

PLACEHOLDER = re.compile(r"\(\(\s*([^()]*?)\s*\)\)")
KNOWN_PLACEHOLDERS = frozenset(
    {
        "case.id",
        "case.description",
        "case.expected_end_date",
        "status.explanation",
        "organisation.name",
        "tracking_url",
    }
)


def unknown_placeholders(text: str) -> list[str]:
    return [name for name in PLACEHOLDER.findall(text) if name not in KNOWN_PLACEHOLDERS]


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each ((name)) by its value; a missing value reads as empty, never as '((name))'."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), text)


EMAIL_WORDS = {
    "nl": {"link": "Bekijk de status van uw zaak", "footer": "Dit bericht is automatisch verstuurd."},
    "en": {"link": "View the status of your case", "footer": "This message was sent automatically."},
}


def words(language: str) -> dict[str, str]:
    return EMAIL_WORDS.get(language, EMAIL_WORDS["nl"])


def sms_body(text: str, tracking_url: str) -> str:
    return f"{text}\n{tracking_url}"


def email_parts(
    *, organisation: str, case_type: str, text: str, tracking_url: str, language: str
) -> tuple[str, str, str]:
    """Subject, plain text and HTML. Everything that came from outside is escaped in the HTML."""
    w = words(language)
    subject = f"{organisation}: {case_type}"
    plain = f"{text}\n\n{w['link']}: {tracking_url}\n\n{organisation}\n{w['footer']}\n"
    e = html.escape
    paragraphs = "".join(f"<p>{e(line)}</p>" for line in text.split("\n") if line.strip())
    html_body = (
        f'<!doctype html><html lang="{e(language)}"><head><meta charset="utf-8">'
        f"<title>{e(subject)}</title></head>"
        '<body style="font-family:Arial,sans-serif;color:#1a1a1a;line-height:1.5">'
        f"<h1 style=\"font-size:1.25rem\">{e(case_type)}</h1>{paragraphs}"
        f'<p><a href="{e(tracking_url)}" style="color:#01689b">{e(w["link"])}</a></p>'
        f'<p style="color:#555">{e(organisation)}<br>{e(w["footer"])}</p>'
        "</body></html>"
    )
    return subject, plain, html_body
