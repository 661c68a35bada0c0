"""An organisation's settings as it sends them: at creation (with its id, `OrganisationIn`) and
with `PUT /v1/organisation`, which replaces them all. Checked the same way both times."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from chalicelib.domain.contacts import normalise_email
from chalicelib.domain.org_contact import ContactIn
from chalicelib.domain.sender_identity import SMS_SENDER_RULE, check_sms_sender
from chalicelib.domain.sms_countries import DEFAULT_SMS_COUNTRIES, MAX_COUNTRIES, checked_countries
from chalicelib.domain.text_rules import one_line_as_sent

# The pattern describes the shape (in /openapi.json); the check adds Twilio's "at least one letter".
SMS_SENDER = r"^(?:[A-Za-z0-9 ]{1,11}|\+[1-9][0-9]{6,14})$"
SmsSender = Annotated[str | None, AfterValidator(check_sms_sender)]
SmsCountries = Annotated[
    list[Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")]],
    Field(min_length=1, max_length=MAX_COUNTRIES),
    AfterValidator(checked_countries),
]


class OrganisationSettingsIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)
    name: Annotated[str, Field(min_length=1, max_length=200), BeforeValidator(one_line_as_sent)]
    email_from: str | None = Field(default=None, max_length=254)  # absent: the platform's sender
    sms_from: SmsSender = Field(default=None, pattern=SMS_SENDER, description="sender ID: " + SMS_SENDER_RULE)
    quiet_hours: bool = True  # False: SMS also in the quiet hours (Europe/Amsterdam)
    sms_fragments: int = Field(default=3, ge=1, le=6)  # 6 x 153 = 918 characters at most
    contact: ContactIn | None = None  # phone, e-mail, website, opening hours: on the page and in e-mails
    sms_countries: SmsCountries = Field(
        default_factory=lambda: list(DEFAULT_SMS_COUNTRIES),
        description="ISO 3166 alpha-2 codes of the countries whose mobile numbers it takes for SMS; "
        "absent: the Netherlands and the other EU/EEA countries. Satellite and international "
        "network numbers are never taken.",
    )

    @field_validator("email_from")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return None if value is None else normalise_email(value)
