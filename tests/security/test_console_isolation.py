"""Tenant isolation in the staff console: a session is of one organisation, and the other
organisation's staff see nothing of HVC's on any console page (the rows are `CONSOLE_ROUTES` of
the isolation matrix, which also checks that every route of the app is placed)."""

from __future__ import annotations

import boto3
import pytest

from local.resources import verify_senders
from tests import console
from tests.security import test_isolation_matrix as matrix
from tests.security.conftest import OPERATOR, World
from tests.security.test_isolation_matrix import (
    CONSOLE_ROUTES,
    HVC_CASE,
    HVC_ONLY_TYPE,
    HVC_STAFF,
    _hvc_unchanged,
    _path,
)

matrix_world = matrix.matrix_world  # the matrix's seeded world, a fixture of this module too


@pytest.fixture(scope="module")
def console_cookies(matrix_world: World) -> dict[str, str]:
    """A console session of an admin of HVC and of the other organisation."""
    verify_senders(boto3.client("sesv2"), ["zaakstatus.example"])  # the sign-in e-mail's sender
    return {
        "hvc": console.sign_in(matrix_world, "hvc", HVC_STAFF, "admin"),
        "other": console.sign_in(matrix_world, "other", "beheer@other.example", "admin"),
    }


@pytest.mark.parametrize(
    ("method", "template", "query"), CONSOLE_ROUTES, ids=[f"{m} {t}" for m, t, _ in CONSOLE_ROUTES]
)
def test_another_organisations_staff_see_nothing_of_hvc_in_the_console(
    matrix_world, console_cookies, method, template, query
):
    world = matrix_world
    path = _path(template + query, world)
    own = world.client.http.request(method, path, headers={"Cookie": console_cookies["hvc"]}, body=b"")
    theirs = world.client.http.request(method, path, headers={"Cookie": console_cookies["other"]}, body=b"")
    assert own.status_code == 200, own.body  # the row names something HVC's staff do see
    assert theirs.status_code in (403, 404), theirs.body
    page = theirs.body.decode()
    assert HVC_ONLY_TYPE not in page and "Stand van zaken" not in page and ">HVC " not in page
    _hvc_unchanged(world)


def test_the_operator_token_is_no_console_session_and_organisation_tokens_are_none_either(matrix_world):
    world = matrix_world
    for auth in (OPERATOR, world.as_org(world.hvc)):
        response = world.call("GET", f"/console/cases?case_id={HVC_CASE}", auth)
        assert response.status_code == 303 and response.headers["Location"] == "/console"
