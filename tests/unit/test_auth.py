"""Who is calling: organisation clients (HS256 JWT, ZGW style) and the platform operator."""

from __future__ import annotations

import base64
import json
import time

import jwt
import pytest

from chalicelib.domain.errors import Unauthorized
from chalicelib.domain.inbound import OrganisationIn
from chalicelib.services import auth, organisations
from chalicelib.web.problems import problem_for


def bearer(token: str) -> str:
    return f"Bearer {token}"


def token_for(creds, *, secret=None, algorithm="HS256", **claims) -> str:
    payload = {"client_id": creds["client_id"], "iat": int(time.time()), **claims}
    payload = {k: v for k, v in payload.items() if v is not None}
    return jwt.encode(payload, secret or creds["client_secret"], algorithm=algorithm)


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def refused(deps, authorization):
    with pytest.raises(Unauthorized) as info:
        auth.organisation_of(deps, authorization)
    assert problem_for(info.value).status == 401
    return info.value


def test_valid_hs256_token_names_the_organisation(deps, org):
    assert auth.organisation_of(deps, bearer(token_for(org))) == "hvc"
    assert auth.organisation_of(deps, "bearer " + token_for(org, user_id="u1", iss="zaaksysteem")) == "hvc"


def test_token_of_a_second_organisation_names_that_organisation(deps, org):
    other = organisations.create(deps, OrganisationIn(id="other", name="Other")).json_body()
    assert auth.organisation_of(deps, bearer(token_for(other))) == "other"


def test_client_secret_is_stored_encrypted(deps, org):
    client = deps.organisations.get_client("hvc", org["client_id"])
    assert org["client_secret"] not in client.secret_encrypted
    assert deps.secrets.decrypt(client.secret_encrypted) == org["client_secret"]


def test_alg_none_is_refused(deps, org):
    unsigned = (
        b64({"alg": "none", "typ": "JWT"}) + "." + b64({"client_id": org["client_id"], "iat": int(time.time())}) + "."
    )
    refused(deps, bearer(unsigned))


@pytest.mark.filterwarnings("ignore:The HMAC key")
def test_hs512_is_refused(deps, org):
    refused(deps, bearer(token_for(org, algorithm="HS512")))


def test_rs256_header_is_refused(deps, org):
    header = b64({"alg": "RS256", "typ": "JWT"})
    payload = b64({"client_id": org["client_id"], "iat": int(time.time())})
    refused(deps, bearer(f"{header}.{payload}.{b64({'sig': 1})}"))


def test_rs256_header_with_hs256_style_signature_by_the_secret_is_refused(deps, org):
    # The classic confusion attack: claim RS256 but sign with the shared secret.
    import hashlib
    import hmac

    signing_input = (
        b64({"alg": "RS256", "typ": "JWT"}) + "." + b64({"client_id": org["client_id"], "iat": int(time.time())})
    )
    sig = hmac.new(org["client_secret"].encode(), signing_input.encode(), hashlib.sha256).digest()
    refused(deps, bearer(signing_input + "." + base64.urlsafe_b64encode(sig).rstrip(b"=").decode()))


def test_wrong_secret_is_refused(deps, org):
    refused(deps, bearer(token_for(org, secret="not-the-secret-not-the-secret-32b")))


@pytest.mark.parametrize("client_id", ["hvc.0000000000000000", "other.0000000000000000", "no-dot", "", 42])
def test_unknown_client_id_is_refused(deps, org, client_id):
    refused(deps, bearer(token_for(org, client_id=client_id)))


def test_missing_client_id_is_refused(deps, org):
    token = jwt.encode({"iat": int(time.time())}, org["client_secret"], algorithm="HS256")
    refused(deps, bearer(token))


def test_missing_iat_is_refused(deps, org):
    token = jwt.encode({"client_id": org["client_id"]}, org["client_secret"], algorithm="HS256")
    refused(deps, bearer(token))


def test_non_numeric_iat_is_refused(deps, org):
    token = jwt.encode({"client_id": org["client_id"], "iat": "yesterday"}, org["client_secret"], algorithm="HS256")
    refused(deps, bearer(token))


def test_token_issued_more_than_an_hour_ago_is_refused(deps, org):
    refused(deps, bearer(token_for(org, iat=int(time.time()) - 3600 - 5)))
    assert auth.organisation_of(deps, bearer(token_for(org, iat=int(time.time()) - 3600 + 30))) == "hvc"


def test_token_issued_more_than_60_seconds_in_the_future_is_refused(deps, org):
    refused(deps, bearer(token_for(org, iat=int(time.time()) + 65)))
    assert auth.organisation_of(deps, bearer(token_for(org, iat=int(time.time()) + 50))) == "hvc"


def test_expired_exp_claim_is_refused(deps, org):
    refused(deps, bearer(token_for(org, exp=int(time.time()) - 10)))


def test_tampered_payload_is_refused(deps, org):
    header, _, signature = token_for(org).split(".")
    other_client = organisations.issue_client(deps, "other")[0]
    forged = b64({"client_id": other_client, "iat": int(time.time())})
    refused(deps, bearer(f"{header}.{forged}.{signature}"))
    forged_same_client = b64({"client_id": org["client_id"], "iat": int(time.time()) - 1, "user_id": "admin"})
    refused(deps, bearer(f"{header}.{forged_same_client}.{signature}"))


@pytest.mark.parametrize(
    "authorization", [None, "", "Bearer", "Bearer   ", "Basic abc", "Token x", "not-a-jwt", "Bearer a.b.c"]
)
def test_missing_or_malformed_authorization_is_refused(deps, org, authorization):
    refused(deps, authorization)


def test_operator_token_is_accepted(deps, settings):
    auth.require_operator(deps, f"Bearer {settings.admin_token}")


@pytest.mark.parametrize(
    "authorization", [None, "", "Bearer wrong", "Bearer test-admin-token-x", "Basic test-admin-token", "Bearer ünïcode"]
)
def test_wrong_operator_token_is_refused(deps, authorization):
    with pytest.raises(Unauthorized):
        auth.require_operator(deps, authorization)


def test_client_jwt_is_not_an_operator_token(deps, org):
    with pytest.raises(Unauthorized):
        auth.require_operator(deps, bearer(token_for(org)))
