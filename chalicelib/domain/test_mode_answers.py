"""What `GET /v1/test-outbox` answers: a test tenant's latest messages, newest first."""

from __future__ import annotations

from chalicelib.domain.answers import Answer


class SimulatedMessageOut(Answer):
    channel: str
    to: str
    subject: str | None
    body: str
    at: str
    case_id: str
    status: str | None
    outcome: str  # delivered | permanent-failure | temporary-failure


class SimulatedOutboxOut(Answer):
    messages: list[SimulatedMessageOut]  # the latest 100, newest first
