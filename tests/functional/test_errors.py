"""Bad input gets a problem naming each bad field; nothing a client sends produces a 5xx."""

from __future__ import annotations

import json
import time

import jwt
import pytest

from tests.builders import HVC_CASE_TYPE, event_body
from tests.harness import ADMIN


def problem(response, status):
    assert response.status_code == status, response.body
    assert response.headers["Content-Type"] == "application/problem+json"
    body = response.json_body
    assert body["status"] == status
    assert body["title"] and body["detail"] and body["type"]
    return body


def test_invalid_event_names_each_bad_field(harness, hvc):
    body = event_body(status="NOT VALID", occurred_at="yesterday")
    body["case"]["case_type"] = ""
    body["subscriber"] = {"channel": "sms", "phone": "020 1234567"}
    response = harness.request("POST", "/v1/events", hvc, body)

    names = {p["name"] for p in problem(response, 400)["invalid_params"]}
    assert names == {"status", "occurred_at", "case.case_type", "subscriber.phone"}


def test_unknown_case_type_and_unknown_status_are_400(harness, hvc):
    body = event_body()
    body["case"]["case_type"] = "bestaat-niet"
    assert (
        problem(harness.request("POST", "/v1/events", hvc, body), 400)["invalid_params"][0]["name"] == "case.case_type"
    )
    body = event_body(status="bestaat_niet")
    assert problem(harness.request("POST", "/v1/events", hvc, body), 400)["invalid_params"][0]["name"] == "status"


def test_landline_for_sms_is_refused_and_the_reason_says_mobile(harness, hvc):
    body = event_body(subscriber={"channel": "sms", "phone": "020 555 1234"})
    [param] = problem(harness.request("POST", "/v1/events", hvc, body), 400)["invalid_params"]
    assert param["name"] == "subscriber.phone"
    assert "mobile" in param["reason"]


def test_reused_event_id_with_another_payload_is_409(harness, hvc):
    harness.request("POST", "/v1/events", hvc, event_body(event_id="e-1"))
    response = harness.request("POST", "/v1/events", hvc, event_body(event_id="e-1", explanation="anders"))
    problem(response, 409)


def test_same_case_status_and_time_without_event_id_with_another_payload_is_409(harness, hvc):
    harness.request("POST", "/v1/events", hvc, event_body())
    problem(harness.request("POST", "/v1/events", hvc, event_body(explanation="anders")), 409)


@pytest.mark.parametrize(
    "body, status",
    [
        ("not json", 400),
        ("[1, 2]", 400),
        (json.dumps({"x": "y" * 70_000}), 413),
    ],
)
def test_bodies_that_are_not_a_json_object_of_acceptable_size_are_refused(harness, hvc, body, status):
    problem(harness.request("POST", "/v1/events", hvc, body), status)


def test_a_body_that_is_not_json_typed_is_415(harness, hvc):
    headers = {**harness.headers(hvc), "Content-Type": "text/plain"}
    response = harness.client.http.post("/v1/events", headers=headers, body=json.dumps(event_body()))
    problem(response, 415)


def test_unknown_route_is_404_and_unsupported_method_is_405(harness, hvc):
    problem(harness.client.http.get("/v1/nothing-here"), 404)
    problem(harness.client.http.get("/a/b/c/d/e"), 404)
    response = harness.client.http.delete("/v1/events", headers=harness.headers(hvc))
    problem(response, 405)
    assert "POST" in response.headers["Allow"]


@pytest.mark.parametrize(
    "make_token",
    [
        lambda c: None,
        lambda c: "not-a-jwt",
        lambda c: jwt.encode(
            {"client_id": c["client_id"], "iat": int(time.time())},
            "a-wrong-secret-that-is-long-enough-for-hs256",
            algorithm="HS256",
        ),
        lambda c: jwt.encode(
            {"client_id": "hvc.unknown", "iat": int(time.time())}, c["client_secret"], algorithm="HS256"
        ),
        lambda c: jwt.encode(
            {"client_id": c["client_id"], "iat": int(time.time()) - 3700}, c["client_secret"], algorithm="HS256"
        ),
        lambda c: jwt.encode(
            {"client_id": c["client_id"], "iat": int(time.time()) + 120}, c["client_secret"], algorithm="HS256"
        ),
        lambda c: jwt.encode({"client_id": c["client_id"]}, c["client_secret"], algorithm="HS256"),
        lambda c: jwt.encode({"client_id": c["client_id"], "iat": int(time.time())}, None, algorithm="none"),
    ],
    ids=["missing", "garbage", "wrong-secret", "unknown-client", "too-old", "future", "no-iat", "alg-none"],
)
def test_bad_credentials_are_401(harness, hvc, make_token):
    token = make_token(hvc)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    problem(harness.client.http.get("/v1/case-types", headers=headers), 401)


def test_operator_routes_refuse_organisation_tokens_and_wrong_admin_tokens(harness, hvc):
    body = json.dumps({"id": "x", "name": "X"})
    problem(harness.client.http.post("/v1/admin/organisations", headers=harness.headers(hvc), body=body), 401)
    wrong = {**ADMIN, "Authorization": "Bearer nope"}
    problem(harness.client.http.post("/v1/admin/organisations", headers=wrong, body=body), 401)


def test_organisation_routes_refuse_the_operator_token(harness, hvc):
    problem(harness.client.http.get("/v1/case-types", headers=ADMIN), 401)


def test_duplicate_organisation_is_409_and_bad_organisation_id_names_the_field(harness, hvc):
    dup = harness.client.http.post(
        "/v1/admin/organisations", headers=ADMIN, body=json.dumps({"id": "hvc", "name": "HVC"})
    )
    problem(dup, 409)
    bad = harness.client.http.post(
        "/v1/admin/organisations", headers=ADMIN, body=json.dumps({"id": "Not Valid!", "name": ""})
    )
    assert {p["name"] for p in problem(bad, 400)["invalid_params"]} == {"id", "name"}


def test_case_type_with_unknown_placeholder_is_refused_when_stored(harness, hvc):
    body = json.loads(json.dumps(HVC_CASE_TYPE))
    body["statuses"][1]["text"]["nl"] = "Hallo ((citizen.name))"
    [param] = problem(harness.request("PUT", "/v1/case-types/klacht", hvc, body), 400)["invalid_params"]
    assert param["name"] == "statuses.1.text.nl"
    assert "citizen.name" in param["reason"]


def test_case_type_put_answers_201_when_new_and_200_when_replaced(harness, hvc):
    assert harness.request("PUT", "/v1/case-types/klacht", hvc, HVC_CASE_TYPE).status_code == 200
    created = harness.request("PUT", "/v1/case-types/nieuw", hvc, HVC_CASE_TYPE)
    assert created.status_code == 201
    assert created.json_body["statuses"][-1]["final"] is True
    listed = harness.request("GET", "/v1/case-types", hvc).json_body
    assert [c["code"] for c in listed["case_types"]] == ["klacht", "nieuw"]


def test_unknown_case_and_unknown_tracking_token_are_404(harness, hvc):
    problem(harness.request("GET", "/v1/cases/HVC-0", hvc), 404)
    # PUT subscriber of a case without events is allowed (registered before the first status),
    # and from then on the case can be read: its parties, no status yet.
    assert harness.request("PUT", "/v1/cases/HVC-0/subscriber", hvc, {"channel": "portal"}).status_code == 200
    early = harness.request("GET", "/v1/cases/HVC-0", hvc).json_body
    assert early["current_status"] is None and early["history"] == []
    assert [p["party_id"] for p in early["parties"]] == ["initiator"]
    problem(harness.request("GET", "/v1/track/hvc.AAAAAAAAAAAAAAAAAAAAAA"), 404)
    problem(harness.request("GET", "/v1/track/nonsense"), 404)


def test_health_answers_ok(harness):
    response = harness.client.http.get("/health")
    assert response.status_code == 200
    assert response.json_body == {"status": "ok"}
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_deeply_nested_json_is_400_not_500(harness, hvc):
    problem(harness.request("POST", "/v1/events", hvc, "[" * 20_000 + "]" * 20_000), 400)


def test_a_throttled_table_answers_503_with_retry_after(harness, hvc):
    from botocore.stub import Stubber

    from chalicelib import bootstrap

    client = bootstrap.aws_client("dynamodb")
    with Stubber(client) as stub:
        stub.add_client_error("get_item", "ProvisionedThroughputExceededException", http_status_code=400)
        response = harness.request("GET", "/v1/case-types/klacht", hvc)
    assert problem(response, 503)
    assert response.headers["Retry-After"] == "2"
