"""Test mode: a test client of an organisation is a tenant of its own, `<org>~test`.

Everything keyed by the organisation id (cases, tracking tokens, the ledger, webhooks, counters)
is then apart from the live organisation's without further rules: `~` is outside the pattern of
organisation ids, so no live organisation can have a test tenant's id. The organisation itself
and its case types are the live organisation's (read, never changed, by the test tenant).

A test tenant's messages never reach a provider: a simulator takes them (into the test outbox),
and a few simulated recipients choose their outcome, as GOV.UK Notify's test keys do.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict

LIVE: Final = "live"
TEST: Final = "test"
Mode = Literal["live", "test"]
SUFFIX = "~test"

DELIVERED, PERMANENT_FAILURE, TEMPORARY_FAILURE = "delivered", "permanent-failure", "temporary-failure"
SIMULATED: dict[str, str] = {
    "+31600000001": DELIVERED,
    "delivered@simulator.zaakstatus.nl": DELIVERED,
    "+31600000002": PERMANENT_FAILURE,
    "permanent-failure@simulator.zaakstatus.nl": PERMANENT_FAILURE,
    "+31600000003": TEMPORARY_FAILURE,
    "temporary-failure@simulator.zaakstatus.nl": TEMPORARY_FAILURE,
}
# Not valid Dutch mobile numbers on purpose: no citizen can have one, so only a test tenant may use them.
SIMULATOR_PHONES = frozenset(a for a in SIMULATED if a.startswith("+"))


class ClientIn(BaseModel):
    """The operator's optional body of `POST /v1/admin/organisations/{org}/clients`."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    mode: Mode = "live"


def tenant(org_id: str, mode: str) -> str:
    """Whose cases a client's requests are about."""
    return f"{org_id}{SUFFIX}" if mode == TEST else org_id


def is_test(tenant_id: str) -> bool:
    return tenant_id.endswith(SUFFIX)


def live_org(tenant_id: str) -> str:
    """The organisation whose settings and case types a tenant uses."""
    return tenant_id.removesuffix(SUFFIX)


def simulated_outcome(address: str, attempt: int) -> str:
    """What the simulator does with a message to `address` on its `attempt`th try (from 1): a
    temporary failure fails once, then is delivered; an address not simulated is delivered."""
    outcome = SIMULATED.get(address.lower(), DELIVERED)
    if outcome == TEMPORARY_FAILURE and attempt > 1:
        return DELIVERED
    return outcome


class SimulatedMessage(BaseModel):
    """A test tenant's message as the simulator took it (kept a week in the test outbox)."""

    model_config = ConfigDict(frozen=True, defer_build=True)
    channel: str
    to: str
    subject: str | None = None
    body: str
    at: dt.datetime
    case_id: str
    status: str | None = None  # the case's status the message is about (none for a document's)
    outcome: str  # delivered | permanent-failure | temporary-failure
