"""An organisation's settings as checked when it is created and when it changes them, and what
the answers say about its e-mail sender (on the memory adapters: no I/O)."""

from __future__ import annotations

import dataclasses

import pytest
from pydantic import ValidationError

from chalicelib.adapters.memory_identities import MemoryIdentities
from chalicelib.domain.errors import Forbidden
from chalicelib.domain.inbound import OrganisationIn
from chalicelib.domain.organisation_settings import OrganisationSettingsIn
from chalicelib.domain.sender_identity import SenderIdentity, SenderUnavailable
from chalicelib.services import organisation_settings, organisations
from local import seed, seed_parties, seed_uwv

MODELS = (OrganisationSettingsIn, OrganisationIn)


def _errors(model, **fields) -> list[str]:
    try:
        model.model_validate(
            {"id": "gouda", "name": "Gouda", **fields} if model is OrganisationIn else {"name": "Gouda", **fields}
        )
    except ValidationError as exc:
        return [".".join(str(p) for p in e["loc"]) for e in exc.errors()]
    return []


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize(
    "name",
    ["HVC\r\nBcc: x@example.org", "HVC\nX", "HVC\rX", "HVC\x00", "HVC\tGroep", "HVC\x85X", "HVC\u2028X", "A\u200bB"],
)
def test_a_name_with_a_line_break_or_control_character_is_refused(model, name):
    assert _errors(model, name=name) == ["name"]


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize(
    "name", ["Gemeente 's-Hertogenbosch", "Waterschap Hollandse Delta", "Gemeente Súdwest-Fryslân"]
)
def test_a_name_on_one_line_is_accepted(model, name):
    assert _errors(model, name=name) == []


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("sender", ["HVC", "Gouda", "ZuidHolland", "Zuid Hollan", "Gem 2", "SVB2026", "+31612345678"])
def test_an_sms_sender_twilio_accepts_is_accepted(model, sender):
    assert _errors(model, sms_from=sender) == []


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize(
    "sender", ["", "12345", "0612345678", "Zuid-Holland", "Twaalf tekens", "HVC!", "Gemeente\u00e9", "+0612345678"]
)
def test_an_sms_sender_twilio_would_refuse_is_refused(model, sender):
    assert _errors(model, sms_from=sender) == ["sms_from"]


def test_every_seeded_organisation_passes_the_checks():
    for org in seed.ORGANISATIONS + seed_parties.ORGANISATIONS + seed_uwv.ORGANISATIONS:
        OrganisationIn.model_validate(org["org"])


def _deployed(deps):
    """The service as a deployed stage wires it: a new domain stays pending until SES finds its records."""
    return dataclasses.replace(deps, sender_identities=MemoryIdentities())


def test_a_new_organisations_unverified_sender_is_said_plainly_at_creation(deps):
    created = organisations.create(
        _deployed(deps), OrganisationIn(id="gouda", name="Gouda", email_from="noreply@gouda.example")
    )

    assert created.sender is not None
    assert (created.sender.domain, created.sender.status, len(created.sender.dns_records)) == (
        "gouda.example",
        "pending",
        3,
    )
    [warning] = created.warnings
    assert "refused" in warning and "GET /v1/organisation/sender" in warning


def test_the_sender_is_verified_once_ses_has_found_the_records(deps):
    deployed = _deployed(deps)
    organisations.create(deployed, OrganisationIn(id="gouda", name="Gouda", email_from="noreply@gouda.example"))
    before = organisation_settings.sender(deployed, "gouda")

    deployed.sender_identities.verify("gouda.example")  # type: ignore[union-attr]
    after = organisation_settings.sender(deployed, "gouda")

    assert (before.status, len(before.warnings)) == ("pending", 1)
    assert (after.status, after.warnings) == ("verified", [])
    assert after.dns_records == before.dns_records


class Unreachable:
    def create(self, domain: str) -> SenderIdentity:
        raise SenderUnavailable("SES could not be reached (EndpointConnectionError).")

    def get(self, domain: str) -> SenderIdentity | None:
        raise SenderUnavailable("SES could not be reached (EndpointConnectionError).")


def test_ses_out_of_reach_does_not_fail_the_creation_but_is_warned_of(deps):
    created = organisations.create(
        dataclasses.replace(deps, sender_identities=Unreachable()), OrganisationIn(id="gouda", name="Gouda")
    )
    assert created.client_secret and created.sender is None
    assert "could not be created" in created.warnings[0]


def test_a_test_tenant_cannot_change_the_settings(deps, org):
    with pytest.raises(Forbidden):
        organisation_settings.put(deps, "hvc~test", OrganisationSettingsIn(name="Test"))
    assert organisation_settings.get(deps, "hvc~test").name == "HVC"


def test_put_keeps_what_is_not_a_setting(deps, org):
    saved = organisation_settings.put(deps, "hvc", OrganisationSettingsIn(name="HVC Groep", sms_from="HVCGroep"))
    stored = deps.organisations.get_organisation("hvc")

    assert (saved.name, saved.sms_from, saved.warnings) == ("HVC Groep", "HVCGroep", [])
    assert stored is not None and stored.id == "hvc" and stored.name == "HVC Groep"
    assert stored.email_from == deps.settings.default_email_from  # absent: the platform's sender
