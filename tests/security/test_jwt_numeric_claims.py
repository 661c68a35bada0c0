"""Organisation tokens whose dates are not whole numbers of seconds: every one is a 401 problem.

Python's JSON parser reads `NaN`, `Infinity` and `-Infinity`; every comparison with NaN is false,
so an `iat: NaN` once passed both age checks and the token never expired. Each token below is
correctly signed with the client's own secret: only the one claim is wrong."""

from __future__ import annotations

import time

import jwt
import pytest

from tests.security.conftest import World

pytestmark = pytest.mark.filterwarnings("ignore:The HMAC key is")

NOW = int(time.time())
BAD_VALUES = {
    "NaN": float("nan"),
    "Infinity": float("inf"),
    "-Infinity": float("-inf"),
    "1.5": 1.5,
    "now as float": float(NOW),
    "1e9 as float": 1e9,
    "huge": 10**30,
    "2**63": 2**63,
    "negative": -1,
    "true": True,
    "false": False,
    "text": str(NOW),
    "null": None,
    "list": [NOW],
}


def _signed(w: World, **claims: object) -> str:
    payload = {"client_id": w.hvc["client_id"], "iat": NOW, **claims}
    return "Bearer " + jwt.encode(payload, w.hvc["client_secret"], algorithm="HS256")


@pytest.mark.parametrize("claim", ["iat", "exp", "nbf"])
@pytest.mark.parametrize("value", BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_a_date_claim_that_is_no_whole_number_in_range_is_refused_with_401(world, claim, value):
    response = world.call("GET", "/v1/case-types", _signed(world, **{claim: value}))
    assert response.status_code == 401, (claim, value, response.body)
    assert response.headers["Content-Type"] == "application/problem+json"


def test_a_token_with_nan_iat_does_not_outlive_its_hour(world):
    # the original finding, stated directly: NaN is neither "in the future" nor "too old"
    token = "Bearer " + jwt.encode(
        {"client_id": world.hvc["client_id"], "iat": float("nan")}, world.hvc["client_secret"], algorithm="HS256"
    )
    assert b"NaN" in jwt.utils.base64url_decode(token.split(".")[1])
    assert world.call("GET", "/v1/case-types", token).status_code == 401


@pytest.mark.parametrize("claims", [{}, {"exp": NOW + 600}, {"nbf": NOW - 10, "exp": NOW + 600}])
def test_whole_number_dates_in_range_are_still_accepted(world, claims):
    assert world.call("GET", "/v1/case-types", _signed(world, **claims)).status_code == 200
