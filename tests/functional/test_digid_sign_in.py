"""Signing in to "Mijn zaken" with DigiD through the loopback OIDC provider stand-in: the citizen
sees the cases they initiated (by BSN) in every organisation, and no one else's; a forged or
missing state, or a route where no provider is configured, gives nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from chalicelib import bootstrap, config
from local.oidc_standin import OidcStandIn
from tests.builders import HVC_CASE_TYPE, event_body
from tests.harness import Harness

CITIZEN = "999993653"
OTHER_CITIZEN = "999990019"


@pytest.fixture
def provider(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> Iterator[OidcStandIn]:
    with OidcStandIn() as standin:
        monkeypatch.setenv("ZAAKSTATUS_OIDC_ISSUER", standin.url)
        monkeypatch.setenv("ZAAKSTATUS_OIDC_CLIENT_ID", standin.client_id)
        monkeypatch.setenv("ZAAKSTATUS_OIDC_CLIENT_SECRET", standin.client_secret)
        config.reset()
        bootstrap.reset()
        yield standin
    config.reset()
    bootstrap.reset()


def organisation(harness: Harness, org_id: str) -> dict[str, Any]:
    creds = harness.create_organisation(org_id)
    assert harness.request("PUT", "/v1/case-types/klacht", creds, HVC_CASE_TYPE).status_code == 201
    return creds


def post_case(harness: Harness, creds: dict[str, Any], case_id: str, bsn: str) -> None:
    body = event_body(event_id=f"{case_id}-1")
    body["case"] = {**body["case"], "id": case_id, "initiator": {"bsn": bsn}}
    response = harness.request("POST", "/v1/events", creds, body)
    assert response.status_code in (200, 201, 202), response.body


def cookies(response: Any) -> dict[str, str]:
    """name -> value of every Set-Cookie of a chalice test client response."""
    raw = response.headers.get("Set-Cookie") or response.headers.get("set-cookie") or []
    found = {}
    for header in [raw] if isinstance(raw, str) else raw:
        name, _, rest = header.partition("=")
        found[name] = rest.split(";", 1)[0]
    return found


def start(harness: Harness) -> tuple[str, str]:
    """GET /mijn-zaken/digid: (the provider's authorization URL, the flow cookie)."""
    response = harness.client.http.get("/mijn-zaken/digid")
    assert response.status_code == 302
    return response.headers["Location"], cookies(response)["zs_digid"]


def approve(url: str, citizen: str) -> dict[str, str]:
    """The citizen signs in at the provider: the query the provider sends the browser back with."""
    answer = requests.get(url, params={"login_hint": citizen}, allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    return {k: v[0] for k, v in parse_qs(urlsplit(answer.headers["Location"]).query).items()}


def callback(harness: Harness, back: dict[str, str], flow: str) -> Any:
    query = "&".join(f"{k}={v}" for k, v in back.items())
    return harness.client.http.get(f"/mijn-zaken/digid/callback?{query}", headers={"Cookie": f"zs_digid={flow}"})


def my_cases(harness: Harness, session: str) -> list[str]:
    response = harness.client.http.get("/v1/me/cases", headers={"Cookie": f"zs_mijn={session}"})
    assert response.status_code == 200, response.body
    return sorted(case["case_id"] for case in response.json_body["cases"])


def test_a_citizen_signed_in_with_digid_sees_their_cases_of_every_organisation_and_no_others(
    harness: Harness, hvc: dict[str, Any], provider: OidcStandIn
) -> None:
    other = organisation(harness, "other")
    post_case(harness, hvc, "HVC-1", CITIZEN)
    post_case(harness, other, "OTHER-1", CITIZEN)
    post_case(harness, other, "OTHER-2", OTHER_CITIZEN)

    url, flow = start(harness)
    assert url.startswith(provider.url + "/authorize?")
    query = parse_qs(urlsplit(url).query)
    assert query["code_challenge_method"] == ["S256"] and query["state"] and query["nonce"]
    assert CITIZEN not in url
    signed_in = callback(harness, approve(url, CITIZEN), flow)

    assert signed_in.status_code == 200, signed_in.body
    assert 'http-equiv="refresh" content="0;url=/mijn-zaken"' in signed_in.body.decode()
    session = cookies(signed_in)["zs_mijn"]
    assert my_cases(harness, session) == ["HVC-1", "OTHER-1"]


def test_the_flow_cookie_is_httponly_lax_and_limited_to_the_digid_path(harness: Harness, provider: OidcStandIn) -> None:
    response = harness.client.http.get("/mijn-zaken/digid")
    header = response.headers["Set-Cookie"]
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Path=/mijn-zaken/digid" in header


def test_a_forged_state_gets_no_session(harness: Harness, hvc: dict[str, Any], provider: OidcStandIn) -> None:
    post_case(harness, hvc, "HVC-1", CITIZEN)
    url, flow = start(harness)
    back = approve(url, CITIZEN)
    forged = callback(harness, {**back, "state": "0" * 64}, flow)
    assert forged.status_code == 403 and "zs_mijn" not in cookies(forged)


def test_a_callback_without_the_flow_cookie_or_from_another_sign_in_gets_no_session(
    harness: Harness, provider: OidcStandIn
) -> None:
    url, flow = start(harness)
    _, other_flow = start(harness)
    back = approve(url, CITIZEN)
    assert callback(harness, back, "").status_code == 403
    stolen = callback(harness, back, other_flow)  # an attacker's own cookie with the victim's code
    assert stolen.status_code == 403 and "zs_mijn" not in cookies(stolen)
    assert callback(harness, back, flow).status_code == 200  # the refusals did not use the code


def test_a_citizen_who_cancels_at_the_provider_is_told_it_did_not_succeed(
    harness: Harness, provider: OidcStandIn
) -> None:
    _, flow = start(harness)
    refused = callback(harness, {"error": "access_denied", "state": "x"}, flow)
    assert refused.status_code == 403 and "niet gelukt" in refused.body.decode()


def test_without_a_configured_provider_the_routes_are_not_found(harness: Harness) -> None:
    assert harness.client.http.get("/mijn-zaken/digid").status_code == 404
    assert harness.client.http.get("/mijn-zaken/digid/callback?code=a&state=b").status_code == 404


def test_the_sign_in_page_offers_digid_only_where_a_provider_is_configured(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert 'href="/mijn-zaken/digid"' not in harness.client.http.get("/mijn-zaken").body.decode()
    monkeypatch.setenv("ZAAKSTATUS_OIDC_ISSUER", "https://broker.example")
    monkeypatch.setenv("ZAAKSTATUS_OIDC_CLIENT_ID", "zaakstatus")
    monkeypatch.setenv("ZAAKSTATUS_OIDC_CLIENT_SECRET", "secret")
    config.reset()
    bootstrap.reset()
    try:
        page = harness.client.http.get("/mijn-zaken").body.decode()
        english = harness.client.http.get("/mijn-zaken?lang=en").body.decode()
    finally:
        for name in ("ISSUER", "CLIENT_ID", "CLIENT_SECRET"):
            monkeypatch.delenv(f"ZAAKSTATUS_OIDC_{name}")
        config.reset()
        bootstrap.reset()
    assert 'href="/mijn-zaken/digid">Inloggen met DigiD</a>' in page
    assert "Sign in with DigiD" in english
