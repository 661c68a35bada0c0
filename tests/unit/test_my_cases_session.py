"""The "Mijn zaken" session cookie's flags, and the session's clock."""

from __future__ import annotations

from chalicelib.domain.citizen import CitizenSession, session_alive
from chalicelib.web.my_cases_session import cleared_cookie, session_cookie


def test_the_cookie_is_http_only_strict_and_secure_outside_the_local_run():
    assert session_cookie("t", secure=True) == "zs_mijn=t; Path=/; Max-Age=28800; HttpOnly; SameSite=Strict; Secure"
    assert "Secure" not in session_cookie("t", secure=False)
    assert cleared_cookie(secure=True).startswith("zs_mijn=; Path=/; Max-Age=0;")


def test_a_session_lives_fifteen_idle_minutes_and_eight_hours_at_most():
    s = CitizenSession(token_hash="h", address_hash="a", csrf="c", created_at=0, seen_at=0, expires_at=8 * 3600)
    assert session_alive(s, 15 * 60 - 1) and not session_alive(s, 15 * 60)
    late = s.model_copy(update={"seen_at": 8 * 3600 - 10})
    assert session_alive(late, 8 * 3600 - 1) and not session_alive(late, 8 * 3600)
    assert s.keys() == ["a:a"] and s.model_copy(update={"identity_hash": "bsn:x"}).keys() == ["a:a", "i:bsn:x"]
