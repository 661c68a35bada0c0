"""What can go wrong in a use case, in the domain's words. The web layer maps each class to an
HTTP problem in one table (`chalicelib/web/problems.py`); nothing here knows a status code."""

from __future__ import annotations

from dataclasses import dataclass


class DomainError(Exception):
    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(DomainError):
    """There is no such thing, or not for this caller (the answer never tells which)."""


class Conflict(DomainError):
    """The request contradicts what exists (an id taken, an event identity reused)."""


class EventConflict(Conflict):
    """An event's identity was used before with a different payload."""


class Unauthorized(DomainError):
    """Missing, malformed, expired or revoked credentials."""


class Forbidden(DomainError):
    """Credentials that are well-formed but not the right ones for this."""


class UpstreamFailed(DomainError):
    """A system of the organisation's that this request calls (its ZGW APIs) could not be reached,
    refused us, or answered something we do not use."""


class TooManyRequests(DomainError):
    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


@dataclass(frozen=True)
class FieldError:
    name: str  # the field's dotted path in the request, e.g. `subscriber.phone`
    reason: str
    code: str | None = None  # a stable code where a page words the reason itself


class InvalidFields(DomainError):
    """One or more fields of the request are not acceptable; each is named."""

    def __init__(self, detail: str, fields: list[FieldError]) -> None:
        super().__init__(detail)
        self.fields = fields

    @property
    def codes(self) -> dict[str, str]:
        """field name -> code, for the fields that carry one."""
        return {f.name: f.code for f in self.fields if f.code}


def invalid(name: str, reason: str) -> InvalidFields:
    return InvalidFields(f"{name}: {reason}", [FieldError(name, reason)])


def invalid_all(what: str, fields: list[FieldError]) -> InvalidFields:
    names = ", ".join(f.name for f in fields)
    return InvalidFields(f"{what} invalid fields: {names}.", fields)
