"""HTTP towards an organisation's Zaken and Catalogi APIs.

- Every request carries a fresh HS256 JWT (`iss`, `iat`, `client_id`, `user_id`,
  `user_representation`): Open Zaak refuses tokens older than its JWT_EXPIRY and allows no
  clock leeway, so a token is never reused.
- Retries: urllib3's `Retry` mounted on a requests session. It is the retry logic the HTTP stack
  already ships (requests is deployed for twilio anyway), it retries connection errors and
  429/5xx with exponential backoff and honours `Retry-After`, and it retries at the transport
  layer so each retry also gets a new connection. It is bounded to a few seconds on purpose:
  the long horizon is the ZGW queue's redelivery (then its dead-letter queue), not a Lambda
  that sleeps.
- Only URLs under the connection's own API roots are fetched: the hub's message and the APIs'
  answers name URLs, and a crafted one must not make zaakstatus call anything else.

Port: `ZgwApis` (and the `ZgwApi` each connection gets).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import jwt
import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from chalicelib.domain.zgw.errors import ForeignUrl, ZgwError, ZgwNotFound
from chalicelib.domain.zgw.models import Connection

TIMEOUT_S = (3.05, 10)
USER = "zaakstatus"


def retry_policy(backoff: float) -> Retry:
    return Retry(
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
    def __init__(self, connection: Connection, secret: str, *, backoff: float = 0.5) -> None:
        self._connection = connection
        self._secret = secret
        self._roots = tuple(_root(u) for u in (connection.zaken_api, connection.catalogi_api))
        self._session = requests.Session()
        adapter = HTTPAdapter(max_retries=retry_policy(backoff))
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)

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
        if not url.startswith(self._roots):
            raise ForeignUrl("the URL is not under the connection's Zaken or Catalogi API")
        headers = {
            "Authorization": f"Bearer {self.token()}",
            "Accept": "application/json",
            "Accept-Crs": "EPSG:4326",  # required by the Zaken API on zaken (geometry)
        }
        try:
            response = self._session.get(url, params=params, headers=headers, timeout=TIMEOUT_S)
        except requests.RequestException as exc:
            raise ZgwError(f"ZGW API unreachable ({type(exc).__name__})") from None
        if response.status_code in (404, 410):
            raise ZgwNotFound(f"ZGW API answered {response.status_code}")
        if response.status_code != 200:
            raise ZgwError(f"ZGW API answered {response.status_code}")
        try:
            body = response.json()
        except ValueError:
            raise ZgwError("ZGW API answered something that is not JSON") from None
        if not isinstance(body, dict):
            raise ZgwError("ZGW API answered JSON that is not an object")
        return body

    def pages(self, url: str, params: dict[str, str] | None = None) -> Iterator[dict[str, Any]]:
        """Every result of a paginated list, following `next`."""
        page: str | None = url
        while page:
            body = self.get(page, params)
            params = None  # `next` carries the query already
            yield from body.get("results", [])
            page = body.get("next")


def _root(url: str) -> str:
    return url.rstrip("/") + "/"


class ZgwHttpApis:
    """Opens a `ZgwClient` per connection (port: `ZgwApis`)."""

    def __init__(self, backoff: float = 0.5) -> None:
        self._backoff = backoff

    def connect(self, connection: Connection, secret: str) -> ZgwClient:
        return ZgwClient(connection, secret, backoff=self._backoff)
