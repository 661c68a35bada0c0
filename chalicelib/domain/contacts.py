"""Contact details a citizen gives: a mobile number or an e-mail address, normalised or refused."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from chalicelib.domain.sms_countries import NETWORK_RULE, is_country_network
from chalicelib.domain.test_mode import SIMULATOR_PHONES


def normalise_mobile(raw: str) -> str:
    """A mobile number of a country in E.164; ValueError otherwise. Whether the organisation sends
    to that country is checked where the organisation is known (`services/phone_countries.py`)."""
    import phonenumbers  # here, not at the top: it costs every cold start that reads no number

    # Where numbering does not tell mobile from fixed (the US, Canada), a number of that country
    # is taken as the citizen gives it; whether the country is allowed at all is the organisation's.
    mobile_types = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    try:
        number = phonenumbers.parse(raw, "NL")
    except phonenumbers.NumberParseException:
        raise ValueError("is not a phone number") from None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if e164 in SIMULATOR_PHONES:  # no citizen's: a live case refuses them (services/test_mode.py)
        return e164
    if not phonenumbers.is_valid_number(number):
        raise ValueError("is not a valid phone number")
    if not is_country_network(e164):
        raise ValueError(NETWORK_RULE)
    if phonenumbers.number_type(number) not in mobile_types:
        raise ValueError("is not a mobile number; SMS needs a mobile number")
    # phonenumbers types Dutch 097 machine-to-machine numbers as MOBILE; no person reads them.
    if e164.startswith("+3197"):
        raise ValueError("is a machine-to-machine number, not a mobile phone")
    return e164


def normalise_email(raw: str) -> str:
    from email_validator import EmailNotValidError, validate_email  # on first use, as phonenumbers

    try:
        return validate_email(raw, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(f"is not a valid e-mail address ({exc})") from None


@dataclass(frozen=True)
class ContactField:
    """A field of the subscriber that a channel sends to."""

    name: str  # the subscriber's field, also the request field and the page's input
    needed: str  # why a channel refuses an empty one: "channel 'x' <needed>"
    invalid: str  # the reason when a citizen's value is refused
    normalise: Callable[[str], str]  # the stored form; ValueError when not acceptable
    kind: str  # the kind of input a form asks it with (HTML `type` and `autocomplete`)


PHONE = ContactField("phone", "needs a mobile number", "is not a valid mobile number", normalise_mobile, "tel")
EMAIL = ContactField("email", "needs an address in 'email'", "is not a valid e-mail address", normalise_email, "email")
CONTACT_FIELDS = (PHONE, EMAIL)
