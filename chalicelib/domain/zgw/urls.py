"""Which URLs the ZGW client may call with the organisation's JWT: only those under the two API
roots of its connection.

Both the roots (at `PUT /v1/zgw/connection`) and every URL fetched later (a `resourceUrl` from the
hub, a Status's `zaak` and `statustype`, a `next` link) pass the outbound-URL guard
(`chalicelib/domain/outbound.py`) first, so dot segments (also percent-encoded), duplicate
slashes, userinfo, odd hosts and ports are refused, not repaired. A URL is then under a root when
scheme, host and port are the same and its path starts with the root's path at a segment
boundary (`/zaken/api/v1/` does not cover `/zaken/api/v1evil`). A URL is compared as it is
written: a root of `/zaken/api/v1/` does not cover `/zaken/api/%761/`, and what is not covered is
refused (`ForeignUrl`).
"""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.outbound import UrlRefused, check_url
from chalicelib.domain.zgw.errors import ForeignUrl


@dataclass(frozen=True)
class ApiRoot:
    scheme: str
    host: str
    port: int
    path: str  # ends in "/"

    def covers(self, scheme: str, host: str, port: int, path: str) -> bool:
        same_origin = (scheme, host, port) == (self.scheme, self.host, self.port)
        return same_origin and path.startswith(self.path)


def api_root(url: str, *, allow_loopback: bool, field: str) -> ApiRoot:
    """The root of a Zaken or Catalogi API, or UrlRefused naming `field` (a 400 at registration)."""
    target = check_url(url, allow_loopback=allow_loopback, field=field)
    path, _, query = target.target.partition("?")
    if query:
        raise UrlRefused(field, "must not carry a query")
    return ApiRoot(target.scheme, target.host, target.port, path.rstrip("/") + "/")


def under_roots(url: str, roots: tuple[ApiRoot, ...], *, allow_loopback: bool) -> str:
    """`url` when the guard allows it and one of `roots` covers it; ForeignUrl otherwise."""
    try:
        target = check_url(url, allow_loopback=allow_loopback)
    except UrlRefused as refused:
        raise ForeignUrl(f"the URL is refused: {refused.reason}") from None
    path = target.target.partition("?")[0]
    if not any(root.covers(target.scheme, target.host, target.port, path) for root in roots):
        raise ForeignUrl("the URL is not under the connection's Zaken or Catalogi API")
    return url
