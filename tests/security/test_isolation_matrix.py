"""Tenant isolation, as a matrix: every organisation route called with another organisation's
credentials on the first organisation's resources answers 404 (or 400/401/403), never the
resource; operator routes refuse organisation tokens; organisation routes refuse the operator's.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import pytest

from tests.builders import HVC_CASE_TYPE, event_body
from tests.security.conftest import OPERATOR, World

HVC_CASE = "HVC-2026-000123"
HVC_ONLY_TYPE = "hvc-eigen"
HVC_WEBHOOK = "crm"
WEBHOOK = {"url": "https://hooks.example.com/zaakstatus", "events": ["case.status_changed"], "cases": "all"}
HVC_PARTY = "advocaat"  # HVC's representative on its case
SHARED_WITH = "dcmr"  # commissions HVC's case (a share) and may link sub-cases to HVC's cases
REPRESENTATIVE = {"role": "representative", "kind": "person", "channel": "sms", "phone": "06 22222222"}
COMMISSIONER = {"role": "commissioner", "kind": "organisation", "identifier": {"organisation": SHARED_WITH}}
HVC_DOCUMENT = "besluit"  # a document of HVC's case, kept elsewhere (its URL)
DOCUMENT = {"title": "Besluit", "type": "besluit", "date": "2026-12-01", "url": "https://hvc.example/besluit.pdf"}

# Every route of the app, by who may call it. A new route must be placed here (see the last test).
# (The three writes come last: they create the other organisation's own things of the same name.)
ORG_ROUTES = [
    ("GET", "/v1/organisation", None),  # no path parameter: a token reaches its own organisation only
    ("GET", "/v1/organisation/sender", None),
    ("GET", "/v1/case-types/{code}", None),
    ("GET", "/v1/case-types", None),
    ("POST", "/v1/case-types/{code}/preview", {"status": "ontvangen", "language": "nl", "channel": "sms"}),
    ("GET", "/v1/cases/{case_id}", None),
    ("DELETE", "/v1/cases/{case_id}/subscriber", None),
    ("GET", "/v1/cases/{case_id}/parties/{party_id}", None),
    ("DELETE", "/v1/cases/{case_id}/parties/{party_id}", None),
    ("DELETE", "/v1/cases/{case_id}/parties", None),
    ("PUT", "/v1/cases/{case_id}/documents/{doc_id}", {**DOCUMENT, "title": "Vervalst"}),  # no such case of its own
    ("PUT", "/v1/cases/{case_id}/documents/{doc_id}/content", None),
    ("DELETE", "/v1/cases/{case_id}/documents/{doc_id}", None),
    ("GET", "/v1/shared-cases", None),
    ("GET", "/v1/shared-cases/{owner}/{case_id}", None),
    ("DELETE", "/v1/partners/{partner}", None),  # its own partnership (none): HVC's stays
    ("GET", "/v1/zgw/connection", None),
    ("POST", "/v1/zgw/catalogue/import", None),  # HVC's connection is never used for another
    ("GET", "/v1/webhooks", None),
    ("GET", "/v1/webhooks/{name}/deliveries", None),
    ("GET", "/v1/test-outbox", None),  # a live client has none: 404
    ("GET", "/v1/reports", None),  # no case id: a token reaches its own organisation's figures only
    ("GET", "/v1/reports/overdue", None),
    ("DELETE", "/v1/webhooks/{name}", None),
    ("POST", "/v1/events", {**event_body(), "case": {**event_body()["case"], "case_type": HVC_ONLY_TYPE}}),
    ("PUT", "/v1/case-types/{code}", HVC_CASE_TYPE),
    ("PUT", "/v1/webhooks/{name}", WEBHOOK),
    # A party or preference may precede a case's first event (ZGW): they land in the caller's
    # own namespace (after the reads and erasures above, which then find nothing of its own).
    ("PUT", "/v1/cases/{case_id}/subscriber", {"channel": "none"}),
    ("PUT", "/v1/cases/{case_id}/parties/{party_id}", {**REPRESENTATIVE, "phone": "06 11111199"}),
    ("PUT", "/v1/partners/{partner}", {"subcases": True}),
    ("PUT", "/v1/organisation", {"name": "OTHER", "email_from": "noreply@other.example"}),
]
OPERATOR_ROUTES = [
    ("POST", "/v1/admin/organisations", {"id": "intruder", "name": "Intruder"}),
    ("POST", "/v1/admin/organisations/{org_id}/clients", None),
    ("DELETE", "/v1/admin/organisations/{org_id}/clients/{client_id}", None),
    ("PUT", "/v1/admin/organisations/{org_id}/staff/{email}", {"role": "admin"}),
    ("DELETE", "/v1/admin/organisations/{org_id}/staff/{email}", None),
]
# The console's pages, signed in as staff of an organisation (a session is of one organisation).
# Each is called with the path (and query) of HVC's things by the other organisation's admin
# (tests/security/test_console_isolation.py).
HVC_STAFF = "beheer@hvc.example"
CONSOLE_ROUTES = [
    ("GET", "/console/cases", "?case_id={case_id}"),
    ("GET", "/console/case-types/{code}", ""),  # and its POST (tests/functional/test_console_case_types.py)
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
    "/track/{token}/documents/{doc_id}",
    "/v1/zgw/notifications/{organisation}",  # the hub's agreed Authorization value (tests/zgw)
    "/v1/webhooks/twilio/status",  # Twilio's signature (tests for delivery receipts)
    # The console's sign-in, sign-out and stylesheet: no organisation's data (test_console_sign_in.py)
    *("/console", "/console/sign-in", "/console/login/{token}", "/console/sign-out", "/console/static/{name}"),
    # The console's reports, of the session's organisation (tests/security/test_console_report_isolation.py)
    *("/console/reports", "/console/reports.csv", "/console/overdue", "/console/overdue.csv"),
    "/console/case-types",  # the session's own organisation's list (tests/functional/test_console_case_types.py)
    # DigiD sign-in: no organisation's data; the session it starts sees only its own identity's cases
    *("/mijn-zaken/digid", "/mijn-zaken/digid/callback"),  # (tests/functional/test_digid_sign_in.py)
    # A citizen's own cases: the session sees only its address's and identity's (test_my_cases.py)
    *("/mijn-zaken", "/mijn-zaken/sign-in", "/mijn-zaken/login/{token}", "/mijn-zaken/sign-out"),
    *("/mijn-zaken/preferences", "/v1/me/sign-in", "/v1/me/cases", "/v1/me/sign-out"),
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
    assert world.call("PUT", f"/v1/webhooks/{HVC_WEBHOOK}", hvc, WEBHOOK).status_code == 201
    dcmr = world.call("POST", "/v1/admin/organisations", OPERATOR, {"id": SHARED_WITH, "name": "DCMR"}).json_body
    assert world.call("PUT", "/v1/case-types/klacht", world.as_org(dcmr), HVC_CASE_TYPE).status_code == 201
    for party_id, party in ((HVC_PARTY, REPRESENTATIVE), (SHARED_WITH, COMMISSIONER)):
        assert world.call("PUT", f"/v1/cases/{HVC_CASE}/parties/{party_id}", hvc, party).status_code == 201
    assert world.call("PUT", f"/v1/partners/{SHARED_WITH}", hvc, {"subcases": True}).status_code == 200
    assert world.call("PUT", f"/v1/cases/{HVC_CASE}/documents/{HVC_DOCUMENT}", hvc, DOCUMENT).status_code == 201
    return MatrixWorld(**{f.name: getattr(world, f.name) for f in fields(world)}, dcmr=dcmr)


@dataclass
class MatrixWorld(World):
    dcmr: dict[str, Any]  # the organisation HVC shares its case with and allows sub-cases from

    def dcmr_subcase(self) -> Any:
        """dcmr's event linking its case to HVC's as a sub-case (posted again: a replay)."""
        body = event_body()
        del body["subscriber"]
        body["case"] = {**body["case"], "id": "DCMR-1", "parent": {"organisation": "hvc", "case_id": HVC_CASE}}
        return self.call("POST", "/v1/events", self.as_org(self.dcmr), body)


def _path(template: str, world: World, client_id: str | None = None) -> str:
    return template.format(
        code=HVC_ONLY_TYPE,
        case_id=HVC_CASE,
        org_id="hvc",
        client_id=client_id or world.hvc["client_id"],
        name=HVC_WEBHOOK,
        party_id=HVC_PARTY,
        owner="hvc",
        partner=SHARED_WITH,
        doc_id=HVC_DOCUMENT,
        email=HVC_STAFF,
    )


def _hvc_unchanged(world: World) -> None:
    hvc = world.as_org(world.hvc)
    case = world.call("GET", f"/v1/cases/{HVC_CASE}", hvc)
    assert case.status_code == 200
    assert case.json_body["subscriber"]["channel"] == "sms"  # not erased, not replaced
    assert case.json_body["current_status"]["code"] == "in_behandeling"
    assert world.call("GET", f"/v1/case-types/{HVC_ONLY_TYPE}", hvc).status_code == 200
    assert world.call("GET", "/v1/organisation", hvc).json_body["name"] == "HVC"
    assert world.call("GET", "/v1/zgw/connection", hvc).status_code == 200
    assert [w["name"] for w in world.call("GET", "/v1/webhooks", hvc).json_body["webhooks"]] == [HVC_WEBHOOK]
    assert world.call("GET", f"/v1/webhooks/{HVC_WEBHOOK}/deliveries", hvc).status_code == 200
    assert isinstance(world, MatrixWorld)
    party = world.call("GET", f"/v1/cases/{HVC_CASE}/parties/{HVC_PARTY}", hvc)
    assert party.status_code == 200 and party.json_body["phone"] == "+316******22"  # not erased, not replaced
    assert {p["party_id"] for p in case.json_body["parties"]} == {"initiator", HVC_PARTY, SHARED_WITH}
    shared = world.call("GET", "/v1/shared-cases", world.as_org(world.dcmr)).json_body["cases"]
    assert [(c["organisation"], c["case_id"]) for c in shared] == [("hvc", HVC_CASE)]  # the share holds
    assert world.call("GET", f"/v1/shared-cases/hvc/{HVC_CASE}", world.as_org(world.dcmr)).status_code == 200
    assert world.dcmr_subcase().status_code == 202  # HVC's partnership with dcmr holds
    documents = world.call("GET", f"/v1/track/{world.hvc_token_url}").json_body["documents"]
    assert [(d["id"], d["title"]) for d in documents] == [(HVC_DOCUMENT, "Besluit")]  # not replaced, not deleted


@pytest.mark.parametrize(("method", "template", "body"), ORG_ROUTES, ids=[f"{m} {t}" for m, t, _ in ORG_ROUTES])
def test_another_organisation_never_reaches_hvcs_resources(matrix_world, method, template, body):
    world = matrix_world
    response = world.call(method, _path(template, world), world.as_org(world.other), body)

    if (method, template) in (("PUT", "/v1/case-types/{code}"), ("PUT", "/v1/webhooks/{name}")):
        assert response.status_code == 201, response.body  # its own, in its own namespace
        assert response.json_body.get("secret", "whsec_").startswith("whsec_")  # a new secret, not HVC's
    elif (method, template) == ("GET", "/v1/webhooks"):
        assert response.status_code == 200
        assert response.json_body == {"webhooks": []}
    elif (method, template) == ("GET", "/v1/case-types"):
        assert HVC_ONLY_TYPE not in [c["code"] for c in response.json_body["case_types"]]
    elif (method, template) == ("PUT", "/v1/cases/{case_id}/subscriber"):
        # A preference may precede a case's first event (ZGW): it lands in its own namespace,
        # and the answer holds only what it sent.
        assert response.status_code in (200, 404)
        assert response.status_code == 404 or response.json_body["phone"] is None
    elif (method, template) == ("PUT", "/v1/cases/{case_id}/parties/{party_id}"):
        assert response.status_code == 201, response.body  # a party of its own, not HVC's replaced
        assert response.json_body["phone"] == "+316******99"
        assert response.json_body["tracking_url"].rsplit("/", 1)[1].startswith("other.")  # its own link
    elif (method, template) == ("GET", "/v1/shared-cases"):
        assert response.status_code == 200
        assert response.json_body == {"cases": []}  # HVC shares nothing with it
    elif (method, template) == ("PUT", "/v1/partners/{partner}"):
        assert response.status_code == 200  # its own partnership; it gives it nothing of HVC's
    elif (method, template) == ("DELETE", "/v1/partners/{partner}"):
        assert response.status_code == 204  # revokes its own (none): HVC's partnership stays
    elif (method, template) == ("POST", "/v1/events"):
        # HVC's case type does not exist for it: nothing is written anywhere
        assert response.status_code == 400
        assert response.json_body["invalid_params"][0]["name"] == "case.case_type"
    elif template.startswith(("/v1/organisation", "/v1/reports")):  # its own settings, sender, figures
        assert response.status_code == 200 and "hvc" not in response.body.decode().lower(), response.body
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

    placed = {t for _, t, _ in ORG_ROUTES + OPERATOR_ROUTES + CONSOLE_ROUTES} | OTHER_ROUTES
    routes = {
        path
        for path, entries in app.routes.items()
        if any(not r.view_name.startswith("fallback") for r in entries.values())
    }
    assert routes - placed == set(), "place the new routes in the isolation matrix"


def test_a_share_opens_the_one_case_read_only_through_the_shared_route(matrix_world):
    world = matrix_world
    dcmr = world.as_org(world.dcmr)
    view = world.call("GET", f"/v1/shared-cases/hvc/{HVC_CASE}", dcmr)
    assert view.status_code == 200
    assert all(p["phone"] is None and p["email"] is None for p in view.json_body["parties"])
    assert "******" not in view.body.decode() and "/track/" not in view.body.decode()

    unshared = ("/v1/shared-cases/hvc/HVC-nope", "/v1/shared-cases/other/OTHER-1", f"/v1/shared-cases/other/{HVC_CASE}")
    for path in unshared:
        assert world.call("GET", path, dcmr).status_code == 404, path
    # the owner's own routes stay the owner's: the share gives no access there
    assert world.call("GET", f"/v1/cases/{HVC_CASE}", dcmr).status_code == 404
    assert world.call("GET", f"/v1/cases/{HVC_CASE}/parties/{HVC_PARTY}", dcmr).status_code == 404
    assert world.call("DELETE", f"/v1/cases/{HVC_CASE}/parties/{HVC_PARTY}", dcmr).status_code == 404
    assert world.call("DELETE", f"/v1/cases/{HVC_CASE}/parties", dcmr).status_code == 404
    _hvc_unchanged(world)


def test_an_organisation_hvc_did_not_allow_links_no_sub_case_and_learns_nothing_of_hvcs_cases(matrix_world):
    world = matrix_world
    answers = []
    for parent_case in (HVC_CASE, "HVC-nope"):  # an existing and an unknown case: the same answer
        body = event_body()
        body["case"] = {**body["case"], "id": "OTHER-2", "parent": {"organisation": "hvc", "case_id": parent_case}}
        response = world.call("POST", "/v1/events", world.as_org(world.other), body)
        answers.append((response.status_code, response.json_body["detail"]))
    assert answers[0] == answers[1] and answers[0][0] == 403
    assert world.call("GET", "/v1/cases/OTHER-2", world.as_org(world.other)).status_code == 404  # nothing stored
    subcases = world.call("GET", f"/v1/cases/{HVC_CASE}", world.as_org(world.hvc)).json_body["subcases"]
    assert {s["organisation"] for s in subcases} <= {SHARED_WITH}
    _hvc_unchanged(world)
