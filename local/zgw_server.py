"""The fake ZGW APIs' HTTP side: serving the resources `local.fake_zgw.FakeZgw` holds, as Open Zaak
serves them.

- An HS256 JWT of a known client is required, with `iat` not in the future and at most an hour
  old (no leeway); otherwise 403.
- `Accept-Crs: EPSG:4326` is required on zaken (412 otherwise).
- Lists are paginated (`count`, `next`, `previous`, `results`), `page_size` per page, and filtered
  by the query's fields (plus `einddatum__isnull` and `einddatum__gt`).
- Failures are injected with `fail(times, status)`: the next `times` requests answer `status`.

Every answer is recorded in `served` (template, status, body, headers) for the drift check
against the OpenAPI descriptions (`tests/zgw/openapi.py`).
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt

from local import zgw_documents

ZAKEN = "/zaken/api/v1/"
CATALOGI = "/catalogi/api/v1/"
JWT_EXPIRY_S = 3600


class ZgwServer:
    def __init__(self, clients: dict[str, str], host: str = "127.0.0.1", port: int = 0, page_size: int = 2) -> None:
        self.clients = dict(clients)  # client_id -> secret
        self.page_size = page_size
        self._host, self._port = host, port
        self._lock = threading.Lock()
        self.resources: dict[str, dict[str, Any]] = {}  # path -> resource
        self.served: list[dict[str, Any]] = []  # every answer: template, status, body, headers
        self._failures: list[int] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle

    def start(self) -> ZgwServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                server._handle(self)

            def log_message(self, *_args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer((self._host, self._port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def zaken_api(self) -> str:
        return self.url + ZAKEN

    @property
    def catalogi_api(self) -> str:
        return self.url + CATALOGI

    def fail(self, times: int = 1, status: int = 500) -> None:
        with self._lock:
            self._failures.extend([status] * times)

    def recover(self) -> None:
        with self._lock:
            self._failures.clear()

    # serving

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        status, body, template = self._answer(request, parts.path, query)
        version = "1.5.1" if parts.path.startswith(ZAKEN) else "1.3.1"
        headers = {"Content-Type": "application/json", "API-version": version}
        if parts.path.startswith(ZAKEN + "zaken"):
            headers["Content-Crs"] = "EPSG:4326"
        if status == 200 and template.endswith("{uuid}"):
            headers["ETag"] = f'"{uuid.uuid5(uuid.NAMESPACE_URL, json.dumps(body, sort_keys=True)).hex}"'
        with self._lock:
            self.served.append({"template": template, "status": status, "body": body, "headers": headers})
        raw = json.dumps(body).encode()
        request.send_response(status)
        for name, value in headers.items():
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(raw)))
        request.end_headers()
        request.wfile.write(raw)

    def _answer(self, request: BaseHTTPRequestHandler, path: str, query: dict[str, str]) -> tuple[int, Any, str]:
        api = ZAKEN if path.startswith(ZAKEN) else CATALOGI
        collection, _, uid = path[len(api) :].partition("/")
        template = f"{api}{collection}" + ("/{uuid}" if uid else "")
        fout = zgw_documents.fout
        with self._lock:
            failure = self._failures.pop(0) if self._failures else None
        if failure:
            return failure, fout(failure, "error", "Injected failure"), template
        if not self._authorised(request.headers.get("Authorization", "")):
            return 403, fout(403, "not_authenticated", "Authenticatiegegevens zijn niet geldig."), template
        if api == ZAKEN and collection == "zaken" and request.headers.get("Accept-Crs") != "EPSG:4326":
            return 412, fout(412, "precondition_failed", "'Accept-Crs' header ontbreekt"), template
        if uid:
            resource = self.resources.get(path)
            if resource is None:
                return 404, fout(404, "not_found", "Niet gevonden."), template
            return 200, resource, template
        return 200, self._page(api, collection, query), template

    def _page(self, api: str, collection: str, query: dict[str, str]) -> dict[str, Any]:
        prefix = self.url + api + collection + "/"
        filters = {k: v for k, v in query.items() if k not in ("page", "status")}
        with self._lock:
            found = [r for r in self.resources.values() if r["url"].startswith(prefix) and self._matches(r, filters)]
        found.sort(key=lambda r: r["url"])
        page = int(query.get("page", "1"))
        start = (page - 1) * self.page_size
        base = self.url + api + collection

        def link(number: int) -> str:
            return f"{base}?{urlencode({**query, 'page': number})}"

        return {
            "count": len(found),
            "next": link(page + 1) if start + self.page_size < len(found) else None,
            "previous": link(page - 1) if page > 1 else None,
            "results": found[start : start + self.page_size],
        }

    @staticmethod
    def _matches(resource: dict[str, Any], filters: dict[str, str]) -> bool:
        for name, value in filters.items():
            if name == "einddatum__isnull":
                if (resource.get("einddatum") is None) != (value == "true"):
                    return False
            elif name == "einddatum__gt":
                if resource.get("einddatum") is None or resource["einddatum"] <= value:
                    return False
            elif str(resource.get(name)) != value:
                return False
        return True

    def _authorised(self, authorization: str) -> bool:
        scheme, _, token = authorization.partition(" ")
        if scheme != "Bearer" or not token:
            return False
        try:
            client_id = jwt.decode(token, options={"verify_signature": False}).get("client_id")
            secret = self.clients.get(client_id)
            if secret is None:
                return False
            claims = jwt.decode(token, secret, algorithms=["HS256"], options={"require": ["iat"]})
        except jwt.PyJWTError:
            return False
        now = time.time()
        return claims["iat"] <= now and now - claims["iat"] <= JWT_EXPIRY_S
