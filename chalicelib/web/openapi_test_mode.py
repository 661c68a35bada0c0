"""The OpenAPI path of a test client's outbox, and the models of test mode."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from chalicelib.domain.test_mode import ClientIn
from chalicelib.domain.test_mode_answers import SimulatedOutboxOut
from chalicelib.web.openapi_parts import ORG, errors, json_answer

REQUESTS: tuple[type[BaseModel], ...] = (ClientIn,)
ANSWERS: tuple[type[BaseModel], ...] = (SimulatedOutboxOut,)


def test_mode_paths() -> dict[str, Any]:
    return {
        "/v1/test-outbox": {
            "get": {
                "operationId": "testOutbox",
                "security": ORG,
                "description": "A test client's messages: the simulator takes them instead of a provider, in "
                "every stage. Simulated recipients: +31600000001 / delivered@simulator.zaakstatus.nl delivered, "
                "+31600000002 / permanent-failure@simulator.zaakstatus.nl a permanent failure, +31600000003 / "
                "temporary-failure@simulator.zaakstatus.nl a temporary failure, then delivered on the retry; "
                "any other address delivered. A live client has no test outbox (404).",
                "responses": {
                    "200": json_answer("SimulatedOutboxOut", "The latest 100 messages, newest first."),
                    **errors("401", "404"),
                },
            }
        }
    }
