"""Errors the service raises, and how they become `application/problem+json` (RFC 9457)."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

PROBLEM_TYPE = "https://zaakstatus.example/problems/"


class Problem(Exception):
    status = 500
    title = "Internal error"

    def __init__(self, detail: str, invalid_params: list[dict[str, str]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.invalid_params = invalid_params
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        slug = self.title.lower().replace(" ", "-")
        body: dict[str, Any] = {
            "type": PROBLEM_TYPE + slug,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if self.invalid_params:
            body["invalid_params"] = self.invalid_params
        return body


class BadRequest(Problem):
    status, title = 400, "Bad request"


class Unauthorized(Problem):
    status, title = 401, "Unauthorized"


class Forbidden(Problem):
    status, title = 403, "Forbidden"


class NotFound(Problem):
    status, title = 404, "Not found"


class MethodNotAllowed(Problem):
    status, title = 405, "Method not allowed"


class Conflict(Problem):
    status, title = 409, "Conflict"


class PayloadTooLarge(Problem):
    status, title = 413, "Payload too large"


class UnsupportedMediaType(Problem):
    status, title = 415, "Unsupported media type"


class ServiceUnavailable(Problem):
    status, title = 503, "Service unavailable"


def invalid(name: str, reason: str) -> BadRequest:
    return BadRequest(f"{name}: {reason}", [{"name": name, "reason": reason}])


def from_validation_error(error: ValidationError, prefix: str = "") -> BadRequest:
    params = []
    for item in error.errors(include_url=False, include_input=False):
        path = ".".join(str(part) for part in item["loc"])
        name = ".".join(p for p in (prefix, path) if p) or "body"
        reason = item["msg"].removeprefix("Value error, ")
        params.append({"name": name, "reason": reason})
    names = ", ".join(p["name"] for p in params)
    return BadRequest(f"The request has invalid fields: {names}.", params)


class TooManyRequests(Problem):
    status, title = 429, "Too many requests"
