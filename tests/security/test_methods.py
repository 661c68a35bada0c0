"""Every method on every path answers as described: a method a path does not have is 405
application/problem+json with the path's own methods in `Allow`, whether chalice knows the
method (PATCH, OPTIONS) or not (HEAD, TRACE, QUERY, CONNECT, PROPFIND, FOO); in the app and in
the local run's HTTP server alike, where http.server itself would answer 501."""

from __future__ import annotations

import http.client
import json
import re
from collections.abc import Iterator

import pytest

from chalicelib.web import openapi
from local.api import ApiServer

UNKNOWN = ["HEAD", "TRACE", "QUERY", "CONNECT", "PROPFIND", "FOO"]
KNOWN = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
PATHS = {
    re.sub(r"\{[^}]+\}", "x", path): {m.upper() for m in item} for path, item in openapi.document()["paths"].items()
}


def _refused(path: str) -> list[tuple[str, str]]:
    return [(path, m) for m in UNKNOWN + KNOWN if m not in PATHS[path]]


CASES = [case for path in sorted(PATHS) for case in _refused(path)]


@pytest.fixture(scope="module")
def server(aws_app) -> Iterator[ApiServer]:
    from app import app

    api = ApiServer(app, "127.0.0.1", 0).start()
    yield api
    api.stop()


def _send(server: ApiServer, method: str, path: str) -> tuple[http.client.HTTPResponse, bytes]:
    host, port = server.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request(method, path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


@pytest.mark.parametrize(("path", "method"), CASES, ids=[f"{m} {p}" for p, m in CASES])
def test_a_method_the_path_lacks_is_405_problem_with_the_paths_methods_in_allow(aws_app, path, method):
    response = aws_app.http.request(method, path, headers={}, body=b"")

    assert response.status_code == 405, response.body
    assert response.headers["Content-Type"] == "application/problem+json"
    assert set(response.headers["Allow"].split(", ")) == PATHS[path]
    if method != "HEAD":
        assert json.loads(response.body)["status"] == 405
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("method", ["TRACE", "FOO", "PROPFIND", "QUERY"])
def test_an_unknown_method_on_an_unknown_path_is_404_problem(aws_app, method):
    response = aws_app.http.request(method, "/no/such/thing", headers={}, body=b"")

    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("method", ["TRACE", "CONNECT", "PROPFIND", "QUERY", "FOO", "PATCH"])
@pytest.mark.parametrize("path", ["/health", "/v1/cases/x", "/track/x", "/v1/admin/organisations"])
def test_the_local_server_answers_unknown_methods_with_405_problem_not_501(server, method, path):
    response, body = _send(server, method, path)

    assert response.status == 405, body
    assert response.getheader("Content-Type") == "application/problem+json"
    assert set(response.getheader("Allow").split(", ")) == PATHS[path]
    assert json.loads(body)["title"] == "Method not allowed"


def test_the_local_server_answers_head_with_headers_only_so_the_connection_stays_usable(server):
    host, port = server.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("HEAD", "/health")
    head = connection.getresponse()
    assert (head.status, head.read()) == (405, b"")
    connection.request("GET", "/health")  # the same connection: no stray body in the way
    after = connection.getresponse()
    assert (after.status, json.loads(after.read())) == (200, {"status": "ok"})
    connection.close()
