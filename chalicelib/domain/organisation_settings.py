"""An organisation's settings as it sends them: at creation (with its id, `OrganisationIn`) and
with `PUT /v1/organisation`, which replaces them all. Checked the same way both times."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from chalicelib.domain.contacts import normalise_email
from chalicelib.domain.org_contact import ContactIn
from chalicelib.domain.sender_identity import SMS_SENDER_RULE, check_name, check_sms_sender

# The pattern describes the shape (in /openapi.json); the check adds Twilio's "at least one letter".
SMS_SENDER = r"^(?:[A-Za-z0-9 ]{1,11}|\+[1-9][0-9]{6,14})$"
SmsSender = Annotated[str | None, AfterValidator(check_sms_sender)]


class OrganisationSettingsIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)
    name: Annotated[str, Field(min_length=1, max_length=200), AfterValidator(check_name)]
    email_from: str | None = Field(default=None, max_length=254)  # absent: the platform's sender
    sms_from: SmsSender = Field(default=None, pattern=SMS_SENDER, description="sender ID: " + SMS_SENDER_RULE)
    quiet_hours: bool = True  # False: SMS also in the quiet hours (Europe/Amsterdam)
    sms_fragments: int = Field(default=3, ge=1, le=6)  # 6 x 153 = 918 characters at most
    contact: ContactIn | None = None  # phone, e-mail, website, opening hours: on the page and in e-mails

    @field_validator("email_from")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return None if value is None else normalise_email(value)
