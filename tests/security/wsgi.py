"""A tiny WSGI adapter around chalice's local gateway, so WSGI-speaking tools (Schemathesis)
drive the real app in-process: the same routing, middleware and handlers API Gateway invokes."""

from __future__ import annotations

import http
import urllib.parse
from collections.abc import Callable, Iterable
from typing import Any

from chalice.test import Client


class ChaliceWSGI:
    def __init__(self, client: Client | None = None) -> None:
        self.client = client  # may be given later: Schemathesis loads the description at import
        self.requests = 0
        self.statuses: dict[int, int] = {}

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        # PATH_INFO arrives decoded (as latin-1); API Gateway sees the raw, percent-encoded path.
        raw = environ.get("PATH_INFO", "").encode("latin-1")
        path = urllib.parse.quote(raw, safe="/")
        if environ.get("QUERY_STRING"):
            path += "?" + environ["QUERY_STRING"]
        headers = {
            key[5:].replace("_", "-").lower(): value for key, value in environ.items() if key.startswith("HTTP_")
        }
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        response = self.client.http.request(environ["REQUEST_METHOD"], path, headers=headers, body=body)
        self.requests += 1
        self.statuses[response.status_code] = self.statuses.get(response.status_code, 0) + 1
        phrase = http.HTTPStatus(response.status_code).phrase
        start_response(f"{response.status_code} {phrase}", list(response.headers.items()))
        return [response.body or b""]
