"""Guessing the operator token: an attempt limit per client address, stored in the table so that
every Lambda container sees it, and a lock-out that does not tell a right guess from a wrong one."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from chalice.local import LambdaEventConverter

from chalicelib import bootstrap
from chalicelib.domain import attempts, clock
from tests.harness import ADMIN

BODY = json.dumps({"id": "gouda", "name": "Gemeente Gouda"})
START = dt.datetime(2026, 3, 2, 9, 0, 10, tzinfo=dt.UTC)  # 10 s into a 15-minute window


def _create(harness, token: str):
    headers = {**ADMIN, "Authorization": f"Bearer {token}"}
    return harness.client.http.post("/v1/admin/organisations", headers=headers, body=BODY)


@pytest.fixture
def frozen(monkeypatch):
    moment = {"now": START}
    monkeypatch.setattr(clock, "now", lambda: moment["now"])
    return moment


def test_forty_wrong_operator_tokens_are_locked_out_after_ten(harness, frozen):
    answers = [_create(harness, f"guess-{i}") for i in range(40)]

    assert [a.status_code for a in answers] == [401] * 10 + [429] * 30
    locked = answers[-1]
    assert locked.headers["Content-Type"] == "application/problem+json"
    assert int(locked.headers["Retry-After"]) == attempts.WINDOW_S - 10


def test_the_right_token_is_locked_out_too_from_that_address_but_not_from_another(harness, frozen, monkeypatch):
    for i in range(10):
        _create(harness, f"guess-{i}")

    assert _create(harness, "test-admin-token").status_code == 429  # no oracle for the right guess
    monkeypatch.setattr(LambdaEventConverter, "LOCAL_SOURCE_IP", "192.0.2.7")
    assert _create(harness, "test-admin-token").status_code == 201


def test_the_lock_out_is_stored_so_a_new_container_keeps_it(harness, frozen):
    for i in range(10):
        _create(harness, f"guess-{i}")
    bootstrap.reset()  # a cold container: nothing kept in memory

    assert _create(harness, "guess-10").status_code == 429


def test_the_lock_out_ends_with_its_window(harness, frozen):
    for i in range(10):
        _create(harness, f"guess-{i}")
    frozen["now"] = START + dt.timedelta(seconds=attempts.WINDOW_S)

    assert _create(harness, "guess-10").status_code == 401
    assert _create(harness, "test-admin-token").status_code == 201


def test_the_right_token_alone_is_never_counted(harness, frozen):
    answers = [_create(harness, "test-admin-token").status_code for _ in range(12)]

    assert answers == [201] + [409] * 11
