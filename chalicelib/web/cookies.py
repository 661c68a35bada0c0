"""Reading a request's cookie and writing a Set-Cookie, once for every session and flow cookie
(the console's, "Mijn zaken"'s, the DigiD round trip's)."""

from __future__ import annotations

from typing import Any


def read(request: Any, name: str) -> str | None:
    """The value of cookie `name`, or None when absent or empty."""
    for part in (request.headers.get("cookie") or "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name and value:
            return value
    return None


def set_cookie(name: str, value: str, *, path: str, max_age: int, secure: bool, same_site: str = "Strict") -> str:
    """A Set-Cookie value: always HttpOnly; Secure outside the local run."""
    flags = "; Secure" if secure else ""
    return f"{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite={same_site}{flags}"
