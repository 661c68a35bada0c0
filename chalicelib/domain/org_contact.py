"""How a citizen reaches the organisation about their case: phone, e-mail, website and opening
hours per language. An organisation gives it when it is created; a case type may give its own,
which wins (a department with its own desk). Shown on the page and in every e-mail's footer."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from chalicelib.domain.base import Domain
from chalicelib.domain.contacts import normalise_email
from chalicelib.domain.notice_answers import ContactOut

PHONE = r"^\+?[0-9][0-9 ()-]{2,24}$"  # as people write it: "14 0182", "0800-0700", "+31 20 123 4567"
HTTPS_URL = r"^https://[^\s<>\"'\x00-\x1f\x7f]+$"
LANGUAGE = r"^[a-z]{2}$"


class Contact(Domain):
    phone: str | None = None
    email: str | None = None
    url: str | None = None
    hours: dict[str, str] = {}

    def hours_in(self, language: str) -> str:
        return self.hours.get(language) or self.hours.get("nl") or ""


class ContactIn(BaseModel):
    """`"contact"` of an organisation or a case type; at least one way to reach it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)
    phone: str | None = Field(default=None, pattern=PHONE)
    email: str | None = Field(default=None, max_length=254)
    url: str | None = Field(default=None, max_length=500, pattern=HTTPS_URL)
    hours: dict[str, str] = Field(default_factory=dict)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return None if value is None else normalise_email(value)

    @field_validator("hours")
    @classmethod
    def _hours(cls, hours: dict[str, str]) -> dict[str, str]:
        for lang, text in hours.items():
            if not re.fullmatch(LANGUAGE, lang):
                raise ValueError(f"language {lang!r} is not a two-letter code")
            if not text.strip() or len(text) > 200 or re.search(r"[\x00-\x1f\x7f]", text):
                raise ValueError(f"hours in {lang!r} must be 1 to 200 characters on one line")
        return {lang: text.strip() for lang, text in hours.items()}

    def domain(self) -> Contact | None:
        if not (self.phone or self.email or self.url or self.hours):
            return None
        return Contact(phone=self.phone, email=self.email, url=self.url, hours=self.hours)


WORDS = {
    "nl": {
        "heading": "Contact",
        "intro": "Vragen over uw zaak? Neem contact op met {organisation}.",
        "phone": "Telefoon",
        "email": "E-mail",
        "url": "Website",
        "hours": "Bereikbaar",
    },
    "en": {
        "heading": "Contact",
        "intro": "Questions about your case? Contact {organisation}.",
        "phone": "Phone",
        "email": "E-mail",
        "url": "Website",
        "hours": "Opening hours",
    },
}


def words(language: str) -> dict[str, str]:
    return WORDS.get(language, WORDS["nl"])


def rows(contact: Contact, language: str) -> list[tuple[str, str, str]]:
    """(field, label, value) for each way to reach the organisation, in the reader's language."""
    w = words(language)
    values = {"phone": contact.phone, "email": contact.email, "url": contact.url, "hours": contact.hours_in(language)}
    return [(field, w[field], value) for field, value in values.items() if value]


def href(field: str, value: str) -> str | None:
    """Where a row links to: a phone number to call, an address to write to, the website."""
    if field == "phone":
        return "tel:" + re.sub(r"[^0-9+]", "", value)
    if field == "email":
        return f"mailto:{value}"
    return value if field == "url" else None


def out(*contacts: Contact | None) -> ContactOut | None:
    """The first contact given (a case type's own before its organisation's), as answered."""
    contact = next((c for c in contacts if c is not None), None)
    if contact is None:
        return None
    return ContactOut(phone=contact.phone, email=contact.email, url=contact.url, hours=dict(contact.hours))
