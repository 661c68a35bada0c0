"""Which mobile numbers an organisation takes: its countries, never satellite or international
network numbers."""

from __future__ import annotations

import pytest

from chalicelib.domain.contacts import normalise_mobile
from chalicelib.domain.sms_countries import DEFAULT_SMS_COUNTRIES, EEA, allows, checked_countries


def test_the_default_is_the_netherlands_first_and_every_eu_and_eea_country() -> None:
    assert DEFAULT_SMS_COUNTRIES[0] == "NL" and set(DEFAULT_SMS_COUNTRIES) == set(EEA) and len(EEA) == 30
    assert "CH" not in DEFAULT_SMS_COUNTRIES and "GB" not in DEFAULT_SMS_COUNTRIES


@pytest.mark.parametrize(
    ("number", "taken"),
    [("+31612345678", True), ("+32470123456", True), ("+4791234567", True), ("+12025550123", False)],
)
def test_a_number_is_taken_when_its_country_is_in_the_list(number: str, taken: bool) -> None:
    assert allows(DEFAULT_SMS_COUNTRIES, number) is taken


@pytest.mark.parametrize("number", ["+881612345678", "+870773111111", "+882165432100", "+8816 1234 5678"])
def test_satellite_and_international_network_numbers_are_never_mobile_numbers_of_a_country(number: str) -> None:
    with pytest.raises(ValueError, match="satellite or international network"):
        normalise_mobile(number)
    assert not allows([*DEFAULT_SMS_COUNTRIES, "US"], number.replace(" ", ""))


def test_an_american_number_is_a_mobile_number_whose_country_the_organisation_decides() -> None:
    assert normalise_mobile("+1 202 555 0123") == "+12025550123"
    assert allows(["NL", "US"], "+12025550123")


def test_the_list_is_stored_upper_case_without_repeats_and_an_unknown_code_is_refused() -> None:
    assert checked_countries(["nl", "US", "NL", " be "]) == ["NL", "US", "BE"]
    for bad in (["XX"], ["001"], ["EU"]):
        with pytest.raises(ValueError, match="ISO 3166"):
            checked_countries(bad)
