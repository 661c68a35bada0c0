"""The numeric dates a signed token carries (`iat`, `exp`, `nbf`, `auth_time`), read strictly.

Python's JSON parser accepts `NaN` and `Infinity`, and every comparison with NaN is false: a
token with `iat: NaN` would pass an "older than an hour?" check for ever. Floats, booleans and
numbers far outside any real date are refused for the same reason: a date is a whole number of
seconds since 1970, and nothing we issue or accept lies beyond 2199.
"""

from __future__ import annotations

from collections.abc import Mapping

from chalicelib.domain.errors import Unauthorized

NUMERIC_DATE_CLAIMS = ("iat", "exp", "nbf", "auth_time")
LATEST_NUMERIC_DATE = 7_258_118_400  # 2200-01-01T00:00:00Z


def is_numeric_date(value: object) -> bool:
    """An int (not a bool) from 1970 up to 2200: the only shape a token's date may have."""
    return type(value) is int and 0 <= value < LATEST_NUMERIC_DATE


def check_numeric_dates(claims: Mapping[str, object]) -> None:
    """Unauthorized when any date claim the token carries is not a whole number in range."""
    for name in NUMERIC_DATE_CLAIMS:
        if name in claims and not is_numeric_date(claims[name]):
            raise Unauthorized(f"The token's '{name}' must be a whole number of seconds since 1970.")
