"""The outbound-URL guard, pure part: every URL an organisation gives us to call (a webhook, its ZGW
APIs, and the URLs those APIs answer) passes `check_url` before it is stored and again before each
request (the ZGW client then compares it with the declared roots: `domain/zgw/urls.py`).

Refused, each with the field named (a 400 problem at registration):
- a scheme other than https; plain http only to a loopback address when `allow_loopback` (the
  local run and tests);
- userinfo (`https://user:pass@host/`), a fragment, whitespace or control characters, backslashes;
- dot segments in the path (`.`, `..`), also percent-encoded (`%2e%2e`, `%2E.`, `.%2e`, twice
  encoded) and encoded slashes or backslashes that would make one; empty segments (`//`);
- a host that is not a fully qualified DNS name or a public IP literal: private, loopback (unless
  allowed), link-local, multicast, reserved, unspecified, CGNAT (100.64.0.0/10), site-local, and
  IPv6 forms that embed such an IPv4 address (IPv4-mapped, IPv4-compatible, 6to4, NAT64);
- IPv4 in any other form than dotted decimal (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`):
  resolvers read those as addresses, so a name ending in a number is refused as well.

What a name resolves to is only known when calling: `chalicelib/adapters/outbound_http.py`
resolves it, checks every address with `public_address`, and connects to the checked address.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from chalicelib.domain.errors import FieldError, InvalidFields

MAX_URL_LENGTH = 2048
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_NUMERIC_LABEL = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$")
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"  # decimal, no leading zero
_DOTTED_QUAD = re.compile(rf"^{_OCTET}(?:\.{_OCTET}){{3}}$")
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_LOOPBACK_NAMES = ("localhost", "localhost.")


class UrlRefused(InvalidFields):
    """An outbound URL the guard does not allow; `field` names where it came from."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}", [FieldError(field, reason)])
        self.field = field
        self.reason = reason


class OutboundFailed(Exception):
    """A request to an outside URL that got no answer. `kind` is what the organisation sees as the
    delivery's last error: url-refused, timeout, connection, tls."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


@dataclass(frozen=True)
class OutboundUrl:
    """A URL that passed the guard, taken apart for a connection to a checked address."""

    scheme: str  # https, or http (loopback, local run only)
    host: str  # the name, or the IP literal without brackets
    port: int
    target: str  # path and query, as sent in the request line
    address: IPAddress | None  # the host when it is an IP literal

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if self.address is not None and self.address.version == 6 else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"


def check_url(url: str, *, allow_loopback: bool, field: str = "url") -> OutboundUrl:
    """The URL taken apart, or UrlRefused naming `field`."""

    def refuse(reason: str) -> UrlRefused:
        return UrlRefused(field, reason)

    if len(url) > MAX_URL_LENGTH:
        raise refuse(f"must be at most {MAX_URL_LENGTH} characters")
    if _CONTROL_OR_SPACE.search(url) or "\\" in url:
        raise refuse("must not contain spaces, control characters or backslashes")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise refuse("is not a valid URL (host or port)") from None
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        raise refuse("must be an https URL")
    if "@" in parts.netloc:
        raise refuse("must not carry a user name or password")
    if parts.fragment or url.endswith("#"):
        raise refuse("must not carry a fragment")
    host = (parts.hostname or "").lower()
    if not host:
        raise refuse("must name a host")
    address = _host_address(host, field)
    loopback = _is_loopback_host(host, address)
    if loopback and not allow_loopback:
        raise refuse("must not point at a loopback address")
    if address is not None and not loopback and not public_address(address):
        raise refuse("must not point at a private, reserved or otherwise non-public address")
    if scheme == "http" and not (allow_loopback and loopback):
        raise refuse("must be an https URL")
    if port == 0:
        raise refuse("must not use port 0")
    _check_path(parts.path, field)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return OutboundUrl(scheme, host, port or (443 if scheme == "https" else 80), target, address)


def _host_address(host: str, field: str) -> IPAddress | None:
    """The host as an IP address when it is a literal; None for a DNS name (checked here)."""

    def refuse(reason: str) -> UrlRefused:
        return UrlRefused(field, reason)

    if ":" in host:  # urlsplit gives an IPv6 literal without its brackets
        if "%" in host:
            raise refuse("must not carry an IPv6 zone")
        try:
            return ipaddress.IPv6Address(host)
        except ValueError:
            raise refuse("has an invalid IPv6 address") from None
    if _DOTTED_QUAD.fullmatch(host):
        return ipaddress.IPv4Address(host)
    labels = host.removesuffix(".").split(".")
    if _NUMERIC_LABEL.fullmatch(labels[-1]):
        raise refuse("must write an IPv4 address as four decimal numbers (no decimal, octal or hex forms)")
    if host in _LOOPBACK_NAMES or host.removesuffix(".").endswith(".localhost"):
        return None
    if not all(_LABEL.fullmatch(label) for label in labels) or host.endswith("."):
        raise refuse("must have a valid DNS name as its host (IDN names in their xn-- form)")
    if len(labels) < 2:
        raise refuse("must have a fully qualified host name")
    return None


def _is_loopback_host(host: str, address: IPAddress | None) -> bool:
    if address is not None:
        return is_loopback(address)
    return host in _LOOPBACK_NAMES or host.removesuffix(".").endswith(".localhost")


def _check_path(path: str, field: str) -> None:
    decoded = path
    for _ in range(3):  # twice-encoded dots (%252e) are refused as well
        decoded = unquote(decoded)
    if "\\" in decoded:
        raise UrlRefused(field, "must not contain backslashes, also not percent-encoded")
    if any(segment in (".", "..") for segment in decoded.split("/")):
        raise UrlRefused(field, "must not contain dot segments (. or ..), also not percent-encoded")
    if "//" in decoded:  # servers differ in how they merge them: the path would be ambiguous
        raise UrlRefused(field, "must not contain empty path segments (//), also not percent-encoded")


def _embedded_v4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64 or address in _IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_loopback(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def public_address(address: IPAddress) -> bool:
    """An address on the public internet: not private, loopback, link-local, multicast, reserved,
    unspecified, CGNAT or site-local, nor an IPv6 form of such an IPv4 address."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_v4(address)
        if embedded is not None:
            return public_address(embedded)
        if address.is_site_local:
            return False
    special = (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )
    return address.is_global and not special and address not in _CGNAT
