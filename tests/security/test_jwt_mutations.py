"""Mutated organisation tokens: every one is a 401 problem, and nothing is read for it.
Plus credential rotation: a new client works at once, a revoked one is refused at once."""

from __future__ import annotations

import base64
import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.harness import org_token
from tests.security.conftest import OPERATOR, World

pytestmark = pytest.mark.filterwarnings("ignore:The HMAC key is")  # weak keys on purpose


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _claims(creds, **extra):
    return {"client_id": creds["client_id"], "iat": int(time.time()), **extra}


def alg_none(w: World) -> str:
    return f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_claims(w.hvc))}."


def other_secret(w: World) -> str:
    return jwt.encode(_claims(w.hvc), "not-the-secret-" + "x" * 32, algorithm="HS256")


def another_clients_id(w: World) -> str:
    # HVC's client id, signed with the other organisation's (valid) secret
    return jwt.encode(_claims(w.hvc), w.other["client_secret"], algorithm="HS256")


def missing_iat(w: World) -> str:
    return jwt.encode({"client_id": w.hvc["client_id"]}, w.hvc["client_secret"], algorithm="HS256")


def old_iat(w: World) -> str:
    return org_token(w.hvc, iat=int(time.time()) - 2 * 3600)


def future_iat(w: World) -> str:
    return org_token(w.hvc, iat=int(time.time()) + 600)


def iat_as_text(w: World) -> str:
    return org_token(w.hvc, iat=str(int(time.time())))


def expired(w: World) -> str:
    return org_token(w.hvc, exp=int(time.time()) - 10)


def tampered_payload(w: World) -> str:
    # a valid token of the other organisation whose payload is swapped for one naming HVC
    header, _, signature = org_token(w.other).split(".")
    return f"{header}.{_b64(_claims(w.hvc))}.{signature}"


def rs256_header(w: World) -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return jwt.encode(_claims(w.hvc), key, algorithm="RS256")


def hs256_signed_rs256_header(w: World) -> str:
    # the classic confusion: says RS256, is an HMAC under the secret
    header = _b64({"alg": "RS256", "typ": "JWT"})
    good = org_token(w.hvc).split(".")
    return f"{header}.{good[1]}.{good[2]}"


def hs512(w: World) -> str:
    return jwt.encode(_claims(w.hvc), w.hvc["client_secret"], algorithm="HS512")


def unknown_client(w: World) -> str:
    return jwt.encode(
        {"client_id": "hvc.0000000000000000", "iat": int(time.time())}, w.hvc["client_secret"], algorithm="HS256"
    )


def oversized_client_id(w: World) -> str:
    return jwt.encode({"client_id": "hvc." + "a" * 3000, "iat": int(time.time())}, "s", algorithm="HS256")


def not_a_jwt(w: World) -> str:
    return "definitely-not-a-jwt"


MUTATIONS = [
    alg_none,
    other_secret,
    another_clients_id,
    missing_iat,
    old_iat,
    future_iat,
    iat_as_text,
    expired,
    tampered_payload,
    rs256_header,
    hs256_signed_rs256_header,
    hs512,
    unknown_client,
    oversized_client_id,
    not_a_jwt,
]
ROUTES = [("GET", "/v1/case-types"), ("GET", "/v1/cases/HVC-2026-000123"), ("POST", "/v1/events")]


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.__name__ for m in MUTATIONS])
@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_a_mutated_token_is_refused_with_401(world, mutation, method, path):
    response = world.call(method, path, "Bearer " + mutation(world), {} if method == "POST" else None)
    assert response.status_code == 401, mutation.__name__
    assert response.headers["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("authorization", [None, "", "Bearer", "Bearer ", "Basic aHZjOnNlY3JldA==", "Token abc"])
def test_a_missing_or_malformed_authorization_header_is_401(world, authorization):
    assert world.call("GET", "/v1/case-types", authorization).status_code == 401


def test_the_genuine_token_works(world):
    assert world.call("GET", "/v1/case-types", world.as_org(world.hvc)).status_code == 200


def test_the_operator_token_is_compared_in_constant_time():
    import inspect

    from chalicelib.services import auth

    assert "compare_digest" in inspect.getsource(auth.require_operator)


def test_rotation_issues_a_new_client_and_revocation_refuses_the_old_at_once(world):
    issued = world.call("POST", "/v1/admin/organisations/hvc/clients", OPERATOR)
    assert issued.status_code == 201
    new = issued.json_body
    assert new["organisation_id"] == "hvc" and new["client_id"].startswith("hvc.")
    old = {"client_id": world.hvc["client_id"], "client_secret": world.hvc["client_secret"]}
    # both work during the rotation
    assert world.call("GET", "/v1/case-types", world.as_org(new)).status_code == 200
    assert world.call("GET", "/v1/case-types", world.as_org(old)).status_code == 200

    revoked = world.call("DELETE", f"/v1/admin/organisations/hvc/clients/{old['client_id']}", OPERATOR)

    assert revoked.status_code == 204
    assert world.call("GET", "/v1/case-types", world.as_org(old)).status_code == 401
    assert world.call("GET", "/v1/case-types", world.as_org(new)).status_code == 200
    again = world.call("DELETE", f"/v1/admin/organisations/hvc/clients/{old['client_id']}", OPERATOR)
    assert again.status_code == 404
    world.hvc = new  # later tests in this module use the live client


@pytest.mark.parametrize(
    "path",
    [
        "/v1/admin/organisations/nope/clients",
        "/v1/admin/organisations/" + "a" * 300 + "/clients",
    ],
)
def test_issuing_a_client_for_an_unknown_organisation_is_404(world, path):
    assert world.call("POST", path, OPERATOR).status_code == 404


@pytest.mark.parametrize(
    "client_id", ["hvc.0000000000000000", "other.0000000000000000", "nonsense", "hvc." + "f" * 900]
)
def test_revoking_an_unknown_or_foreign_client_is_404(world, client_id):
    assert world.call("DELETE", f"/v1/admin/organisations/hvc/clients/{client_id}", OPERATOR).status_code == 404


def test_client_routes_refuse_a_wrong_operator_token(world):
    assert world.call("POST", "/v1/admin/organisations/hvc/clients", "Bearer test-admin-tokeN").status_code == 401
    path = f"/v1/admin/organisations/hvc/clients/{world.hvc['client_id']}"
    assert world.call("DELETE", path, "Bearer wrong").status_code == 401
    assert world.call("GET", "/v1/case-types", world.as_org(world.hvc)).status_code == 200
