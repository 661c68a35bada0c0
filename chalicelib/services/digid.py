"""Signing in to "Mijn zaken" with DigiD/eHerkenning through an OpenID Connect provider (a broker).

`start` sends the browser to the provider with a fresh state, nonce and PKCE verifier; `finish`
takes the code back, has the provider's ID token verified (port `OidcProvider`: signature, iss,
aud, exp, nonce), checks the BSN (eleven-test) or KvK number in it, and hashes it with the identity
key exactly as a case's initiator is hashed at ingest, so the session finds the cases whose
initiator hash matches. The number itself is never stored, logged or put in a URL.

No server-side state is kept for the round trip: the flow cookie holds a random value, its expiry
and an HMAC over both; state, nonce and verifier are HMACs of that random value, so the cookie
alone gives none of them, and a state that was not made for this browser's cookie is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from chalicelib.citizen_ports import OidcProvider
from chalicelib.domain import clock, privacy
from chalicelib.domain.errors import NotFound, Unauthorized
from chalicelib.services import citizen_auth
from chalicelib.services.deps import Deps

FLOW_TTL_S = 10 * 60  # time to sign in at the provider
CALLBACK_PATH = "/mijn-zaken/digid/callback"
REFUSED = "The DigiD sign-in did not succeed."


@dataclass(frozen=True)
class Started:
    url: str  # the provider's authorization URL
    flow: str  # the flow cookie's value


def enabled(deps: Deps) -> bool:
    return deps.oidc is not None


def _provider(deps: Deps) -> OidcProvider:
    if deps.oidc is None:
        raise NotFound("There is nothing at this address.")
    return deps.oidc


def _mac(deps: Deps, purpose: str, value: str) -> str:
    message = f"digid\0{purpose}\0{value}".encode()
    return hmac.new(deps.settings.token_key.encode(), message, hashlib.sha256).hexdigest()


def redirect_uri(deps: Deps) -> str:
    return deps.settings.public_url + CALLBACK_PATH


def start(deps: Deps) -> Started:
    provider = _provider(deps)
    seed = secrets.token_urlsafe(32)
    value = f"{seed}.{int(clock.now().timestamp()) + FLOW_TTL_S}"
    url = provider.authorization_url(
        redirect_uri(deps), _mac(deps, "state", seed), _mac(deps, "nonce", seed), _mac(deps, "verifier", seed)
    )
    return Started(url=url, flow=f"{value}.{_mac(deps, 'flow', value)}")


def _seed(deps: Deps, flow: str | None, state: str | None) -> str:
    """The flow's random value, if the cookie is ours, unexpired, and `state` was made for it."""
    seed, _, rest = (flow or "").partition(".")
    expires, _, mac = rest.partition(".")
    if not (seed and expires.isdigit() and len(flow or "") <= 200 and state and len(state) <= 200):
        raise Unauthorized(REFUSED)
    good = hmac.compare_digest(mac, _mac(deps, "flow", f"{seed}.{expires}"))
    if not good or int(expires) <= clock.now().timestamp():
        raise Unauthorized(REFUSED)
    if not hmac.compare_digest(state, _mac(deps, "state", seed)):
        raise Unauthorized(REFUSED)
    return seed


def identity_of(deps: Deps, claims: dict[str, object]) -> str:
    """The identity hash of the ID token's BSN (eleven-test) or KvK number; Unauthorized if none."""
    claim = deps.settings.oidc_claim
    number = claims.get(claim)
    if not isinstance(number, str):
        raise Unauthorized(REFUSED)
    kind = "kvk" if "kvk" in claim.lower() else "bsn"
    valid = privacy.is_bsn(number) if kind == "bsn" else len(number) == 8 and number.isascii() and number.isdigit()
    if not valid:
        raise Unauthorized(REFUSED)
    return privacy.identity_hash(deps.settings.identity_key, kind, number)


def finish(deps: Deps, flow: str | None, code: str | None, state: str | None) -> citizen_auth.SignedIn:
    """Verify the provider's answer and start a "Mijn zaken" session of that identity."""
    provider = _provider(deps)
    seed = _seed(deps, flow, state)
    if not code or len(code) > 2048:
        raise Unauthorized(REFUSED)
    claims = provider.claims(code, redirect_uri(deps), _mac(deps, "verifier", seed), _mac(deps, "nonce", seed))
    return citizen_auth.start_session(deps, identity_hash=identity_of(deps, claims))
