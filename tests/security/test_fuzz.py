"""Schemathesis against the app: generated requests for every operation of the OpenAPI
description, all checks, every answer held to the description. No answer may be a 5xx.

All four phases run: the description's examples, coverage (boundary values, every missing or
wrong parameter, and the methods a path does not have: TRACE, QUERY, PATCH, ...), fuzzing, and
stateful workflows along the links Schemathesis infers (an organisation created, then its
clients; a case type put, then read). `make fuzz` runs the same with many more examples
(ZAAKSTATUS_FUZZ_EXAMPLES), a random seed and a higher floor of requests
(ZAAKSTATUS_FUZZ_MIN_REQUESTS); the last test prints the requests sent, the 5xx answers and the time.
"""

from __future__ import annotations

import os
import time

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from chalicelib.web import openapi
from tests.harness import org_token
from tests.security.conftest import OPERATOR, World
from tests.security.wsgi import ChaliceWSGI

EXAMPLES = int(os.environ.get("ZAAKSTATUS_FUZZ_EXAMPLES", "110"))
DETERMINISTIC = "ZAAKSTATUS_FUZZ_EXAMPLES" not in os.environ  # `make test` is reproducible
MIN_REQUESTS = int(os.environ.get("ZAAKSTATUS_FUZZ_MIN_REQUESTS", "2000"))
STATEFUL_EXAMPLES = 11
STARTED = time.monotonic()

# Business rules beyond JSON Schema answer schema-valid requests with 400: a landline is not a
# mobile, a case type must exist, a public status needs a Dutch text. The console's pages answer a
# request without a session with 303 to the sign-in page. Otherwise as Schemathesis expects by default.
CONFIG = {
    "phases": {name: {"enabled": True} for name in ("examples", "coverage", "fuzzing", "stateful")},
    "generation": {"max-examples": EXAMPLES, "deterministic": DETERMINISTIC},
    "checks": {
        "positive_data_acceptance": {"expected-statuses": ["2xx", "303", "400", "401", "403", "404", "409", "429"]}
    },
}

APP = ChaliceWSGI()  # the client is attached once moto and the seed data are up
schema = schemathesis.openapi.from_dict(openapi.document(), config=schemathesis.Config.from_dict(CONFIG))
# The one operation left out: importing a ZGW catalogue calls the organisation's ZGW server,
# which generated connections would point anywhere on the internet (tests/zgw fakes it).
schema = schema.exclude(operation_id="importZgwCatalogue")
schema.app = APP
CREDENTIALS: dict[str, World] = {}


@schema.auth()
class Credentials:
    """The operator's token on operator routes, a fresh JWT of HVC's client on the others."""

    def get(self, case, context):
        return "fresh per request"  # `set` makes the token: a JWT is valid for an hour only

    def set(self, case, data, context):
        world = CREDENTIALS.get("world")
        if world is None or case.operation.definition.raw.get("security") == []:
            return  # (also called while collecting, before the app is up)
        admin = case.operation.path.startswith("/v1/admin/")
        token = OPERATOR if admin else "Bearer " + org_token(world.hvc)
        case.headers = {**(case.headers or {}), "Authorization": token}


@pytest.fixture
def attached(world: World) -> None:
    APP.client = world.client
    CREDENTIALS["world"] = world


Workflow = schema.as_state_machine()


def test_workflows_along_the_inferred_links_answer_as_described_and_never_with_a_500(attached):
    # First, on the freshly seeded world, derandomised and small, also in `make fuzz`: which
    # links can be followed depends on what the app answered before (the world is not reset
    # between scenarios), so a longer or random run replays differently and Hypothesis stops
    # (FlakyStrategyDefinition).
    Workflow.run(
        settings=settings(
            max_examples=STATEFUL_EXAMPLES,
            stateful_step_count=6,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
    )


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=DETERMINISTIC,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_described_and_never_with_a_500(case, attached):
    case.call_and_validate()


def test_the_fuzzing_sent_at_least_the_floor_of_requests_and_no_5xx():
    if not APP.requests:
        pytest.skip("runs after the fuzz tests, in the same session")
    errors = sum(count for status, count in APP.statuses.items() if status >= 500)
    minutes = (time.monotonic() - STARTED) / 60
    print(
        f"\nschemathesis: {APP.requests} requests, {errors} answered 5xx, {minutes:.1f} minutes;"
        f" statuses {dict(sorted(APP.statuses.items()))}"
    )
    assert errors == 0
    assert APP.requests >= MIN_REQUESTS


def test_every_route_and_method_of_the_app_is_described():
    from app import app

    described = {(path, method.upper()) for path, item in openapi.document()["paths"].items() for method in item}
    routes = {
        (path, method)
        for path, entries in app.routes.items()
        for method, route in entries.items()
        if not route.view_name.startswith("fallback")
    }
    assert routes - described == set(), "describe the new operations in chalicelib/web/openapi_paths.py"
    assert described - routes == set()
