"""Abuse limits (rate, body size), the initiator's validation, and the headers on every answer."""

from __future__ import annotations

import json

import pytest

from chalicelib import bootstrap, config
from chalicelib.domain import privacy
from chalicelib.web.ratelimit import SlidingWindow
from tests.builders import HVC_CASE_TYPE, event_body


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_040.0  # 20 s into a minute (1_000_020 is a minute's start)

    def __call__(self) -> float:
        return self.now


def _limits(monkeypatch, **env: str) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config.reset()
    bootstrap.reset()  # the limiter (bootstrap.limits()) goes too: a fresh one with the new settings


# sliding window


def test_the_window_allows_the_limit_then_says_how_long_to_wait():
    clock = FakeClock()
    window = SlidingWindow(clock)
    assert [window.hit("a", 3) for _ in range(3)] == [None, None, None]
    assert window.hit("a", 3) == 40  # the rest of this minute
    assert window.hit("b", 3) is None  # keys are counted apart


def test_the_previous_minute_still_counts_for_the_part_that_overlaps():
    clock = FakeClock()
    window = SlidingWindow(clock)
    for _ in range(4):
        window.hit("a", 4)
    clock.now += 60  # 20 s into the next minute: 2/3 of the last minute's 4 still count
    assert [window.hit("a", 4) for _ in range(2)] == [None, 40]  # 2.67 + 1 fits, 2.67 + 2 does not
    clock.now += 120
    assert window.hit("a", 4) is None


def test_the_window_forgets_old_keys_to_stay_small():
    clock = FakeClock()
    window = SlidingWindow(clock, max_keys=10)
    for i in range(100):
        window.hit(f"k{i}", 5)
        clock.now += 61
    assert len(window._counts) <= 10


# per-organisation ingest limit


def test_ingest_over_the_organisations_limit_is_429_with_retry_after(harness, hvc, monkeypatch):
    _limits(monkeypatch, ZAAKSTATUS_INGEST_PER_MINUTE="3")
    other = harness.create_organisation("other")
    harness.request("PUT", "/v1/case-types/klacht", other, HVC_CASE_TYPE)

    answers = [harness.request("POST", "/v1/events", hvc, event_body(event_id=f"e{i}")) for i in range(4)]

    assert [a.status_code for a in answers] == [202, 202, 202, 429]
    assert answers[3].headers["Content-Type"] == "application/problem+json"
    assert 1 <= int(answers[3].headers["Retry-After"]) <= 60
    assert harness.request("POST", "/v1/events", other, event_body()).status_code == 202  # another organisation


# tracking lookups per client address


def test_tracking_lookups_over_the_limit_per_address_are_429(harness, hvc, monkeypatch):
    url = harness.request("POST", "/v1/events", hvc, event_body()).json_body["tracking_url"]
    token = url.rsplit("/", 1)[1]
    _limits(monkeypatch, ZAAKSTATUS_TRACKING_PER_MINUTE="3")

    guesses = [harness.request("GET", f"/v1/track/hvc.{'A' * 21}{c}").status_code for c in "ABC"]
    blocked = [harness.request("GET", f"/v1/track/{token}"), harness.client.http.get(f"/track/{token}")]

    assert guesses == [404, 404, 404]
    assert [b.status_code for b in blocked] == [429, 429]  # even the right token, from this address
    assert all("Retry-After" in b.headers for b in blocked)
    assert all(b.headers["X-Content-Type-Options"] == "nosniff" for b in blocked)


# body size


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/v1/events"), ("PUT", "/v1/case-types/klacht"), ("PUT", "/v1/cases/HVC-2026-000123/subscriber")],
)
def test_a_body_over_64_kib_is_413(harness, hvc, method, path):
    body = json.dumps({"padding": "x" * (64 * 1024)})
    assert harness.request(method, path, hvc, body).status_code == 413


# the initiator: BSN (eleven-test) or KvK, stored only as a keyed hash


@pytest.mark.parametrize(
    ("initiator", "field"),
    [
        ({"bsn": "111222334"}, "case.initiator.bsn"),  # fails the eleven-test
        ({"bsn": "11122233"}, "case.initiator.bsn"),  # eight digits
        ({"bsn": "000000000"}, "case.initiator.bsn"),
        ({"kvk": "1234567"}, "case.initiator.kvk"),
        ({"bsn": "111222333", "kvk": "69599084"}, "case.initiator"),
        ({}, "case.initiator"),
        ({"rsin": "111222333"}, "case.initiator.rsin"),
    ],
)
def test_an_invalid_initiator_is_400_and_the_number_is_not_echoed(harness, hvc, initiator, field):
    body = event_body()
    body["case"]["initiator"] = initiator
    response = harness.request("POST", "/v1/events", hvc, body)
    assert response.status_code == 400
    assert field in [p["name"] for p in response.json_body["invalid_params"]]
    assert not any(n in response.body.decode() for n in initiator.values())


def test_the_eleven_test():
    assert privacy.is_bsn("111222333") and privacy.is_bsn("123456782")
    assert not privacy.is_bsn("123456789") and not privacy.is_bsn("12345678a")


def test_the_same_number_gives_the_same_hash_under_one_key_and_another_under_another():
    a = privacy.identity_hash("k1", "bsn", "111222333")
    assert a == privacy.identity_hash("k1", "bsn", "111222333")
    assert a != privacy.identity_hash("k2", "bsn", "111222333")
    assert a != privacy.identity_hash("k1", "kvk", "111222333")
    assert "111222333" not in a


def test_the_same_citizens_cases_carry_the_same_initiator_hash(harness, hvc):
    import boto3

    for case_id in ("HVC-1", "HVC-2"):
        body = event_body()
        body["case"].update(id=case_id, initiator={"bsn": "111222333"})
        assert harness.request("POST", "/v1/events", hvc, body).status_code == 202
    items = boto3.client("dynamodb").scan(TableName="zaakstatus")["Items"]
    assert len({i["ini"]["S"] for i in items if "ini" in i}) == 1


# headers


def _responses(harness, hvc):
    url = harness.request("POST", "/v1/events", hvc, event_body()).json_body["tracking_url"]
    token = url.rsplit("/", 1)[1]
    return {
        "health": harness.client.http.get("/health"),
        "openapi": harness.client.http.get("/openapi.json"),
        "case": harness.request("GET", "/v1/cases/HVC-2026-000123", hvc),
        "problem 401": harness.client.http.get("/v1/case-types"),
        "unknown route": harness.client.http.get("/nothing/here"),
        "method": harness.client.http.patch("/v1/events"),
        "tracking json": harness.client.http.get(f"/v1/track/{token}"),
        "tracking page": harness.client.http.get(f"/track/{token}"),
        "unknown page": harness.client.http.get("/track/hvc.AAAAAAAAAAAAAAAAAAAAAA"),
    }


def test_every_answer_carries_the_security_headers_and_no_hsts_locally(harness, hvc):
    for name, response in _responses(harness, hvc).items():
        headers = {k.lower(): v for k, v in response.headers.items()}
        assert headers["x-content-type-options"] == "nosniff", name
        assert headers["cache-control"] == "no-store" or name == "static", name
        assert "frame-ancestors 'none'" in headers["content-security-policy"], name
        assert "strict-transport-security" not in headers, name


def test_deployed_stages_add_hsts(harness, hvc, monkeypatch):
    _limits(monkeypatch, ZAAKSTATUS_STAGE="prod")
    for name, response in _responses(harness, hvc).items():
        assert response.headers["Strict-Transport-Security"].startswith("max-age="), name
