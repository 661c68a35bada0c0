"""The console's cookie, CSRF and form rules, without the app."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from chalicelib.domain.errors import Forbidden
from chalicelib.domain.staff import StaffSession
from chalicelib.web.console.session import (
    check_csrf,
    cleared_cookie,
    csrf_field,
    read_form,
    require_role,
    session_cookie,
    session_token,
)
from chalicelib.web.problems import Problem

SESSION = StaffSession(
    token_hash="h" * 64,
    org_id="hvc",
    address_hash="a" * 32,
    role="agent",
    csrf='c"<x>',
    created_at=0,
    seen_at=0,
    expires_at=8 * 3600,
)


def _request(body: bytes, content_type: str = "application/x-www-form-urlencoded", cookie: str = "") -> object:
    return SimpleNamespace(raw_body=body, headers={"content-type": content_type, "cookie": cookie}, method="POST")


def test_the_session_cookie_is_secure_outside_the_local_run():
    deployed = session_cookie("tok", secure=True)
    assert deployed.startswith("zs_console=tok;")
    assert all(flag in deployed for flag in ("HttpOnly", "SameSite=Strict", "Path=/console", "Secure", "Max-Age=28800"))
    assert "Secure" not in session_cookie("tok", secure=False)
    assert "Max-Age=0" in cleared_cookie(secure=True)


def test_the_session_token_is_read_from_the_cookie_header_among_others():
    assert session_token(_request(b"", cookie="a=1; zs_console=abc; b=2")) == "abc"
    assert session_token(_request(b"", cookie="zs_console=")) is None
    assert session_token(_request(b"")) is None


def test_the_csrf_field_is_escaped_and_checked():
    assert csrf_field(SESSION) == '<input type="hidden" name="csrf" value="c&quot;&lt;x&gt;">'
    check_csrf(SESSION, {"csrf": 'c"<x>'})
    for fields in ({}, {"csrf": ""}, {"csrf": "other"}):
        with pytest.raises(Forbidden):
            check_csrf(SESSION, fields)


def test_roles_are_required_by_name():
    require_role(SESSION, "admin", "agent")
    with pytest.raises(Forbidden):
        require_role(SESSION, "admin")


def test_a_form_keeps_the_first_value_of_each_field_and_only_those_asked_for():
    fields = read_form(_request(b"email=a%40b.nl&email=x&csrf=t&other=1"), ("email", "csrf"))
    assert fields == {"email": "a@b.nl", "csrf": "t"}
    assert read_form(_request(b"")) == {}  # no body at all: an empty form


def test_a_body_that_is_not_a_form_is_refused():
    with pytest.raises(Problem):
        read_form(_request(b'{"email": "a@b.nl"}', "application/json"))
    with pytest.raises(Problem):
        read_form(_request(b"email=%ff", "application/x-www-form-urlencoded"))
