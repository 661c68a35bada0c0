"""Mobile numbers checked against the organisation's countries (`sms_countries`, see
`chalicelib/domain/sms_countries.py`) wherever a client or a citizen gives one: an event's
subscriber and parties, a party or subscriber registered on its own, the citizen's form on the
tracking page and the change for all cases in Mijn zaken."""

from __future__ import annotations

from collections.abc import Iterable

from chalicelib.domain.channels import WEBSITE_ONLY
from chalicelib.domain.errors import FieldError, invalid_all
from chalicelib.domain.inbound import EventPartyIn
from chalicelib.domain.sms_countries import COUNTRY_RULE, DEFAULT_SMS_COUNTRIES, allows, region_of
from chalicelib.domain.test_mode import SIMULATOR_PHONES, live_org
from chalicelib.services import test_mode
from chalicelib.services.deps import Deps

CODE = "phone.country"  # the citizen's page words it: "Wij sturen sms alleen naar mobiele nummers uit ..."


def countries(deps: Deps, tenant: str) -> tuple[str, ...]:
    org = deps.organisations.get_organisation(live_org(tenant))
    return org.sms_countries if org is not None else DEFAULT_SMS_COUNTRIES


def check_phones(deps: Deps, tenant: str, phones: Iterable[tuple[str, str | None]]) -> None:
    """Each given number (already normalised) is of a country the organisation sends SMS to; the
    simulator's numbers are for a test tenant only. InvalidFields naming each field."""
    given = [(name, phone) for name, phone in phones if phone]
    test_mode.check_phones(tenant, given)
    given = [(name, phone) for name, phone in given if phone not in SIMULATOR_PHONES]
    if not given:
        return  # no read of the organisation when no number came
    allowed = countries(deps, tenant)
    errors = [
        FieldError(name, f"is a number of {region_of(phone)}; {COUNTRY_RULE}", CODE)
        for name, phone in given
        if not allows(allowed, phone)
    ]
    if errors:
        raise invalid_all("The request has", errors)


def reachable(deps: Deps, tenant: str, parties: list[EventPartyIn]) -> list[EventPartyIn]:
    """Parties from a ZGW zaak's rollen without a number the organisation does not send SMS to:
    such a party is reached by e-mail or on the website instead of the whole status failing."""
    if not any(p.phone for p in parties):
        return parties
    allowed = countries(deps, tenant)
    kept = []
    for party in parties:
        if party.phone and party.phone not in SIMULATOR_PHONES and not allows(allowed, party.phone):
            channel = party.channel if party.channel != "sms" else ("email" if party.email else WEBSITE_ONLY)
            party = party.model_copy(update={"phone": None, "channel": channel})
        kept.append(party)
    return kept
