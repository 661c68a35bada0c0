"""Generated organisation tokens by the thousand: the genuine one is accepted, no mutant is.

The systematic mutants (tests/security/jwt_mutants.py: header, claims, signature, encoding) and
random ones drawn by Hypothesis (string edits anywhere in the token, random claims signed with
the right secret, random headers and claims under the old signature) are sent to real routes
of the app on moto. Each must get a 401 problem; the figure is printed (`make soak` sends more).
"""

from __future__ import annotations

import json
import os
import string
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings

from tests.builders import event_body
from tests.proofs import count, figure
from tests.security.conftest import World
from tests.security.jwt_mutants import Mutants, b64, signed

pytestmark = pytest.mark.filterwarnings("ignore:The HMAC key is")
ROUTES = [("GET", "/v1/case-types", None), ("GET", "/v1/cases/HVC-2026-000123", None), ("POST", "/v1/events", "body")]
RANDOM = count("JWT_RANDOM", 600)
SOAK = "ZAAKSTATUS_SOAK_JWT_RANDOM" in os.environ
BODY = {**event_body(), "case": {**event_body()["case"], "id": "HVC-JWT-1"}}


class Tally:
    def __init__(self) -> None:
        self.sent = 0
        self.answers: Counter[int] = Counter()
        self.accepted: list[str] = []
        self.not_401: list[str] = []

    def send(self, world: World, name: str, token: str) -> int:
        method, path, body = ROUTES[self.sent % len(ROUTES)]
        self.sent += 1
        answer = world.call(method, path, "Bearer " + token, BODY if body else None)
        self.answers[answer.status_code] += 1
        if answer.status_code < 300:
            self.accepted.append(f"{name} on {method} {path}")
        elif answer.status_code != 401 or answer.headers["Content-Type"] != "application/problem+json":
            self.not_401.append(f"{name} on {method} {path}: {answer.status_code}")
        return answer.status_code


@pytest.fixture(scope="module")
def tally() -> Iterator[Tally]:
    total = Tally()
    yield total
    figure(f"{total.sent} mutated tokens, {len(total.accepted)} accepted (answers: {dict(total.answers)})")


def test_the_genuine_token_is_accepted_on_every_route(world):
    token = Mutants(world.hvc, world.other).genuine()
    for method, path, body in ROUTES:
        assert world.call(method, path, "Bearer " + token, BODY if body else None).status_code < 300


def test_no_systematic_mutant_is_accepted(world, tally):
    mutants = list(Mutants(world.hvc, world.other).all())
    for name, token in mutants:
        tally.send(world, name, token)

    assert len(mutants) >= 400
    assert not tally.accepted, tally.accepted
    assert not tally.not_401, tally.not_401


# -- random mutants -------------------------------------------------------------------------------

ALPHABET = string.ascii_letters + string.digits + '-_.=+/ \t\n%\\"{}[]:,\x00\u00e9\u200b'


@st.composite
def edited(draw: Any, token: str) -> tuple[str, str]:
    """1 to 4 character edits anywhere in the genuine token."""
    text = token
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        char = draw(st.sampled_from(ALPHABET))
        match draw(st.sampled_from(["replace", "insert", "delete"])):
            case "replace":
                text = text[:at] + char + text[at + 1 :]
            case "insert":
                text = text[:at] + char + text[at:]
            case "delete":
                text = text[:at] + text[at + 1 :]
    return "edited", text


def _bad_iat(m: Mutants) -> st.SearchStrategy[Any]:
    # Offsets from now (the bounds of a strategy must not move with the clock); a margin of
    # minutes on the future side, as time passes between signing and checking.
    old = st.integers(max_value=-3601).map(lambda seconds: m.now + seconds)
    ahead = st.integers(min_value=300).map(lambda seconds: m.now + seconds)
    odd = st.floats() | st.text(max_size=12) | st.booleans() | st.none() | st.lists(st.integers(), max_size=2)
    return old | ahead | odd


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def resigned(draw: Any, m: Mutants) -> tuple[str, str]:
    """Random claims with a bad iat, signed with the right secret."""
    extra = draw(
        st.dictionaries(st.text(max_size=10).filter(lambda k: k not in ("client_id", "iat")), JSON, max_size=3)
    )
    iat = draw(_bad_iat(m))
    return f"iat {iat!r:.30} + {len(extra)} claims", signed(m.HS256, {**m.claims(iat=iat), **extra}, m.secret)


@st.composite
def tampered(draw: Any, m: Mutants) -> tuple[str, str]:
    """A random change of the header or the claims, under the genuine token's signature."""
    header, payload, signature = m.genuine().split(".")
    key = draw(st.text(min_size=1, max_size=10))
    value = draw(JSON)
    if draw(st.booleans()):
        changed = {**m.HS256, key: value}
        return f"header {key!r:.12}", f"{b64(json.dumps(changed))}.{payload}.{signature}"
    claims = m.claims()
    if key in claims and claims[key] == value:
        value = [value]
    claims[key] = value
    return f"claim {key!r:.12}", f"{header}.{b64(json.dumps(claims))}.{signature}"


@st.composite
def other_alg(draw: Any, m: Mutants) -> tuple[str, str]:
    """A random header whose alg is anything but HS256, signed with the right secret."""
    alg = draw(JSON.filter(lambda a: a != "HS256"))
    header = draw(st.dictionaries(st.text(max_size=6).filter(lambda k: k != "alg"), JSON, max_size=2))
    return f"alg {alg!r:.20}", signed({**header, "alg": alg}, m.claims(), m.secret)


@pytest.fixture(scope="module")
def mutants(world: World) -> Mutants:
    return Mutants(world.hvc, world.other)


@settings(
    max_examples=RANDOM,
    deadline=None,
    derandomize=not SOAK,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_no_random_mutant_is_accepted(world, tally, mutants, data):
    mutants.now = int(time.time())  # "an hour old" and "in the future" are as of now
    genuine = mutants.genuine()
    name, token = data.draw(
        st.one_of(edited(genuine), resigned(mutants), tampered(mutants), other_alg(mutants)), label="mutant"
    )
    if token == genuine or token.strip() == genuine:
        return  # the edits cancelled out (or only surrounded it with blanks): not a mutant
    status = tally.send(world, name, token)
    assert status == 401, (name, token[:200])


def test_every_mutated_token_was_refused(tally):
    """Last in the module: the figure over both kinds."""
    if tally.sent < 1000:
        pytest.skip("counts the module's other tests: run them together")
    assert not tally.accepted, tally.accepted
