"""Errors as `application/problem+json` (RFC 9457): the one table from domain errors to HTTP, and
the few problems only HTTP has (a body too large, a wrong content type, ...)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from chalicelib.domain.documents import ContentMismatch, ContentTooLarge
from chalicelib.domain.errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidFields,
    NotFound,
    TooManyRequests,
    Unauthorized,
    UpstreamFailed,
)

PROBLEM_TYPE = "https://zaakstatus.example/problems/"

# Domain error -> (status, title). A subclass answers as the nearest class listed.
STATUS: dict[type[DomainError], tuple[int, str]] = {
    ContentTooLarge: (413, "Payload too large"),  # an InvalidFields, with its own status
    ContentMismatch: (415, "Unsupported media type"),  # an InvalidFields, with its own status
    InvalidFields: (400, "Bad request"),
    Unauthorized: (401, "Unauthorized"),
    Forbidden: (403, "Forbidden"),
    NotFound: (404, "Not found"),
    Conflict: (409, "Conflict"),
    TooManyRequests: (429, "Too many requests"),
    UpstreamFailed: (502, "Bad gateway"),
}


class InvalidParam(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    name: str
    reason: str


class ProblemDetails(BaseModel):
    """RFC 9457 problem details: the body of every error of this API (and its OpenAPI schema)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    type: str
    title: str
    status: int
    detail: str
    invalid_params: list[InvalidParam] | None = None


class Problem(Exception):
    status = 500
    title = "Internal error"

    def __init__(
        self,
        detail: str,
        invalid_params: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        *,
        status: int | None = None,
        title: str | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.invalid_params = invalid_params
        self.headers = headers or {}
        if status is not None:
            self.status = status
        if title is not None:
            self.title = title

    def body(self) -> dict[str, Any]:
        slug = self.title.lower().replace(" ", "-")
        params = [InvalidParam.model_validate(p) for p in self.invalid_params] if self.invalid_params else None
        body = ProblemDetails(
            type=PROBLEM_TYPE + slug, title=self.title, status=self.status, detail=self.detail, invalid_params=params
        )
        return body.model_dump(mode="json", exclude_none=True)


class BadRequest(Problem):
    status, title = 400, "Bad request"


class MethodNotAllowed(Problem):
    status, title = 405, "Method not allowed"


class PayloadTooLarge(Problem):
    status, title = 413, "Payload too large"


class UnsupportedMediaType(Problem):
    status, title = 415, "Unsupported media type"


class ServiceUnavailable(Problem):
    status, title = 503, "Service unavailable"


def problem_for(error: DomainError) -> Problem:
    status, title = next(STATUS[cls] for cls in type(error).__mro__ if cls in STATUS)
    params = [{"name": f.name, "reason": f.reason} for f in error.fields] if isinstance(error, InvalidFields) else None
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, TooManyRequests) else None
    return Problem(error.detail, params, headers, status=status, title=title)


def from_validation_error(error: ValidationError, prefix: str = "") -> BadRequest:
    params = []
    for item in error.errors(include_url=False, include_input=False):
        path = ".".join(str(part) for part in item["loc"])
        name = ".".join(p for p in (prefix, path) if p) or "body"
        reason = item["msg"].removeprefix("Value error, ")
        params.append({"name": name, "reason": reason})
    names = ", ".join(p["name"] for p in params)
    return BadRequest(f"The request has invalid fields: {names}.", params)
