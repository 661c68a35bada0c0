"""Test mode's use cases: the simulator that stands in for the providers of a test tenant, its
outbox, and the few things a test tenant may not do (see `chalicelib/domain/test_mode.py`).

The simulator is chosen where a provider would be called (delivery and document notices), from
the tenant alone: nothing a test client sends can make its messages reach a provider, in any
stage. It keeps each message in the test outbox and answers as a provider would, by address."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from chalicelib.domain import clock
from chalicelib.domain.channels import OutgoingMessage, PermanentError, RetryableError
from chalicelib.domain.errors import FieldError, Forbidden, NotFound, invalid_all
from chalicelib.domain.test_mode import (
    PERMANENT_FAILURE,
    SIMULATOR_PHONES,
    TEMPORARY_FAILURE,
    SimulatedMessage,
    is_test,
    simulated_outcome,
)
from chalicelib.domain.test_mode_answers import SimulatedMessageOut, SimulatedOutboxOut
from chalicelib.ports import Sender
from chalicelib.services.deps import Deps

LATEST = 100


class Simulator:
    """One channel's stand-in provider for one message of a test tenant."""

    def __init__(self, deps: Deps, tenant: str, channel: str, case_id: str, status: str | None, attempt: int) -> None:
        self.deps, self.tenant, self.channel = deps, tenant, channel
        self.case_id, self.status, self.attempt = case_id, status, attempt

    def send(self, message: OutgoingMessage) -> str:
        outcome = simulated_outcome(message.to, self.attempt)
        taken = SimulatedMessage(
            channel=self.channel,
            to=message.to,
            subject=message.subject,
            body=message.body,
            at=clock.now(),
            case_id=self.case_id,
            status=self.status,
            outcome=outcome,
        )
        if self.deps.simulated_outbox is not None:
            self.deps.simulated_outbox.add(self.tenant, taken)
        if outcome == PERMANENT_FAILURE:
            raise PermanentError("simulator-permanent-failure")
        if outcome == TEMPORARY_FAILURE:
            raise RetryableError("simulator-temporary-failure")
        return f"simulator-{secrets.token_hex(8)}"


def sender(deps: Deps, tenant: str, channel: str, case_id: str, status: str | None, attempt: int) -> Sender:
    """The provider of `channel` for a live organisation; the simulator for a test tenant."""
    if is_test(tenant):
        return Simulator(deps, tenant, channel, case_id, status, attempt)
    return deps.senders.get(channel)


def outbox(deps: Deps, tenant: str) -> SimulatedOutboxOut:
    """`GET /v1/test-outbox`: a test client's latest messages, newest first."""
    if not is_test(tenant):
        raise NotFound("Only a test client has a test outbox.")
    taken = deps.simulated_outbox.latest(tenant, LATEST) if deps.simulated_outbox else []
    return SimulatedOutboxOut(
        messages=[
            SimulatedMessageOut(**m.model_dump(exclude={"at"}), at=m.at.isoformat().replace("+00:00", "Z"))
            for m in taken
        ]
    )


def refuse_for_test(tenant: str, what: str) -> None:
    """What only the live organisation may do (its case types, settings, ZGW connection)."""
    if is_test(tenant):
        raise Forbidden(f"A test client may not {what}: use a live client of the organisation.")


def check_phones(tenant: str, phones: Iterable[tuple[str, str | None]]) -> None:
    """The simulator's numbers are for a test tenant only; a live case refuses them, by field."""
    if is_test(tenant):
        return
    reason = "is a simulator number, for test clients only"
    # The code lets the citizen's page word it as any other number it cannot take.
    errors = [FieldError(name, reason, "phone.invalid") for name, phone in phones if phone in SIMULATOR_PHONES]
    if errors:
        raise invalid_all("The request has", errors)
