"""The ZGW client as an attacker's tool: an organisation (or its hub, or its APIs' answers) names
URLs, and none of them may make zaakstatus call anything but the organisation's two declared API
roots, carry its JWT elsewhere, follow a redirect, read without bound or run without end.

The ZGW APIs here are a scripted loopback server (loopback is allowed as in tests and the local
run); a name that resolves to a private address is tried with a given resolver, no socket opened.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import islice
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from chalicelib.adapters.outbound_http import MAX_ANSWER_BYTES
from chalicelib.adapters.zgw_http import MAX_PAGES, RETRY_AFTER_MAX_S, ZgwHttpApis
from chalicelib.domain.zgw.errors import ForeignUrl, ZgwError
from chalicelib.domain.zgw.models import Connection

ZAKEN, CATALOGI = "/zaken/api/v1/", "/catalogi/api/v1/"
Answer = tuple[int, dict[str, str], bytes]


class Api:
    """A loopback server: `routes[path](query)` gives each answer; every request is recorded."""

    def __init__(self) -> None:
        self.routes: dict[str, Callable[[dict[str, str]], Answer]] = {}
        self.requests: list[dict[str, Any]] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                parts = urlsplit(self.path)
                api.requests.append({"path": self.path, "authorization": self.headers.get("Authorization")})
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                route = api.routes.get(parts.path)
                status, headers, body = route(query) if route else (404, {}, b"{}")
                self.send_response(status)
                for name, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def json(self, path: str, body: Any, status: int = 200, **headers: str) -> None:
        self.routes[path] = lambda _query: (status, headers, json.dumps(body).encode())

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def api() -> Iterator[Api]:
    server = Api()
    yield server
    server.close()


@pytest.fixture
def other() -> Iterator[Api]:
    """Another service on the same machine: what an attacker would like zaakstatus to call."""
    server = Api()
    yield server
    server.close()


def connection(zaken_api: str, catalogi_api: str) -> Connection:
    return Connection(
        org_id="hvc",
        zaken_api=zaken_api,
        catalogi_api=catalogi_api,
        client_id="zaakstatus-hvc",
        secret_encrypted="-",
        rsins=("002220647",),
        authorization_hash="-",
        updated_at=dt.datetime(2026, 11, 28, tzinfo=dt.UTC),
    )


def client_of(api: Api, **kwargs: Any) -> Any:
    apis = ZgwHttpApis(backoff=0, allow_loopback=True, **kwargs)
    return apis.connect(connection(api.url + ZAKEN, api.url + CATALOGI), "a-shared-secret-of-at-least-32-bytes!")


@pytest.mark.parametrize(
    "path",
    [
        ZAKEN + "../../admin/secrets",
        ZAKEN + "statussen/../../../admin",
        ZAKEN + "%2e%2e/%2e%2e/admin",
        ZAKEN + "%2E%2E%2f%2E%2E%2fadmin",
        ZAKEN + "statussen/%252e%252e/x",
        ZAKEN + "/admin",
        ZAKEN + "statussen//x",
    ],
)
def test_a_resource_url_that_leaves_the_root_by_its_path_is_refused_and_no_jwt_is_sent(api, path):
    client = client_of(api)
    api.json("/admin/secrets", {"secret": "internal"})
    with pytest.raises(ForeignUrl):
        client.get(api.url + path)
    assert api.requests == []  # nothing called: the organisation's JWT went nowhere


def test_the_jwt_goes_only_to_urls_under_the_declared_roots(api, other):
    client = client_of(api)
    api.json(ZAKEN + "statussen/1", {"url": "x"})
    api.json("/admin", {"secret": "internal"})
    api.json(ZAKEN + "statussen/2", {}, status=302, Location=api.url + "/admin")  # same origin, outside the root
    assert client.get(api.url + ZAKEN + "statussen/1") == {"url": "x"}
    with pytest.raises(ZgwError, match="redirect"):
        client.get(api.url + ZAKEN + "statussen/2")
    for url in (other.url + ZAKEN + "statussen/1", api.url + "/zaken/api/v1evil/x", api.url + "/admin"):
        with pytest.raises(ForeignUrl):
            client.get(url)
    assert [r["path"] for r in api.requests] == [ZAKEN + "statussen/1", ZAKEN + "statussen/2"]
    assert all(r["authorization"].startswith("Bearer ") for r in api.requests)
    assert other.requests == []


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_an_error_and_is_never_followed(api, other, status):
    client = client_of(api)
    other.json(ZAKEN + "statussen/1", {"url": "internal"})
    api.json(ZAKEN + "statussen/1", {}, status=status, Location=other.url + ZAKEN + "statussen/1")
    with pytest.raises(ZgwError, match="redirect"):
        client.get(api.url + ZAKEN + "statussen/1")
    assert other.requests == []
    assert len(api.requests) == 1


def test_a_redirect_within_the_root_is_not_followed_either(api):
    client = client_of(api)
    api.json(ZAKEN + "statussen/2", {"url": "moved"})
    api.json(ZAKEN + "statussen/1", {}, status=302, Location=api.url + ZAKEN + "statussen/2")
    with pytest.raises(ZgwError, match="redirect"):
        client.get(api.url + ZAKEN + "statussen/1")
    assert [r["path"] for r in api.requests] == [ZAKEN + "statussen/1"]


def test_a_next_link_that_loops_stops_the_list_with_an_error(api):
    client = client_of(api)
    page = api.url + ZAKEN + "zaken"
    api.json(ZAKEN + "zaken", {"count": 1, "next": page + "?page=1", "previous": None, "results": [{"n": 1}]})
    with pytest.raises(ZgwError, match="loops"):
        list(islice(client.pages(page, {"page": "1"}), 500))
    assert len(api.requests) == 1


def endless(query: dict[str, str], base: str) -> Answer:
    number = int(query.get("page", "1"))
    body = {"count": 10**6, "next": f"{base}?page={number + 1}", "previous": None, "results": [{"n": number}]}
    return 200, {}, json.dumps(body).encode()


def test_a_list_of_more_than_the_page_limit_stops_with_a_clear_error(api):
    client = client_of(api)
    base = api.url + CATALOGI + "zaaktypen"
    api.routes[CATALOGI + "zaaktypen"] = lambda query: endless(query, base)
    read: list[Any] = []
    with pytest.raises(ZgwError, match=f"more than {MAX_PAGES} pages"):
        read.extend(islice(client.pages(base), MAX_PAGES + 50))
    assert len(api.requests) == MAX_PAGES == 200


def test_an_answer_over_the_size_limit_is_an_error_not_a_cut_short_parse(api):
    client = client_of(api)
    big = {"url": "x", "padding": "a" * MAX_ANSWER_BYTES}
    api.json(ZAKEN + "zaken/big", big)
    api.json(ZAKEN + "zaken/small", {"url": "x", "padding": "a" * (MAX_ANSWER_BYTES - 100)})
    with pytest.raises(ZgwError, match="more than"):
        client.get(api.url + ZAKEN + "zaken/big")
    assert len(client.get(api.url + ZAKEN + "zaken/small")["padding"]) == MAX_ANSWER_BYTES - 100


def test_deeply_nested_json_is_an_error_not_a_crash(api):
    client = client_of(api)
    api.routes[ZAKEN + "zaken/deep"] = lambda _q: (200, {}, b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(ZgwError, match="not JSON"):
        client.get(api.url + ZAKEN + "zaken/deep")


def test_retry_after_is_honoured_only_up_to_a_few_seconds(api, monkeypatch):
    import urllib3.util.retry

    slept: list[float] = []
    monkeypatch.setattr(urllib3.util.retry.time, "sleep", slept.append)
    answers = iter([(503, {"Retry-After": "3600"}, b"{}"), (200, {}, b'{"url": "x"}')])
    api.routes[ZAKEN + "zaken/1"] = lambda _q: next(answers)
    assert client_of(api).get(api.url + ZAKEN + "zaken/1") == {"url": "x"}
    assert slept == [RETRY_AFTER_MAX_S]  # an hour asked: one organisation must not hold the run


def resolver(*addresses: str) -> Callable[..., list[tuple[Any, ...]]]:
    def resolve(host: str, port: int, type: int = 0) -> list[tuple[Any, ...]]:  # noqa: A002
        resolve.calls.append(host)  # type: ignore[attr-defined]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses]

    resolve.calls = []  # type: ignore[attr-defined]
    return resolve


@pytest.mark.parametrize("address", ["10.0.0.5", "127.0.0.1", "169.254.169.254", "100.64.0.1"])
def test_a_root_whose_name_resolves_to_a_private_address_is_refused_at_request_time(address):
    resolve = resolver(address)
    apis = ZgwHttpApis(backoff=0, allow_loopback=False, resolve=resolve)
    client = apis.connect(
        connection("https://zaken.example.com/zaken/api/v1", "https://zaken.example.com/catalogi/api/v1"), "s" * 40
    )
    with pytest.raises(ZgwError, match="url-refused"):
        client.get("https://zaken.example.com/zaken/api/v1/statussen/1")
    assert resolve.calls == ["zaken.example.com"]  # type: ignore[attr-defined]
