"""Who is calling: the platform operator (a bearer token) or an organisation client (HS256 JWT)."""

from __future__ import annotations

import hmac
import re
import time

from chalicelib.domain.errors import Unauthorized
from chalicelib.domain.inbound import CLIENT_ID
from chalicelib.domain.test_mode import tenant
from chalicelib.domain.token_claims import check_numeric_dates
from chalicelib.domain.token_shape import is_compact_jws
from chalicelib.services.deps import Deps

MAX_TOKEN_AGE_S = 3600
MAX_CLOCK_SKEW_S = 60


def _bearer(authorization: str | None) -> str:
    scheme, _, credentials = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        raise Unauthorized("Send 'Authorization: Bearer <token>'.")
    return credentials.strip()


def require_operator(deps: Deps, authorization: str | None) -> None:
    token = _bearer(authorization)
    if not hmac.compare_digest(token.encode(), deps.settings.admin_token.encode()):
        raise Unauthorized("The operator token is not valid.")


def organisation_of(deps: Deps, authorization: str | None) -> str:
    """The tenant of a valid client JWT: its organisation's id, or for a test client the test
    tenant's (`<org>~test`, see domain/test_mode.py); Unauthorized otherwise."""
    token = _bearer(authorization)
    if not is_compact_jws(token):
        raise Unauthorized("The token is not a JWT.")
    import jwt  # PyJWT and cryptography on the first token, not at every cold start

    try:
        header = jwt.get_unverified_header(token)
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        raise Unauthorized("The token is not a JWT.") from None
    if header.get("alg") != "HS256":
        raise Unauthorized("Tokens must be signed with HS256.")
    # Before PyJWT's own exp/nbf checks, which take "123", 1.5 or 1e30 and overflow on Infinity.
    check_numeric_dates(claims)
    client_id = claims.get("client_id")
    # The shape first: an arbitrary string must not become a (too long) DynamoDB key.
    if not isinstance(client_id, str) or not re.fullmatch(CLIENT_ID, client_id):
        raise Unauthorized("The token names no known client_id.")
    org_id = client_id.split(".", 1)[0]
    client = deps.organisations.get_client(org_id, client_id)
    if client is None:
        raise Unauthorized("The token names no known client_id.")
    secret = deps.secrets.decrypt(client.secret_encrypted)
    try:
        verified = jwt.decode(
            token, secret, algorithms=["HS256"], options={"require": ["iat"], "verify_iat": False, "verify_exp": True}
        )
    except jwt.PyJWTError:
        raise Unauthorized("The token's signature or claims are not valid.") from None
    _check_age(verified.get("iat"))
    return tenant(org_id, client.mode)


def _check_age(iat: object) -> None:
    if not isinstance(iat, int):  # check_numeric_dates has refused NaN, floats, bools and the absurd
        raise Unauthorized("The token's 'iat' must be a number.")
    now = time.time()
    if iat > now + MAX_CLOCK_SKEW_S:
        raise Unauthorized("The token was issued in the future.")
    if now - iat > MAX_TOKEN_AGE_S:
        raise Unauthorized("The token was issued more than an hour ago.")
