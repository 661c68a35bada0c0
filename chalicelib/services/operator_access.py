"""The operator's token with an attempt limit per client address.

After `operator_attempts` wrong tokens (settings) from one address in a window, every operator
request from that address is refused with 429 until the window ends, the right token included:
answering a right token normally would leave the guessing going on (a 401 for each wrong
guess, anything else for the right one), so the lock-out would not slow it at all. The
operator at another address is not affected; the failures are stored (the table), so every
Lambda container counts the same.
"""

from __future__ import annotations

from chalicelib.domain import clock
from chalicelib.domain.attempts import window_at
from chalicelib.domain.errors import TooManyRequests, Unauthorized
from chalicelib.domain.privacy import address_hash
from chalicelib.services import auth
from chalicelib.services.deps import Deps

KIND = "operator"


def require_operator(deps: Deps, authorization: str | None, client_address: str) -> None:
    attempts = deps.attempts
    if attempts is None:
        auth.require_operator(deps, authorization)
        return
    client = address_hash(deps.settings.token_key, f"{KIND}\0{client_address}")
    window = window_at(int(clock.now().timestamp()))
    if attempts.failures(KIND, client, window.index) >= deps.settings.operator_attempts:
        wait = window.retry_after
        raise TooManyRequests(f"Too many wrong operator tokens; try again in {wait} seconds.", retry_after=wait)
    try:
        auth.require_operator(deps, authorization)
    except Unauthorized:
        attempts.count_failure(KIND, client, window.index, window.expires_at)
        raise
