"""Which countries' mobile numbers an organisation sends SMS to (`sms_countries`, ISO 3166
alpha-2). An SMS to a far-away or premium network costs many times a Dutch one, and a form that
takes any number is an SMS-pumping route: fraudsters enter numbers on networks that pay them per
message. So a number is taken only from the organisation's countries, by default the Netherlands
and the other EU/EEA countries, and never a number outside every country (satellite phones and
international networks, +881, +882, +883, +870: region "001")."""

from __future__ import annotations

from collections.abc import Iterable

EU = (
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
)  # fmt: skip
EEA = (*EU, "IS", "LI", "NO")
DEFAULT_SMS_COUNTRIES: tuple[str, ...] = ("NL", *sorted(set(EEA) - {"NL"}))
NO_COUNTRY = "001"  # phonenumbers' region of the non-geographic codes: satellite and international networks
MAX_COUNTRIES = 60
COUNTRY_RULE = "SMS goes only to mobile numbers of the organisation's countries (its sms_countries)"
NETWORK_RULE = "is a satellite or international network number; SMS goes only to a country's mobile numbers"


def region_of(e164: str) -> str | None:
    """The number's country (ISO 3166 alpha-2), "001" for no country, None when unparsable."""
    import phonenumbers  # on first use: its import costs every cold start that reads no number

    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(e164, None))
    except phonenumbers.NumberParseException:
        return None


def is_country_network(e164: str) -> bool:
    return region_of(e164) not in (None, NO_COUNTRY)


def allows(countries: Iterable[str], e164: str) -> bool:
    return (region := region_of(e164)) is not None and region != NO_COUNTRY and region in set(countries)


def checked_countries(codes: list[str]) -> list[str]:
    """The organisation's list as stored: upper case, each a country phonenumbers knows, no
    repeats, in the order given; ValueError naming the first unknown code."""
    import phonenumbers

    seen: list[str] = []
    for raw in codes:
        code = raw.strip().upper()
        if code not in phonenumbers.SUPPORTED_REGIONS or code == NO_COUNTRY:
            raise ValueError(f"{raw!r} is not an ISO 3166 alpha-2 country code with phone numbers")
        if code not in seen:
            seen.append(code)
    return seen
