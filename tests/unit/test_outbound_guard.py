"""The outbound-URL guard: every form of a URL that could reach something other than a public
host is refused, naming the field; the adapter's DNS check refuses a name with any non-public
address (resolver given, no socket opened)."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from chalicelib.adapters.outbound_http import GuardedHttp
from chalicelib.domain.errors import InvalidFields
from chalicelib.domain.outbound import OutboundFailed, UrlRefused, check_url, public_address

REFUSED = {
    "plain http": "http://hooks.example.com/zaakstatus",
    "ftp": "ftp://hooks.example.com/",
    "no scheme": "hooks.example.com/zaakstatus",
    "javascript": "javascript:alert(1)",
    "userinfo": "https://user:secret@hooks.example.com/",
    "user only": "https://user@hooks.example.com/",
    "userinfo hiding the host": "https://hooks.example.com@10.0.0.1/",
    "dot-dot segment": "https://hooks.example.com/a/../admin",
    "dot segment": "https://hooks.example.com/a/./b",
    "encoded dot-dot": "https://hooks.example.com/a/%2e%2e/admin",
    "encoded dot-dot, upper case": "https://hooks.example.com/a/%2E%2E/admin",
    "half encoded dot-dot": "https://hooks.example.com/a/%2E./admin",
    "other half encoded": "https://hooks.example.com/a/.%2e/admin",
    "twice encoded dot-dot": "https://hooks.example.com/a/%252e%252e/admin",
    "dot-dot with an encoded slash": "https://hooks.example.com/a/..%2fadmin",
    "backslash": "https://hooks.example.com/a\\..\\admin",
    "encoded backslash": "https://hooks.example.com/a%5c..%5cadmin",
    "duplicate slashes": "https://hooks.example.com/a//admin",
    "duplicate slashes at the start": "https://hooks.example.com//admin",
    "encoded duplicate slashes": "https://hooks.example.com/a/%2f/admin",
    "space": "https://hooks.example.com/a b",
    "newline": "https://hooks.example.com/a\r\nHost: evil",
    "fragment": "https://hooks.example.com/a#b",
    "no host": "https:///a",
    "single label": "https://intranet/hook",
    "non-ascii name": "https://hööks.example.com/",
    "trailing dot": "https://hooks.example.com./",
    "port 0": "https://hooks.example.com:0/",
    "port out of range": "https://hooks.example.com:70000/",
    "loopback": "https://127.0.0.1/",
    "loopback range": "https://127.8.9.10/",
    "localhost": "https://localhost/",
    "a localhost name": "https://hooks.localhost/",
    "ipv6 loopback": "https://[::1]/",
    "private 10/8": "https://10.1.2.3/",
    "private 172.16/12": "https://172.16.0.1/",
    "private 192.168/16": "https://192.168.1.1/",
    "link-local (cloud metadata)": "https://169.254.169.254/latest/meta-data/",
    "ipv6 link-local": "https://[fe80::1]/",
    "ipv6 with a zone": "https://[fe80::1%25eth0]/",
    "ipv6 unique local": "https://[fd00::1]/",
    "ipv6 site-local": "https://[fec0::1]/",
    "multicast": "https://224.0.0.1/",
    "ipv6 multicast": "https://[ff02::1]/",
    "reserved": "https://240.0.0.1/",
    "broadcast": "https://255.255.255.255/",
    "unspecified": "https://0.0.0.0/",
    "ipv6 unspecified": "https://[::]/",
    "cgnat": "https://100.64.0.1/",
    "documentation range": "https://192.0.2.1/",
    "ipv4-mapped loopback": "https://[::ffff:127.0.0.1]/",
    "ipv4-mapped private": "https://[::ffff:10.0.0.1]/",
    "ipv4-mapped metadata": "https://[::ffff:169.254.169.254]/",
    "ipv4-compatible loopback": "https://[::127.0.0.1]/",
    "nat64 of a private address": "https://[64:ff9b::a00:1]/",
    "6to4 of a private address": "https://[2002:a00:1::]/",
    "decimal ipv4": "http://2130706433/",
    "decimal ipv4, https": "https://2130706433/",
    "hex ipv4": "https://0x7f000001/",
    "hex and decimal parts": "http://0x7f.1/",
    "octal ipv4": "https://0177.0.0.1/",
    "leading zero": "https://010.0.0.1/",
    "short ipv4": "https://127.1/",
    "name ending in a number": "https://hooks.example.123/",
    "percent-encoded host": "https://%31%32%37.0.0.1/",
    "too long": "https://hooks.example.com/" + "a" * 2100,
}


@pytest.mark.parametrize("url", REFUSED.values(), ids=REFUSED.keys())
def test_the_guard_refuses_the_url_and_names_the_field(url):
    with pytest.raises(UrlRefused) as refused:
        check_url(url, allow_loopback=False, field="url")
    assert isinstance(refused.value, InvalidFields)  # a 400 problem through the one error table
    assert [f.name for f in refused.value.fields] == ["url"]


ALLOWED = [
    "https://hooks.example.com/zaakstatus?token=abc",
    "https://hooks.example.com:8443/a/b.json",
    "https://8.8.8.8/hook",
    "https://[2001:4860:4860::8888]/hook",
    "https://xn--hks-qla.example.com/",  # an IDN name in its xn-- form
    "https://hooks.example.com/a..b/c.d",  # dots inside a segment are not dot segments
]


@pytest.mark.parametrize("url", ALLOWED)
def test_the_guard_allows_https_to_a_public_name_or_address(url):
    target = check_url(url, allow_loopback=False)
    assert target.scheme == "https"


def test_the_guard_takes_the_url_apart_for_a_connection_to_a_checked_address():
    target = check_url("https://Hooks.Example.com:8443/a/b?x=1", allow_loopback=False)
    assert (target.host, target.port, target.target, target.address) == ("hooks.example.com", 8443, "/a/b?x=1", None)
    assert target.host_header == "hooks.example.com:8443"
    assert check_url("https://hooks.example.com", allow_loopback=False).target == "/"


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8025/hook", "http://localhost:8025/hook", "http://[::1]:8025/", "https://127.0.0.1/"]
)
def test_plain_http_to_loopback_is_allowed_only_in_the_local_run(url):
    assert check_url(url, allow_loopback=True).host in ("127.0.0.1", "localhost", "::1")
    with pytest.raises(UrlRefused):
        check_url(url, allow_loopback=False)


@pytest.mark.parametrize("url", ["http://hooks.example.com/", "http://10.0.0.1/", "http://169.254.169.254/"])
def test_the_local_run_still_refuses_plain_http_or_private_addresses_beyond_loopback(url):
    with pytest.raises(UrlRefused):
        check_url(url, allow_loopback=True)


def test_the_refusal_names_the_field_it_was_given():
    with pytest.raises(UrlRefused) as refused:
        check_url("https://10.0.0.1/", allow_loopback=False, field="zaken_api")
    assert refused.value.fields[0].name == "zaken_api"
    assert "zaken_api" in refused.value.detail


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "2001:4860:4860::8888", "2a00:1450:4001::200e"])
def test_public_addresses_are_public(address):
    assert public_address(ipaddress.ip_address(address))


def resolver(*addresses: str):
    calls: list[str] = []

    def resolve(host, port, type=0):  # noqa: A002 - socket.getaddrinfo's keyword
        calls.append(host)
        family = socket.AF_INET6 if ":" in addresses[0] else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses]

    resolve.calls = calls  # type: ignore[attr-defined]
    return resolve


@pytest.mark.parametrize(
    "addresses",
    [("10.0.0.5",), ("93.184.216.34", "10.0.0.5"), ("169.254.169.254",), ("::ffff:127.0.0.1",), ("127.0.0.1",)],
    ids=["private", "one of several private", "metadata", "mapped loopback", "loopback"],
)
def test_a_name_with_any_non_public_address_is_refused_before_connecting(addresses):
    http = GuardedHttp(allow_loopback=False, resolve=resolver(*addresses))
    with pytest.raises(OutboundFailed) as failed:
        http.post("https://hooks.example.com/zaakstatus", {}, b"{}")
    assert failed.value.kind == "url-refused"


def test_a_url_the_pure_guard_refuses_is_refused_at_send_time_without_resolving():
    resolve = resolver("93.184.216.34")
    with pytest.raises(OutboundFailed) as failed:
        GuardedHttp(allow_loopback=False, resolve=resolve).post("http://2130706433/", {}, b"{}")
    assert failed.value.kind == "url-refused"
    assert resolve.calls == []


def test_a_name_that_does_not_resolve_is_a_dns_failure():
    def unknown(*_args, **_kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with pytest.raises(OutboundFailed) as failed:
        GuardedHttp(allow_loopback=False, resolve=unknown).post("https://nowhere.example.com/", {}, b"")
    assert failed.value.kind == "dns"


def test_loopback_names_resolve_to_checked_loopback_addresses_in_the_local_run():
    target = check_url("http://hooks.localhost:8025/", allow_loopback=True)
    http = GuardedHttp(allow_loopback=True, resolve=resolver("127.0.0.1", "::1"))
    assert [str(a) for a in http.checked_addresses(target)] == ["127.0.0.1", "::1"]
    with pytest.raises(OutboundFailed):  # loopback, yes; anything else a loopback name resolves to, no
        GuardedHttp(allow_loopback=True, resolve=resolver("127.0.0.1", "10.0.0.1")).checked_addresses(target)
