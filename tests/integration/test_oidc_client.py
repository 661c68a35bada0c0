"""The OIDC adapter (authlib) against the loopback OIDC provider stand-in: a good sign-in gives the
verified claims; every wrong ID token, code or PKCE verifier is refused."""

from __future__ import annotations

import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from chalicelib.adapters.oidc_client import OidcClient
from chalicelib.domain.errors import Unauthorized
from local.oidc_standin import OidcStandIn

REDIRECT = "http://127.0.0.1:8000/mijn-zaken/digid/callback"
VERIFIER = "v" * 43 + "-verifier"
NONCE = "nonce-1"


@pytest.fixture(scope="module")
def standin() -> Iterator[OidcStandIn]:
    with OidcStandIn() as server:
        yield server


@pytest.fixture
def client(standin: OidcStandIn) -> OidcClient:
    return OidcClient(standin.url, standin.client_id, standin.client_secret, allow_loopback_http=True)


def code_for(client: OidcClient, citizen: str = "999993653", verifier: str = VERIFIER) -> str:
    url = client.authorization_url(REDIRECT, "state-1", NONCE, verifier)
    answer = requests.get(url, params={"login_hint": citizen}, allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    back = parse_qs(urlsplit(answer.headers["Location"]).query)
    assert back["state"] == ["state-1"]
    return back["code"][0]


def test_the_authorization_url_asks_for_a_code_with_an_s256_challenge(client: OidcClient) -> None:
    query = parse_qs(urlsplit(client.authorization_url(REDIRECT, "s", "n", VERIFIER)).query)
    assert query["response_type"] == ["code"] and query["scope"] == ["openid"]
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0] != VERIFIER
    assert query["state"] == ["s"] and query["nonce"] == ["n"] and query["redirect_uri"] == [REDIRECT]


def test_a_good_sign_in_gives_the_verified_claims_with_the_bsn(client: OidcClient, standin: OidcStandIn) -> None:
    claims = client.claims(code_for(client), REDIRECT, VERIFIER, NONCE)
    assert claims["bsn"] == "999993653"
    assert claims["iss"] == standin.url and claims["aud"] == standin.client_id and claims["nonce"] == NONCE


def test_a_business_sign_in_gives_the_kvk_number(client: OidcClient) -> None:
    claims = client.claims(code_for(client, "kvk-69599084"), REDIRECT, VERIFIER, NONCE)
    assert claims["kvk"] == "69599084" and "bsn" not in claims


def test_an_id_token_with_another_nonce_is_refused(client: OidcClient) -> None:
    with pytest.raises(Unauthorized):
        client.claims(code_for(client), REDIRECT, VERIFIER, "another-nonce")


@pytest.mark.parametrize(
    "claims",
    [
        {"aud": "another-client"},
        {"iss": "http://127.0.0.1:1"},
        {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 4000},
        {"nonce": "replayed-nonce"},
    ],
    ids=["wrong audience", "wrong issuer", "expired", "wrong nonce in the token"],
)
def test_an_id_token_with_a_wrong_claim_is_refused(client: OidcClient, standin: OidcStandIn, claims: dict) -> None:
    code = code_for(client)
    standin.tamper_next(claims=claims)
    with pytest.raises(Unauthorized):
        client.claims(code, REDIRECT, VERIFIER, NONCE)


@pytest.mark.parametrize("claim", ["exp", "iat"])
@pytest.mark.parametrize(
    "value",
    [float("nan"), float("inf"), float("-inf"), 1.5, 4e9, 10**30, -1, True, "4102444800"],
    ids=["NaN", "Infinity", "-Infinity", "1.5", "4e9 as float", "10**30", "negative", "true", "text"],
)
def test_an_id_token_with_a_date_that_is_no_whole_number_is_refused(
    client: OidcClient, standin: OidcStandIn, claim: str, value: object
) -> None:
    code = code_for(client)
    standin.tamper_next(claims={claim: value})
    with pytest.raises(Unauthorized):
        client.claims(code, REDIRECT, VERIFIER, NONCE)


def test_an_id_token_signed_with_a_key_outside_the_jwks_is_refused(client: OidcClient, standin: OidcStandIn) -> None:
    code = code_for(client)
    standin.tamper_next(foreign_key=True)
    with pytest.raises(Unauthorized):
        client.claims(code, REDIRECT, VERIFIER, NONCE)


@pytest.mark.parametrize("verifier", ["", "a-verifier-that-was-never-challenged-0123456789"])
def test_a_missing_or_wrong_pkce_verifier_is_refused(client: OidcClient, verifier: str) -> None:
    with pytest.raises(Unauthorized):
        client.claims(code_for(client), REDIRECT, verifier, NONCE)


def test_a_code_is_used_once(client: OidcClient) -> None:
    code = code_for(client)
    client.claims(code, REDIRECT, VERIFIER, NONCE)
    with pytest.raises(Unauthorized):
        client.claims(code, REDIRECT, VERIFIER, NONCE)


def test_a_code_for_another_redirect_uri_or_client_secret_is_refused(standin: OidcStandIn) -> None:
    good = OidcClient(standin.url, standin.client_id, standin.client_secret, allow_loopback_http=True)
    with pytest.raises(Unauthorized):
        good.claims(code_for(good), "http://127.0.0.1:8000/elsewhere", VERIFIER, NONCE)
    wrong_secret = OidcClient(standin.url, standin.client_id, "not-the-secret", allow_loopback_http=True)
    with pytest.raises(Unauthorized):
        wrong_secret.claims(code_for(wrong_secret), REDIRECT, VERIFIER, NONCE)


def test_the_provider_must_require_pkce(standin: OidcStandIn) -> None:
    url = (
        f"{standin.url}/authorize?response_type=code&scope=openid&client_id={standin.client_id}&redirect_uri={REDIRECT}"
    )
    assert requests.get(url, allow_redirects=False, timeout=5).status_code == 400


def test_an_issuer_must_be_https_outside_loopback() -> None:
    with pytest.raises(ValueError):
        OidcClient("http://idp.example", "c", "s", allow_loopback_http=True)
    with pytest.raises(ValueError):
        OidcClient("http://127.0.0.1:9", "c", "s", allow_loopback_http=False)
    assert OidcClient("https://idp.example", "c", "s").issuer == "https://idp.example"


def test_an_unreachable_provider_is_refused_not_an_error() -> None:
    client = OidcClient("http://127.0.0.1:9", "c", "s", allow_loopback_http=True)
    with pytest.raises(Unauthorized):
        client.authorization_url(REDIRECT, "s", "n", VERIFIER)
