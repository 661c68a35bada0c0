"""Tenant isolation, as a matrix: every organisation route called with another organisation's
credentials on the first organisation's resources answers 404 (or 400/401/403), never the
resource; operator routes refuse organisation tokens; organisation routes refuse the operator's.
"""

from __future__ import annotations

import pytest

from tests.builders import HVC_CASE_TYPE, event_body
from tests.security.conftest import OPERATOR, World

HVC_CASE = "HVC-2026-000123"
HVC_ONLY_TYPE = "hvc-eigen"

# Every route of the app, by who may call it. A new route must be placed here (see the last test).
# (The two writes come last: they create the other organisation's own things of the same name.)
ORG_ROUTES = [
    ("GET", "/v1/case-types/{code}", None),
    ("GET", "/v1/case-types", None),
    ("GET", "/v1/cases/{case_id}", None),
    ("PUT", "/v1/cases/{case_id}/subscriber", {"channel": "none"}),
    ("DELETE", "/v1/cases/{case_id}/subscriber", None),
    ("GET", "/v1/zgw/connection", None),
    ("POST", "/v1/zgw/catalogue/import", None),  # HVC's connection is never used for another
    ("POST", "/v1/events", {**event_body(), "case": {**event_body()["case"], "case_type": HVC_ONLY_TYPE}}),
    ("PUT", "/v1/case-types/{code}", HVC_CASE_TYPE),
]
OPERATOR_ROUTES = [
    ("POST", "/v1/admin/organisations", {"id": "intruder", "name": "Intruder"}),
    ("POST", "/v1/admin/organisations/{org_id}/clients", None),
    ("DELETE", "/v1/admin/organisations/{org_id}/clients/{client_id}", None),
]
# Reached by the tracking token alone, or public, or by a provider/hub with its own check.
OTHER_ROUTES = {
    "/health",
    "/openapi.json",
    "/dev/outbox",
    "/static/{name}",
    "/v1/track/{token}",
    "/track/{token}",
    "/v1/track/{token}/preferences",
    "/track/{token}/preferences",
    "/v1/zgw/notifications/{organisation}",  # the hub's agreed Authorization value (tests/zgw)
    "/v1/webhooks/twilio/status",  # Twilio's signature (tests for delivery receipts)
}


@pytest.fixture(scope="module")
def matrix_world(world: World) -> World:
    hvc = world.as_org(world.hvc)
    assert world.call("PUT", f"/v1/case-types/{HVC_ONLY_TYPE}", hvc, HVC_CASE_TYPE).status_code == 201
    connection = {
        "zaken_api": "https://zaken.hvc.example/api/v1",
        "catalogi_api": "https://catalogi.hvc.example/api/v1",
        "client_id": "zaakstatus",
        "secret": "s" * 32,
        "rsins": ["002220647"],
        "notifications_authorization": "Token " + "h" * 32,
    }
    assert world.call("PUT", "/v1/zgw/connection", hvc, connection).status_code == 200
    return world


def _path(template: str, world: World, client_id: str | None = None) -> str:
    return template.format(
        code=HVC_ONLY_TYPE, case_id=HVC_CASE, org_id="hvc", client_id=client_id or world.hvc["client_id"]
    )


def _hvc_unchanged(world: World) -> None:
    hvc = world.as_org(world.hvc)
    case = world.call("GET", f"/v1/cases/{HVC_CASE}", hvc)
    assert case.status_code == 200
    assert case.json_body["subscriber"]["channel"] == "sms"  # not erased, not replaced
    assert case.json_body["current_status"]["code"] == "in_behandeling"
    assert world.call("GET", f"/v1/case-types/{HVC_ONLY_TYPE}", hvc).status_code == 200
    assert world.call("GET", "/v1/zgw/connection", hvc).status_code == 200


@pytest.mark.parametrize(("method", "template", "body"), ORG_ROUTES, ids=[f"{m} {t}" for m, t, _ in ORG_ROUTES])
def test_another_organisation_never_reaches_hvcs_resources(matrix_world, method, template, body):
    world = matrix_world
    response = world.call(method, _path(template, world), world.as_org(world.other), body)

    if (method, template) == ("PUT", "/v1/case-types/{code}"):
        assert response.status_code == 201  # a case type of its own, in its own namespace
    elif (method, template) == ("GET", "/v1/case-types"):
        assert HVC_ONLY_TYPE not in [c["code"] for c in response.json_body["case_types"]]
    elif (method, template) == ("PUT", "/v1/cases/{case_id}/subscriber"):
        # A preference may precede a case's first event (ZGW): it lands in its own namespace,
        # and the answer holds only what it sent.
        assert response.status_code in (200, 404)
    elif (method, template) == ("POST", "/v1/events"):
        # HVC's case type does not exist for it: nothing is written anywhere
        assert response.status_code == 400
        assert response.json_body["invalid_params"][0]["name"] == "case.case_type"
    else:
        assert response.status_code in (403, 404), response.body
    _hvc_unchanged(world)


@pytest.mark.parametrize(
    ("method", "template", "body"), OPERATOR_ROUTES, ids=[f"{m} {t}" for m, t, _ in OPERATOR_ROUTES]
)
@pytest.mark.parametrize("who", ["hvc", "other"])
def test_operator_routes_refuse_organisation_tokens(matrix_world, method, template, body, who):
    world = matrix_world
    response = world.call(method, _path(template, world), world.as_org(getattr(world, who)), body)
    assert response.status_code == 401
    assert response.headers["Content-Type"] == "application/problem+json"
    _hvc_unchanged(world)


@pytest.mark.parametrize(("method", "template", "body"), ORG_ROUTES, ids=[f"{m} {t}" for m, t, _ in ORG_ROUTES])
def test_organisation_routes_refuse_the_operator_token(matrix_world, method, template, body):
    world = matrix_world
    response = world.call(method, _path(template, world), OPERATOR, body)
    assert response.status_code == 401
    _hvc_unchanged(world)


def test_the_operator_cannot_revoke_a_client_through_another_organisations_path(matrix_world):
    world = matrix_world
    path = f"/v1/admin/organisations/other/clients/{world.hvc['client_id']}"
    assert world.call("DELETE", path, OPERATOR).status_code == 404
    assert world.call("GET", "/v1/case-types", world.as_org(world.hvc)).status_code == 200


def test_a_tracking_token_under_another_organisations_prefix_finds_nothing(matrix_world):
    world = matrix_world
    secret = world.hvc_token_url.split(".", 1)[1]
    for path in (f"/v1/track/other.{secret}", f"/track/other.{secret}"):
        assert world.call("GET", path).status_code == 404
    assert world.call("GET", f"/v1/track/{world.hvc_token_url}").status_code == 200


def test_every_route_of_the_app_is_in_the_matrix():
    from app import app

    placed = {t for _, t, _ in ORG_ROUTES + OPERATOR_ROUTES} | OTHER_ROUTES
    routes = {
        path
        for path, entries in app.routes.items()
        if any(not r.view_name.startswith("fallback") for r in entries.values())
    }
    assert routes - placed == set(), "place the new routes in the isolation matrix"
