"""HTTP to an organisation's own URLs through the outbound-URL guard (port: `WebhookPoster`; the
ZGW client, `chalicelib/adapters/zgw_http.py`, uses `request` with a bounded retry).

Each request: the URL passes `domain.outbound.check_url` (pure: scheme, userinfo, dot segments,
IP literal forms); its host is resolved once with `getaddrinfo`, and if ANY address it resolves to
is not public (loopback only where allowed: the local run and tests) the request is refused; then
urllib3 connects to that checked address itself, with the name as TLS `server_hostname` /
`assert_hostname` and as the Host header. A DNS answer that changes between the check and the
connection (DNS rebinding) therefore cannot send the request anywhere else. Redirects are never
followed (a 3xx is the answer), nothing is retried unless the caller passes a urllib3 `Retry`
(webhooks do not: their queue retries), no proxy from the environment is used, each attempt is
bounded by a 10 s timeout, and at most 1 MiB of an answer is read (`Reply.too_large` says when
there was more).

urllib3 is imported on first use: `import app` stays light.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.outbound import (
    IPAddress,
    OutboundFailed,
    OutboundUrl,
    UrlRefused,
    check_url,
    is_loopback,
    public_address,
)

TIMEOUT_S = 10.0
MAX_ANSWER_BYTES = 1024 * 1024  # read at most this much of an answer's body
Resolver = Callable[..., list[tuple[Any, ...]]]  # socket.getaddrinfo's shape


class _NotConnected(Exception):
    """The connection was refused before anything was sent."""


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes  # at most MAX_ANSWER_BYTES
    too_large: bool = False  # the answer went on beyond MAX_ANSWER_BYTES: `body` is cut short


class GuardedHttp:
    def __init__(
        self,
        *,
        allow_loopback: bool,
        timeout_s: float = TIMEOUT_S,
        resolve: Resolver | None = None,
        user_agent: str = "zaakstatus",
    ) -> None:
        self._allow_loopback = allow_loopback
        self._timeout_s = timeout_s
        self._resolve = resolve or socket.getaddrinfo
        self._user_agent = user_agent

    def post(self, url: str, headers: Mapping[str, str], body: bytes) -> int:
        """POST once; the answer's status (a 3xx too: redirects are not followed). Raises
        OutboundFailed (url-refused, dns, timeout, tls, connection) when there is no answer."""
        return self.request("POST", url, headers, body, read_body=False).status

    def request(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        body: bytes | None = None,
        *,
        read_body: bool = True,
        retries: Any = False,
    ) -> Reply:
        """One request; `retries` is a urllib3 `Retry` for the caller that wants some (the ZGW
        client's GETs): each attempt goes to the same checked address, redirects still unfollowed."""
        try:
            target = check_url(url, allow_loopback=self._allow_loopback)
        except UrlRefused:
            raise OutboundFailed("url-refused") from None
        addresses = [target.address] if target.address else self.checked_addresses(target)
        for address in addresses:
            try:
                return self._exchange(method, target, address, headers, body, read_body, retries)
            except _NotConnected:
                continue  # nothing was sent: the next checked address (e.g. IPv6, then IPv4)
        raise OutboundFailed("connection")

    def checked_addresses(self, target: OutboundUrl) -> list[IPAddress]:
        """The addresses the host resolves to, each checked: one that is not allowed refuses all."""
        try:
            infos = self._resolve(target.host, target.port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            raise OutboundFailed("dns") from None
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
        if not addresses:
            raise OutboundFailed("dns")
        for address in addresses:
            allowed = public_address(address) or (self._allow_loopback and is_loopback(address))
            if not allowed:
                raise OutboundFailed("url-refused")
        return list(dict.fromkeys(addresses))

    def _exchange(
        self,
        method: str,
        target: OutboundUrl,
        address: IPAddress,
        headers: Mapping[str, str],
        body: bytes | None,
        read_body: bool,
        retries: Any,
    ) -> Reply:
        import urllib3  # on first use
        from urllib3.exceptions import ConnectTimeoutError, HTTPError, MaxRetryError, NewConnectionError, SSLError
        from urllib3.exceptions import TimeoutError as Urllib3Timeout

        pool = _pool(target, address, urllib3.Timeout(total=self._timeout_s))
        given = {name: value for name, value in headers.items() if name.lower() != "host"}
        sent = {"User-Agent": self._user_agent, **given, "Host": target.host_header}
        try:
            response = pool.urlopen(
                method,
                target.target,
                body=body,
                headers=sent,
                retries=retries,
                redirect=False,
                assert_same_host=False,
                preload_content=False,
            )
            data = response.read(MAX_ANSWER_BYTES + 1) if read_body else b""
            response.close()  # one request per connection: nothing more is read
            too_large = len(data) > MAX_ANSWER_BYTES
            return Reply(response.status, dict(response.headers), data[:MAX_ANSWER_BYTES], too_large)
        except MaxRetryError as exc:  # the retries given ran out: judged by the last error
            if isinstance(exc.reason, NewConnectionError):
                raise _NotConnected() from None
            kind = "timeout" if isinstance(exc.reason, (ConnectTimeoutError, Urllib3Timeout)) else "connection"
            raise OutboundFailed("tls" if isinstance(exc.reason, SSLError) else kind) from None
        except NewConnectionError:
            raise _NotConnected() from None
        except (ConnectTimeoutError, Urllib3Timeout):
            raise OutboundFailed("timeout") from None
        except SSLError:
            raise OutboundFailed("tls") from None
        except (HTTPError, OSError):
            raise OutboundFailed("connection") from None
        finally:
            pool.close()


def _pool(target: OutboundUrl, address: IPAddress, timeout: Any) -> Any:
    """A one-request pool to the checked address; TLS names the host the URL gave."""
    import urllib3

    if target.scheme == "http":
        return urllib3.HTTPConnectionPool(str(address), target.port, timeout=timeout, maxsize=1, retries=False)
    import certifi

    name = target.host if target.address is None else None
    return urllib3.HTTPSConnectionPool(
        str(address),
        target.port,
        timeout=timeout,
        maxsize=1,
        retries=False,
        cert_reqs="CERT_REQUIRED",
        ca_certs=certifi.where(),
        server_hostname=name,
        assert_hostname=name or str(address),
    )
