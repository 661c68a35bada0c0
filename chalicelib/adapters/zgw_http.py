"""HTTP towards an organisation's Zaken and Catalogi APIs, through the outbound-URL guard.

- Every request carries a fresh HS256 JWT (`iss`, `iat`, `client_id`, `user_id`,
  `user_representation`): Open Zaak refuses tokens older than its JWT_EXPIRY and allows no
  clock leeway, so a token is never reused.
- Where it goes: every URL (the hub's `resourceUrl`, a Status's `zaak` and `statustype`, a `next`
  link) passes the guard and must lie under one of the connection's two API roots
  (`chalicelib/domain/zgw/urls.py`: same scheme, host and port, path at a segment boundary)
  before the JWT is attached, so the token goes to the declared origins only. The request goes
  through `GuardedHttp` (`outbound_http.py`): the name resolved once, every address checked
  (loopback only in the local run and tests), the checked address connected to, no proxy from the
  environment, redirects never followed (a 3xx is a `ZgwError`, as is any answer other than 200).
- How much: an answer over 1 MiB is a `ZgwError` (never a cut-short parse); a list stops with
  an error after MAX_PAGES pages or at a `next` link it has followed before.
- Retries: urllib3's `Retry`, handed to the guarded connection. It is the retry logic the HTTP
  stack already ships (no loop of our own, no extra dependency: tenacity is not one), it retries
  connection errors and 429/5xx of GETs with exponential backoff and honours `Retry-After`, each
  attempt on the same checked address. A `Retry-After` is honoured up to RETRY_AFTER_MAX_S: one
  organisation's API must not make the hourly run of all of them sleep. It is bounded to a few
  seconds on purpose: the long horizon is the ZGW queue's redelivery (then its dead-letter queue),
  not a Lambda that sleeps.

Port: `ZgwApis` (and the `ZgwApi` each connection gets).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import jwt
from urllib3.util.retry import Retry

from chalicelib.adapters.outbound_http import MAX_ANSWER_BYTES, GuardedHttp, Resolver
from chalicelib.domain.outbound import OutboundFailed
from chalicelib.domain.zgw.errors import ZgwError, ZgwNotFound
from chalicelib.domain.zgw.models import Connection
from chalicelib.domain.zgw.urls import api_root, under_roots

USER = "zaakstatus"
MAX_PAGES = 200  # 20,000 results at Open Zaak's 100 a page; a catalogue or a run's zaken fit well
RETRY_AFTER_MAX_S = 4


class BoundedRetry(Retry):
    """urllib3's Retry with the server's `Retry-After` cut to RETRY_AFTER_MAX_S (urllib3 sleeps
    for any value the server names)."""

    def get_retry_after(self, response: Any) -> float | None:
        seconds = super().get_retry_after(response)
        return None if seconds is None else min(seconds, RETRY_AFTER_MAX_S)


def retry_policy(backoff: float) -> Retry:
    return BoundedRetry(
        total=3,
        connect=3,
        read=2,
        status=3,
        backoff_factor=backoff,  # 0.5 s, 1 s, 2 s
        backoff_max=4,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=frozenset({"GET"}),
        respect_retry_after_header=True,
        raise_on_status=False,  # the last answer is returned and judged below
    )


class ZgwClient:
    def __init__(
        self, connection: Connection, secret: str, http: GuardedHttp, *, allow_loopback: bool, backoff: float = 0.5
    ) -> None:
        self._connection = connection
        self._secret = secret
        self._http = http
        self._allow_loopback = allow_loopback
        self._backoff = backoff
        self._roots = (
            api_root(connection.zaken_api, allow_loopback=allow_loopback, field="zaken_api"),
            api_root(connection.catalogi_api, allow_loopback=allow_loopback, field="catalogi_api"),
        )

    @property
    def zaken_api(self) -> str:
        return _root(self._connection.zaken_api)

    @property
    def catalogi_api(self) -> str:
        return _root(self._connection.catalogi_api)

    def token(self) -> str:
        claims = {
            "iss": self._connection.client_id,
            "iat": int(time.time()),
            "client_id": self._connection.client_id,
            "user_id": USER,
            "user_representation": USER,
        }
        return jwt.encode(claims, self._secret, algorithm="HS256")

    def get(self, url: str, params: dict[str, str] | None = None) -> dict[str, Any]:
        url = under_roots(_with_query(url, params), self._roots, allow_loopback=self._allow_loopback)
        headers = {
            "Authorization": f"Bearer {self.token()}",  # only now: the URL is under a declared root
            "Accept": "application/json",
            "Accept-Crs": "EPSG:4326",  # required by the Zaken API on zaken (geometry)
        }
        try:
            reply = self._http.request("GET", url, headers, retries=retry_policy(self._backoff))
        except OutboundFailed as failed:
            raise ZgwError(f"ZGW API unreachable ({failed.kind})") from None
        if reply.status in (404, 410):
            raise ZgwNotFound(f"ZGW API answered {reply.status}")
        if 300 <= reply.status < 400:
            raise ZgwError(f"ZGW API answered a redirect ({reply.status}); redirects are not followed")
        if reply.status != 200:
            raise ZgwError(f"ZGW API answered {reply.status}")
        if reply.too_large:
            raise ZgwError(f"ZGW API answered more than {MAX_ANSWER_BYTES} bytes")
        try:
            body = json.loads(reply.body)
        except (ValueError, RecursionError):
            raise ZgwError("ZGW API answered something that is not JSON") from None
        if not isinstance(body, dict):
            raise ZgwError("ZGW API answered JSON that is not an object")
        return body

    def pages(self, url: str, params: dict[str, str] | None = None) -> Iterator[dict[str, Any]]:
        """Every result of a paginated list, following `next`: at most MAX_PAGES pages, each once."""
        page: str | None = _with_query(url, params)
        seen: set[str] = set()
        while page:
            if page in seen:
                raise ZgwError("ZGW API's pagination loops: a next link leads to a page read before")
            if len(seen) >= MAX_PAGES:
                raise ZgwError(f"ZGW API's list has more than {MAX_PAGES} pages; narrow it (e.g. by catalogus)")
            seen.add(page)
            body = self.get(page)
            results, page = body.get("results", []), body.get("next")
            if not isinstance(results, list) or not isinstance(page, str | None):
                raise ZgwError("ZGW API answered a list without the standard's results and next")
            yield from results


def _root(url: str) -> str:
    return url.rstrip("/") + "/"


def _with_query(url: str, params: dict[str, str] | None) -> str:
    return f"{url}{'&' if '?' in url else '?'}{urlencode(params)}" if params else url


class ZgwHttpApis:
    """Opens a `ZgwClient` per connection (port: `ZgwApis`), all on one guarded HTTP client."""

    def __init__(self, backoff: float = 0.5, *, allow_loopback: bool = False, resolve: Resolver | None = None) -> None:
        self._backoff = backoff
        self._allow_loopback = allow_loopback
        self._http = GuardedHttp(allow_loopback=allow_loopback, resolve=resolve, user_agent="zaakstatus-zgw/1")

    def connect(self, connection: Connection, secret: str) -> ZgwClient:
        return ZgwClient(connection, secret, self._http, allow_loopback=self._allow_loopback, backoff=self._backoff)
