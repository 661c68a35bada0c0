"""The ZGW connection through the outbound-URL guard, at the API: which API roots an organisation
may register (outside the local run and in it), and what the catalogue import answers when its
API cannot be reached or may not be called: a clean problem, never a 500."""

from __future__ import annotations

import dataclasses
import socket

import pytest

from chalicelib import bootstrap
from chalicelib.adapters.zgw_http import ZgwHttpApis
from local.zgw_server import CATALOGI, ZAKEN

OUTSIDE_LOCAL_REFUSED = {
    "moto's port over https": "https://127.0.0.1:5000/zaken/api/v1",
    "loopback name": "https://localhost/zaken/api/v1",
    "ipv6 loopback": "https://[::1]/zaken/api/v1",
    "decimal ipv4": "https://2130706433/zaken/api/v1",
    "octal ipv4": "https://0177.0.0.1/zaken/api/v1",
    "hex ipv4": "https://0x7f000001/zaken/api/v1",
    "ipv4-mapped loopback": "https://[::ffff:127.0.0.1]/zaken/api/v1",
    "unspecified": "https://0.0.0.0/zaken/api/v1",
    "cloud metadata": "https://169.254.169.254/latest/meta-data",
    "private": "https://10.0.0.1/zaken/api/v1",
    "userinfo": "https://user:secret@zaken.example.com/zaken/api/v1",
    "dot segments": "https://zaken.example.com/zaken/api/v1/../../admin",
    "encoded dot segments": "https://zaken.example.com/zaken/%2e%2e/admin",
    "duplicate slashes": "https://zaken.example.com//zaken/api/v1",
}


def outside_local_run() -> None:
    deps = bootstrap.deps()
    bootstrap.use(dataclasses.replace(deps, settings=dataclasses.replace(deps.settings, is_local=False)))


@pytest.mark.parametrize("field", ["zaken_api", "catalogi_api"])
@pytest.mark.parametrize("url", OUTSIDE_LOCAL_REFUSED.values(), ids=OUTSIDE_LOCAL_REFUSED.keys())
def test_outside_the_local_run_a_root_the_guard_refuses_is_400_naming_the_field(zgw, field, url):
    outside_local_run()
    public = {"zaken_api": "https://zaken.example.com" + ZAKEN, "catalogi_api": "https://zaken.example.com" + CATALOGI}
    response = zgw.connect(**{**public, field: url})
    assert response.status_code == 400, response.body
    assert [p["name"] for p in response.json_body["invalid_params"]] == [field]
    assert zgw.harness.request("GET", "/v1/zgw/connection", zgw.creds).status_code == 404  # nothing kept


LOCAL_RUN_REFUSED = {
    "ipv4-mapped metadata": "https://[::ffff:169.254.169.254]/",
    "dot segments on loopback": "http://127.0.0.1:5000/zaken/api/v1/../../moto",
    "encoded dot segments on loopback": "http://127.0.0.1:5000/zaken/api/%2E%2E/moto",
}


@pytest.mark.parametrize("url", LOCAL_RUN_REFUSED.values(), ids=LOCAL_RUN_REFUSED.keys())
def test_the_local_run_allows_loopback_but_nothing_else_the_guard_refuses(zgw, url):
    response = zgw.connect(zaken_api=url)
    assert response.status_code == 400, response.body
    assert [p["name"] for p in response.json_body["invalid_params"]] == ["zaken_api"]


def import_catalogue(zgw):
    return zgw.harness.request("POST", "/v1/zgw/catalogue/import", zgw.creds)


def test_a_closed_port_answers_a_clean_502_on_import(zgw):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    assert zgw.connect(zaken_api=closed + ZAKEN, catalogi_api=closed + CATALOGI).status_code == 200

    response = import_catalogue(zgw)
    assert response.status_code == 502, response.body
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json_body["detail"] == "The ZGW import stopped: ZGW API unreachable (connection)."


def test_a_root_that_resolves_to_a_private_address_is_refused_at_import_time(zgw, connected, monkeypatch):
    def private(host, port, type=0):  # noqa: A002 - socket.getaddrinfo's keyword
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port))]

    root = "https://zaken.example.com"
    assert zgw.connect(zaken_api=root + ZAKEN, catalogi_api=root + CATALOGI).status_code == 200
    outside_local_run()
    deps = bootstrap.deps()
    bootstrap.use(dataclasses.replace(deps, zgw_apis=ZgwHttpApis(backoff=0, allow_loopback=False, resolve=private)))

    response = import_catalogue(zgw)
    assert response.status_code == 502, response.body
    assert "url-refused" in response.json_body["detail"]
