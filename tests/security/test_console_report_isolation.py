"""Tenant isolation of the console's reports: the other organisation's staff, asking for HVC's
case type by its code, get the form with an error and none of HVC's figures, case types or cases,
on the pages and in the downloads; HVC's own staff do see them."""

from __future__ import annotations

import pytest

from tests.security import test_console_isolation as console_isolation
from tests.security import test_isolation_matrix as matrix
from tests.security.test_isolation_matrix import HVC_ONLY_TYPE

matrix_world = matrix.matrix_world  # the matrix's seeded world, a fixture of this module too
console_cookies = console_isolation.console_cookies
PAGES = ("/console/reports", "/console/reports.csv", "/console/overdue", "/console/overdue.csv")


def _get(world, path: str, cookie: str):
    return world.client.http.get(path, headers={"Cookie": cookie})


@pytest.mark.parametrize("page", PAGES)
def test_another_organisations_staff_see_none_of_hvcs_figures_in_the_reports(matrix_world, console_cookies, page):
    world = matrix_world
    own = _get(world, f"{page}?case_type={HVC_ONLY_TYPE}", console_cookies["hvc"])
    theirs = _get(world, f"{page}?case_type={HVC_ONLY_TYPE}", console_cookies["other"])
    unfiltered = _get(world, page, console_cookies["other"])

    assert own.status_code == 200, own.body  # the case type is HVC's: its own staff get its report
    assert theirs.status_code == 400  # not theirs: the form names the field, nothing else is shown
    assert "Kies een zaaktype uit de lijst." in theirs.body.decode()
    assert unfiltered.status_code == 200
    for answer in (theirs, unfiltered):
        body = answer.body.decode()
        # (The other organisation has a 'klacht' and a case of the same id of its own: only HVC's
        # own case type is a sign of a leak.)
        assert HVC_ONLY_TYPE not in body


def test_hvcs_own_report_names_its_case_type(matrix_world, console_cookies):
    world = matrix_world

    csv = _get(world, f"/console/reports.csv?case_type={HVC_ONLY_TYPE}", console_cookies["hvc"]).body.decode()

    assert f",{HVC_ONLY_TYPE}," in csv.splitlines()[1]
