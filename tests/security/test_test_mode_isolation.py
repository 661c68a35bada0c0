"""A test client against its own organisation's live resources: every organisation route either
reads what a test client shares with the live organisation (its settings and case types, read
only), works on the test tenant's own things, or refuses; never the live cases, never a 500."""

from __future__ import annotations

from typing import Any

import pytest

from tests.security.conftest import OPERATOR
from tests.security.test_isolation_matrix import (  # noqa: F401 - matrix_world is a fixture
    HVC_CASE,
    ORG_ROUTES,
    MatrixWorld,
    _hvc_unchanged,
    _path,
    matrix_world,
)

# What HVC's test client gets on each route with HVC's live names; any other route: 404.
EXPECTED: dict[tuple[str, str], set[int]] = {
    ("GET", "/v1/organisation"): {200},  # the organisation's settings: read only
    ("GET", "/v1/organisation/sender"): {200},
    ("PUT", "/v1/organisation"): {403},
    ("GET", "/v1/case-types/{code}"): {200},  # the organisation's case types: read only
    ("GET", "/v1/case-types"): {200},
    ("PUT", "/v1/case-types/{code}"): {403},
    ("GET", "/v1/test-outbox"): {200},
    ("POST", "/v1/case-types/{code}/preview"): {200},  # renders the organisation's text, sends nothing
    ("GET", "/v1/reports"): {200},  # the test tenant's own counters
    ("GET", "/v1/reports/overdue"): {200},
    ("GET", "/v1/webhooks"): {200},
    ("GET", "/v1/shared-cases"): {200},
    ("POST", "/v1/events"): {202},  # a test case of its own, of the organisation's case type
    ("PUT", "/v1/webhooks/{name}"): {201},  # its own webhook
    ("PUT", "/v1/cases/{case_id}/subscriber"): {200},  # on its own test case
    ("PUT", "/v1/cases/{case_id}/parties/{party_id}"): {201},
    ("PUT", "/v1/partners/{partner}"): {200},  # its own partnership: it opens nothing of HVC's
    ("DELETE", "/v1/partners/{partner}"): {204},
    # Erasing finds its own test case only once the event above made one.
    ("DELETE", "/v1/cases/{case_id}/subscriber"): {204, 404},
    ("DELETE", "/v1/cases/{case_id}/parties/{party_id}"): {204, 404},
    ("DELETE", "/v1/cases/{case_id}/parties"): {204, 404},
}


@pytest.fixture(scope="module")
def hvc_test(matrix_world: MatrixWorld) -> dict[str, Any]:  # noqa: F811 - the imported fixture
    response = matrix_world.call("POST", "/v1/admin/organisations/hvc/clients", OPERATOR, {"mode": "test"})
    assert response.status_code == 201, response.body
    return dict(response.json_body)


@pytest.mark.parametrize(("method", "template", "body"), ORG_ROUTES, ids=[f"{m} {t}" for m, t, _ in ORG_ROUTES])
def test_hvcs_test_client_never_reaches_hvcs_live_cases(matrix_world, hvc_test, method, template, body):  # noqa: F811
    world = matrix_world
    response = world.call(method, _path(template, world), world.as_org(hvc_test), body)

    assert response.status_code in EXPECTED.get((method, template), {404}), response.body
    if response.status_code >= 400:
        assert response.headers["Content-Type"] == "application/problem+json"
    if (method, template) == ("GET", "/v1/organisation"):
        assert response.json_body["name"] == "HVC"
    _hvc_unchanged(world)


def test_the_test_client_sees_no_live_case_and_the_live_client_no_test_case(matrix_world, hvc_test):  # noqa: F811
    world = matrix_world
    assert world.call("GET", f"/v1/cases/{HVC_CASE}", world.as_org(world.hvc)).json_body["subscriber"]["channel"]
    test_case = world.call("GET", f"/v1/cases/{HVC_CASE}", world.as_org(hvc_test))
    assert test_case.status_code in (200, 404)  # its own case of that id (after the matrix's event), or none
    if test_case.status_code == 200:
        assert test_case.json_body["current_status"]["code"] == "in_behandeling"
        assert test_case.json_body["tracking_url"].rsplit("/", 1)[1].startswith("hvc~test.")
