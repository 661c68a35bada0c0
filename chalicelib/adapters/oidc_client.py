"""An OpenID Connect relying party through authlib (port: `OidcProvider`): DigiD/eHerkenning via a
broker that speaks OIDC.

authlib builds the authorization URL (with the PKCE S256 challenge) and exchanges the code at the
token endpoint (client secret by Basic auth); the ID token is then checked the way authlib's own
OIDC clients do: its signature against the provider's JWKS (joserfc, authlib's JOSE library;
RS256 only, never `none`), then `CodeIDToken` for iss, aud, exp, iat, nonce and at_hash.

The issuer is the operator's setting, never a tenant's, so requests go to it directly; it must be
https, except a loopback http issuer in the local run and tests (the stand-in,
`local/oidc_standin.py`). The discovery document is read once per container, the JWKS again
only when a token names a key it does not hold (the provider rotated its keys).

authlib, joserfc and requests are imported on first use: `import app` stays light.
"""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import urlsplit

from chalicelib.domain.errors import Unauthorized
from chalicelib.domain.token_claims import check_numeric_dates

TIMEOUT_S = 10.0
LEEWAY_S = 60  # clock skew allowed between the provider and us
ALGORITHMS = ["RS256"]
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def _secure(url: str, allow_loopback_http: bool) -> bool:
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return True
    return allow_loopback_http and parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS


class OidcClient:
    def __init__(self, issuer: str, client_id: str, client_secret: str, allow_loopback_http: bool = False) -> None:
        if not _secure(issuer, allow_loopback_http):
            raise ValueError("the OIDC issuer must be an https URL")
        self.issuer = issuer.rstrip("/")
        self.client_id = client_id
        self._client_secret = client_secret
        self._allow_http = allow_loopback_http
        self._lock = threading.Lock()
        self._metadata: dict[str, Any] | None = None
        self._jwks: dict[str, Any] | None = None

    # -- OidcProvider --------------------------------------------------------------------------

    def authorization_url(self, redirect_uri: str, state: str, nonce: str, code_verifier: str) -> str:
        endpoint = self._endpoint("authorization_endpoint")
        with self._session(redirect_uri) as session:
            url, _ = session.create_authorization_url(endpoint, state=state, nonce=nonce, code_verifier=code_verifier)
        return str(url)

    def claims(self, code: str, redirect_uri: str, code_verifier: str, nonce: str) -> dict[str, object]:
        if not (code and code_verifier and nonce):
            raise Unauthorized("the sign-in was not completed")
        token = self._exchange(code, redirect_uri, code_verifier)
        return self._verified(token, nonce)

    # -- steps ---------------------------------------------------------------------------------

    def _exchange(self, code: str, redirect_uri: str, code_verifier: str) -> dict[str, Any]:
        import requests
        from authlib.integrations.base_client.errors import OAuthError

        endpoint = self._endpoint("token_endpoint")
        try:
            with self._session(redirect_uri) as session:
                token = session.fetch_token(
                    endpoint, grant_type="authorization_code", code=code, code_verifier=code_verifier, timeout=TIMEOUT_S
                )
        except (OAuthError, requests.RequestException, ValueError):
            raise Unauthorized("the sign-in provider did not accept the sign-in") from None
        if not isinstance(token, dict) or not isinstance(token.get("id_token"), str):
            raise Unauthorized("the sign-in provider gave no ID token")
        return dict(token)

    def _verified(self, token: dict[str, Any], nonce: str) -> dict[str, object]:
        from authlib.oidc.core import CodeIDToken
        from joserfc import jwt
        from joserfc.errors import InvalidKeyIdError, JoseError
        from joserfc.jwk import KeySet

        options: dict[str, Any] = {
            "iss": {"essential": True, "value": self.issuer},
            "aud": {"essential": True, "value": self.client_id},
            "nonce": {"essential": True},
        }
        params = {"nonce": nonce, "client_id": self.client_id, "access_token": token.get("access_token")}
        try:
            try:
                decoded = jwt.decode(token["id_token"], KeySet.import_key_set(self._keys()), algorithms=ALGORITHMS)
            except InvalidKeyIdError:  # a rotated key: read the JWKS once more
                keys = KeySet.import_key_set(self._keys(refresh=True))
                decoded = jwt.decode(token["id_token"], keys, algorithms=ALGORITHMS)
            # authlib takes any number for exp/iat, and `now > NaN` is false: such a token never ends.
            check_numeric_dates(decoded.claims)
            claims = CodeIDToken(decoded.claims, decoded.header, options, params)
            claims.validate(leeway=LEEWAY_S)
        except (JoseError, ValueError, KeyError):
            raise Unauthorized("the ID token is not valid") from None
        return dict(claims)

    def _session(self, redirect_uri: str) -> Any:
        from authlib.integrations.requests_client import OAuth2Session

        session = OAuth2Session(
            self.client_id,
            self._client_secret,
            scope="openid",
            redirect_uri=redirect_uri,
            code_challenge_method="S256",
        )
        session.trust_env = False  # no proxy or .netrc from the environment
        return session

    def _endpoint(self, name: str) -> str:
        url = self._discovery().get(name)
        if not isinstance(url, str) or not _secure(url, self._allow_http):
            raise Unauthorized("the sign-in provider is not available")
        return url

    def _discovery(self) -> dict[str, Any]:
        with self._lock:
            if self._metadata is None:
                metadata = self._get(f"{self.issuer}/.well-known/openid-configuration")
                if metadata.get("issuer") != self.issuer:  # OIDC Discovery 4.3
                    raise Unauthorized("the sign-in provider is not available")
                self._metadata = metadata
            return self._metadata

    def _keys(self, refresh: bool = False) -> Any:  # a JWKS document
        uri = self._endpoint("jwks_uri")
        with self._lock:
            if self._jwks is None or refresh:
                self._jwks = self._get(uri)
            return self._jwks

    def _get(self, url: str) -> dict[str, Any]:
        import requests

        try:
            with requests.Session() as http:
                http.trust_env = False
                answer = http.get(url, timeout=TIMEOUT_S, allow_redirects=False)
                answer.raise_for_status()
                body = answer.json()
        except (requests.RequestException, ValueError):
            raise Unauthorized("the sign-in provider is not available") from None
        if not isinstance(body, dict):
            raise Unauthorized("the sign-in provider is not available")
        return body
