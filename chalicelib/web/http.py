"""HTTP plumbing in one place: parsing bodies, answers and problem responses, headers, 404/405."""

from __future__ import annotations

import functools
import json
import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from chalice import Chalice, Response
from pydantic import BaseModel, ValidationError

from chalicelib.domain.answers import Answer
from chalicelib.domain.errors import DomainError, NotFound
from chalicelib.web.problems import (
    BadRequest,
    MethodNotAllowed,
    PayloadTooLarge,
    Problem,
    ServiceUnavailable,
    UnsupportedMediaType,
    from_validation_error,
    problem_for,
)

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 64 * 1024
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")  # no CORS: OPTIONS is a 405 too
FALLBACK_DEPTH = 6
M = TypeVar("M", bound=BaseModel)

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate CSP 2
}
API_CSP = "default-src 'none'; frame-ancestors 'none'"
HSTS = "max-age=63072000; includeSubDomains"
THROTTLING_CODES = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
        "Throttling",
        "TooManyRequestsException",
        "InternalServerError",
        "ServiceUnavailable",
        "RequestThrottled",  # SQS
        "KmsThrottled",  # SQS on an encrypted queue
    }
)
# botocore's transport errors (no connection, a timeout): the call may be tried again. Told by
# name, so that importing this module does not import botocore.
TRANSPORT_ERRORS = frozenset({"botocore.exceptions.ConnectionError", "botocore.exceptions.HTTPClientError"})


class ThreadSafeChalice(Chalice):
    """Chalice keeps the current request on the app object, which is fine in Lambda (one event
    at a time) but mixes up requests in a threaded local server. Keep it per thread."""

    _requests = threading.local()

    @property
    def current_request(self) -> Any:
        return getattr(self._requests, "current", None)

    @current_request.setter
    def current_request(self, value: Any) -> None:
        self._requests.current = value


def body_of(request: Any, content_type: str, limit: int) -> bytes:
    """The raw body, if it is of `content_type` and at most `limit` bytes; a problem otherwise."""
    raw: bytes = request.raw_body or b""
    if len(raw) > limit:
        raise PayloadTooLarge(f"The body is larger than {limit} bytes.")
    sent = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if sent != content_type:
        raise UnsupportedMediaType(f"Send the body as 'Content-Type: {content_type}'.")
    return raw


def parse(request: Any, model: type[M]) -> M:
    raw = body_of(request, "application/json", MAX_BODY_BYTES)
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise BadRequest("The body is not valid JSON.", [{"name": "body", "reason": "not valid JSON"}]) from None
    if not isinstance(data, dict):
        raise BadRequest("The body must be a JSON object.", [{"name": "body", "reason": "not a JSON object"}])
    try:
        # Strict JSON types: "5" is not a number, 1 is not a date, "true" is not a boolean; the
        # OpenAPI description promises exactly the types the models declare.
        return model.model_validate_json(raw, strict=True)
    except ValidationError as exc:
        raise from_validation_error(exc) from None


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        body=json.dumps(body, ensure_ascii=False),
        status_code=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def answer(model: Answer, status: int = 200) -> Response:
    return json_response(model.json_body(), status)


def no_content() -> Response:
    return Response(body="", status_code=204)


def problem_response(problem: Problem) -> Response:
    return Response(
        body=json.dumps(problem.body(), ensure_ascii=False),
        status_code=problem.status,
        headers={"Content-Type": "application/problem+json", **problem.headers},
    )


def handled(view: Callable[..., Response]) -> Callable[..., Response]:
    """Every route's errors become problem responses here, and nowhere else."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Response:
        try:
            return view(*args, **kwargs)
        except Problem as problem:
            return problem_response(problem)
        except DomainError as error:
            return problem_response(problem_for(error))
        except Exception as exc:
            if _is_throttling(exc):
                busy = ServiceUnavailable("A dependency is busy; try again shortly.", headers={"Retry-After": "2"})
                return problem_response(busy)
            # A bug of ours: say so without echoing anything personal.
            log.error("unhandled %s in %s", type(exc).__name__, view.__name__)
            return problem_response(Problem("Something went wrong on our side."))

    return wrapper


def _is_throttling(exc: Exception) -> bool:
    """AWS said 'not now' (throttled, briefly unavailable, a 5xx after botocore's own retries) or
    could not be reached: the client may retry (an event's retry is a replay, answered once)."""
    if any(f"{c.__module__}.{c.__name__}" in TRANSPORT_ERRORS for c in type(exc).__mro__):
        return True
    response = getattr(exc, "response", None)
    if not isinstance(response, dict):
        return False
    status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return response.get("Error", {}).get("Code") in THROTTLING_CODES or (isinstance(status, int) and status >= 500)


def add_security_headers(app: Chalice, is_local: Callable[[], bool]) -> None:
    @app.middleware("http")
    def security_headers(event: Any, get_response: Callable[[Any], Response]) -> Response:
        return with_security_headers(get_response(event), is_local())


def with_security_headers(response: Response, local: bool) -> Response:
    """The headers every answer carries (also those a middleware gives before the route runs)."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Content-Security-Policy", API_CSP)
    if not local:
        # Deployed stages are HTTPS only (API Gateway); the local run is plain HTTP.
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def add_fallbacks(app: Chalice) -> None:
    """Answer unknown routes with 404 and unsupported methods with 405, as problems.

    Without these, API Gateway (and chalice's local gateway) answer 403 "Missing
    Authentication Token", which tells a client nothing.
    """
    for path, entries in list(app.routes.items()):
        missing = [m for m in METHODS if m not in entries]
        if missing:
            allowed = ", ".join(sorted(entries))
            _register(app, path, missing, MethodNotAllowed(f"Allowed methods: {allowed}.", headers={"Allow": allowed}))
    for depth in range(1, FALLBACK_DEPTH + 1):
        path = "/" + "/".join(f"{{p{i}}}" for i in range(depth))
        if path not in app.routes:
            _register(app, path, list(METHODS), problem_for(NotFound("There is nothing at this address.")))

    @app.middleware("http")
    def unknown_methods(event: Any, get_response: Callable[[Any], Response]) -> Response:
        # A method no route has (HEAD, TRACE, QUERY, FOO): chalice would answer 405 in JSON of its
        # own, its Allow listing the fallbacks' methods too. API Gateway never routes these to us.
        entries = app.routes.get(str((event.context or {}).get("resourcePath")), {})
        if event.method in entries:
            return get_response(event)
        return problem_response(_refusal(entries))


def _refusal(entries: dict[str, Any]) -> Problem:
    """405 with the path's own methods in Allow; 404 where the path is only a fallback's."""
    own = sorted(method for method, route in entries.items() if not route.view_name.startswith("fallback"))
    if not own:
        return problem_for(NotFound("There is nothing at this address."))
    allowed = ", ".join(own)
    return MethodNotAllowed(f"Allowed methods: {allowed}.", headers={"Allow": allowed})


def _register(app: Chalice, path: str, methods: list[str], problem: Problem) -> None:
    def fallback(**_: str) -> Response:
        return problem_response(problem)

    fallback.__name__ = "fallback_" + "".join(c if c.isalnum() else "_" for c in path)
    app.route(path, methods=methods, content_types=["*/*"])(fallback)
