"""Test mode's rules: tenants, the simulated recipients, and the simulator's numbers."""

from __future__ import annotations

import re

import pytest

from chalicelib.domain.contacts import normalise_mobile
from chalicelib.domain.inbound import ORG_ID
from chalicelib.domain.test_mode import is_test, live_org, simulated_outcome, tenant


def test_a_test_clients_tenant_is_apart_from_every_live_organisation():
    assert tenant("hvc", "test") == "hvc~test" and tenant("hvc", "live") == "hvc"
    assert is_test("hvc~test") and not is_test("hvc")
    assert live_org("hvc~test") == live_org("hvc") == "hvc"
    assert not re.match(ORG_ID, "hvc~test")  # no organisation can be created with a tenant's id


@pytest.mark.parametrize(
    ("address", "first", "retry"),
    [
        ("+31600000001", "delivered", "delivered"),
        ("Delivered@Simulator.Zaakstatus.nl", "delivered", "delivered"),
        ("+31600000002", "permanent-failure", "permanent-failure"),
        ("permanent-failure@simulator.zaakstatus.nl", "permanent-failure", "permanent-failure"),
        ("+31600000003", "temporary-failure", "delivered"),
        ("temporary-failure@simulator.zaakstatus.nl", "temporary-failure", "delivered"),
        ("+31612345678", "delivered", "delivered"),
        ("jan@example.nl", "delivered", "delivered"),
    ],
)
def test_a_simulated_recipient_chooses_the_outcome_of_each_try(address, first, retry):
    assert (simulated_outcome(address, 1), simulated_outcome(address, 2)) == (first, retry)


@pytest.mark.parametrize("raw", ["+31600000001", "06 00000002", "0600000003"])
def test_the_simulator_numbers_pass_as_numbers_the_services_then_keep_to_test_clients(raw):
    assert normalise_mobile(raw).startswith("+3160000000")


def test_other_invalid_numbers_stay_refused():
    with pytest.raises(ValueError, match="not a valid phone number"):
        normalise_mobile("0600000004")
