"""What fails in the state machine: a ledger that dies at crash points, and providers that fail
as told and keep the truth of what they accepted."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.ledger_store import LedgerStore
from chalicelib.domain.channels import OutgoingMessage, PermanentError, RetryableError, UnconfirmedError
from chalicelib.domain.messages import NotificationRef
from chalicelib.domain.models import NotificationChange, State


class Crash(BaseException):
    """The process died here: no except-clause of ours runs."""


class CrashingLedger(LedgerStore):
    """The ledger on the memory table; once a crash point is set, the process dies there."""

    crash: str | None = None

    def take(self, point: str) -> bool:
        if self.crash == point:
            self.crash = None
            return True
        return False

    def transition(self, ref: NotificationRef, from_states: tuple[str, ...], change: NotificationChange) -> bool:
        if from_states == (State.SENDING,) and self.take("before-outcome"):
            raise Crash("before-outcome")
        moved = super().transition(ref, from_states, change)
        if moved and change.state == State.SENDING and change.count_attempt and self.take("after-claim"):
            raise Crash("after-claim")
        return moved

    def count_recipient_message(self, *args: Any, **kwargs: Any) -> bool:
        counted = super().count_recipient_message(*args, **kwargs)
        if self.take("after-count"):
            raise Crash("after-count")
        return counted


class Provider:
    """A fake provider for one channel: accepts, fails as told, and keeps the truth."""

    def __init__(self, name: str, machine: Any) -> None:
        self.name = name
        self.machine = machine
        self.faults: list[str] = []
        self.accepted: list[tuple[str, str]] = []  # (notification id, provider id)

    def send(self, message: OutgoingMessage) -> str:
        fault = self.faults.pop(0) if self.faults else None
        if fault == "retryable":
            raise RetryableError("twilio-429" if self.name == "sms" else "ses-Throttling")
        if fault == "permanent":
            raise PermanentError("twilio-21211" if self.name == "sms" else "ses-MessageRejected")
        if fault == "unconfirmed-lost":
            raise UnconfirmedError("connection")
        if fault == "unexpected":
            raise RuntimeError("boom")
        self.machine.check_not_stale(message.reference)
        sid = f"{self.name}-{len(self.accepted) + 1}"
        self.accepted.append((message.reference, sid))
        self.machine.sends[message.reference].append((self.name, sid))
        if fault == "unconfirmed-accepted":
            raise UnconfirmedError("timeout")
        if self.machine.ledger.take("after-accept"):
            raise Crash("after-accept")
        return sid
