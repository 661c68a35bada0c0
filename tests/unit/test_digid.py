"""The DigiD sign-in's own rules, with a recorded provider in place of the OIDC client: the state,
nonce and PKCE verifier belong to the flow cookie; the BSN is eleven-tested and hashed exactly as
ingest hashes a case's initiator; the number itself goes nowhere."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from chalicelib.domain import clock, privacy
from chalicelib.domain.errors import NotFound, Unauthorized
from chalicelib.services import digid, ingest
from chalicelib.services.deps import Deps
from tests.builders import event_in, memory_deps


class RecordedProvider:
    """Answers the claims it is given, and records what it was asked."""

    def __init__(self, claims: dict[str, object]) -> None:
        self.given = claims
        self.asked: list[dict[str, str]] = []

    def authorization_url(self, redirect_uri: str, state: str, nonce: str, code_verifier: str) -> str:
        self.asked.append({"state": state, "nonce": nonce, "verifier": code_verifier})
        return f"https://broker.example/authorize?state={state}&nonce={nonce}"

    def claims(self, code: str, redirect_uri: str, code_verifier: str, nonce: str) -> dict[str, object]:
        assert redirect_uri.endswith("/mijn-zaken/digid/callback")
        self.asked.append({"code": code, "nonce": nonce, "verifier": code_verifier})
        return {**self.given, "nonce": nonce}


def with_provider(claims: dict[str, object], claim: str = "bsn") -> tuple[Deps, RecordedProvider]:
    deps = memory_deps()
    provider = RecordedProvider(claims)
    settings = dataclasses.replace(deps.settings, oidc_claim=claim)
    return dataclasses.replace(deps, oidc=provider, settings=settings), provider


def state_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["state"][0]


def test_the_session_holds_the_same_identity_hash_as_a_case_initiated_with_that_bsn() -> None:
    deps, _ = with_provider({"bsn": "999993653"})
    started = digid.start(deps)
    signed = digid.finish(deps, started.flow, "code-1", state_of(started.url))
    data = event_in(case={"id": "Z-1", "case_type": "klacht", "initiator": {"bsn": "999993653"}})
    assert signed.session.identity_hash == ingest.initiator_hash(deps, data)
    assert signed.session.address_hash is None
    assert "999993653" not in signed.session.model_dump_json() and "999993653" not in started.flow


def test_the_nonce_and_verifier_sent_are_the_ones_checked_and_not_in_the_cookie() -> None:
    deps, provider = with_provider({"bsn": "999993653"})
    started = digid.start(deps)
    digid.finish(deps, started.flow, "code-1", state_of(started.url))
    sent, exchanged = provider.asked
    assert (sent["nonce"], sent["verifier"]) == (exchanged["nonce"], exchanged["verifier"])
    assert sent["verifier"] not in started.flow and sent["nonce"] not in started.flow
    assert 43 <= len(sent["verifier"]) <= 128  # RFC 7636


@pytest.mark.parametrize("claims", [{"bsn": "123456789"}, {"bsn": 999993653}, {"sub": "x"}, {"bsn": "99999365"}])
def test_a_token_without_a_valid_bsn_starts_no_session(claims: dict[str, Any]) -> None:
    deps, _ = with_provider(claims)
    started = digid.start(deps)
    with pytest.raises(Unauthorized):
        digid.finish(deps, started.flow, "code-1", state_of(started.url))


def test_a_kvk_claim_signs_in_the_business() -> None:
    deps, _ = with_provider({"kvk": "69599084"}, claim="kvk")
    started = digid.start(deps)
    signed = digid.finish(deps, started.flow, "code-1", state_of(started.url))
    assert signed.session.identity_hash == privacy.identity_hash(deps.settings.identity_key, "kvk", "69599084")


def test_a_state_of_another_flow_a_tampered_or_expired_cookie_is_refused_before_the_provider_is_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    deps, provider = with_provider({"bsn": "999993653"})
    mine, theirs = digid.start(deps), digid.start(deps)
    seed, expires, mac = mine.flow.split(".")
    refused = [
        (mine.flow, state_of(theirs.url)),
        (f"{seed}.{int(expires) + 3600}.{mac}", state_of(mine.url)),
        (None, state_of(mine.url)),
        (mine.flow, None),
    ]
    for flow, state in refused:
        with pytest.raises(Unauthorized):
            digid.finish(deps, flow, "code-1", state)
    later = clock.now() + dt.timedelta(seconds=digid.FLOW_TTL_S + 1)
    monkeypatch.setattr(clock, "now", lambda: later)
    with pytest.raises(Unauthorized):
        digid.finish(deps, mine.flow, "code-1", state_of(mine.url))
    assert [a for a in provider.asked if "code" in a] == []


def test_without_a_provider_there_is_nothing() -> None:
    deps = memory_deps()
    assert not digid.enabled(deps)
    with pytest.raises(NotFound):
        digid.start(deps)
