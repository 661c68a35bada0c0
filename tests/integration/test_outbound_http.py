"""The guarded HTTP adapter against loopback servers (127.0.0.1 only): the WebhookPoster contract,
no redirect followed, the 10 s budget, the checked address connected to (DNS rebinding), TLS
verified."""

from __future__ import annotations

import datetime as dt
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from chalicelib.adapters.memory_poster import RecordedPoster
from chalicelib.adapters.outbound_http import TIMEOUT_S, GuardedHttp
from chalicelib.domain.outbound import OutboundFailed
from local.webhook_receiver import WebhookReceiver


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver() as server:
        yield server


class Server:
    """A loopback HTTP(S) server whose every request gets `respond(handler)`."""

    def __init__(self, respond: Callable[[BaseHTTPRequestHandler], None], tls: ssl.SSLContext | None = None) -> None:
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                respond(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.port = self.httpd.server_address[1]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def answer(status: int, **headers: str) -> Callable[[BaseHTTPRequestHandler], None]:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return respond


class WebhookPosterContract:
    @pytest.fixture
    def under_test(self) -> tuple[Any, str, Callable[[], list[dict[str, Any]]], Callable[[int], None]]:
        raise NotImplementedError  # pragma: no cover - overridden

    def test_a_post_answers_the_status_and_delivers_body_and_headers(self, under_test):
        poster, url, received, fail_next = under_test
        headers = {"Content-Type": "application/cloudevents+json", "webhook-id": "msg-1"}

        assert poster.post(url, headers, b'{"id": "msg-1"}') == 204
        fail_next(503)
        assert poster.post(url, headers, b'{"id": "msg-1"}') == 503
        first = received()[0]
        assert first["body"] in ('{"id": "msg-1"}', b'{"id": "msg-1"}')
        assert {k.lower(): v for k, v in first["headers"].items()}["webhook-id"] == "msg-1"


class TestGuardedHttp(WebhookPosterContract):
    @pytest.fixture
    def under_test(self, receiver):
        return (
            GuardedHttp(allow_loopback=True),
            receiver.url + "/hooks/hvc",
            lambda: receiver.requests,
            receiver.fail_next,
        )


class TestRecordedPoster(WebhookPosterContract):
    @pytest.fixture
    def under_test(self):
        poster = RecordedPoster()
        return poster, "https://hooks.hvc.example/", lambda: poster.posts, poster.answers.append


def test_the_post_carries_the_name_as_host_and_our_user_agent(receiver):
    http = GuardedHttp(allow_loopback=True, user_agent="zaakstatus-webhooks/1")
    http.post(receiver.url + "/a/b?c=d", {"Host": "evil.example"}, b"{}")
    [request] = receiver.requests
    assert request["path"] == "/a/b"
    assert request["headers"]["host"] == receiver.url.removeprefix("http://")
    assert request["headers"]["user-agent"] == "zaakstatus-webhooks/1"


def test_a_redirect_is_the_answer_and_is_not_followed(receiver):
    redirect = Server(answer(302, Location=receiver.url + "/stolen"))
    try:
        status = GuardedHttp(allow_loopback=True).post(f"http://127.0.0.1:{redirect.port}/hook", {}, b"{}")
    finally:
        redirect.close()
    assert status == 302
    assert receiver.requests == []


def test_a_receiver_that_does_not_answer_in_time_is_a_timeout():
    def slow(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(1.5)
        answer(204)(handler)

    server = Server(slow)
    started = time.monotonic()
    try:
        with pytest.raises(OutboundFailed) as failed:
            GuardedHttp(allow_loopback=True, timeout_s=0.5).post(f"http://127.0.0.1:{server.port}/", {}, b"{}")
    finally:
        server.close()
    assert failed.value.kind == "timeout"
    assert time.monotonic() - started < 1.4
    assert TIMEOUT_S == 10.0  # what deliveries get


def test_nothing_listening_is_a_connection_failure():
    server = Server(answer(204))
    port = server.port
    server.close()
    with pytest.raises(OutboundFailed) as failed:
        GuardedHttp(allow_loopback=True).post(f"http://127.0.0.1:{port}/", {}, b"{}")
    assert failed.value.kind == "connection"


def test_loopback_is_refused_outside_the_local_run(receiver):
    with pytest.raises(OutboundFailed) as failed:
        GuardedHttp(allow_loopback=False).post(receiver.url + "/hook", {}, b"{}")
    assert failed.value.kind == "url-refused"
    assert receiver.requests == []


def test_the_connection_goes_to_the_checked_address_whatever_dns_answers_later(receiver):
    answers = [["127.0.0.1"], ["10.0.0.7"]]  # the second answer would be a rebinding
    calls = []

    def rebinding(host, port, type=0):  # noqa: A002 - getaddrinfo's keyword
        calls.append(host)
        return [(2, 1, 6, "", (a, port)) for a in answers[min(len(calls), 2) - 1]]

    port = receiver.url.rsplit(":", 1)[1]
    http = GuardedHttp(allow_loopback=True, resolve=rebinding)
    assert http.post(f"http://hooks.localhost:{port}/hook", {}, b"{}") == 204
    assert calls == ["hooks.localhost"]  # resolved once; urllib3 connected to 127.0.0.1 itself
    assert receiver.requests[0]["headers"]["host"] == f"hooks.localhost:{port}"
    with pytest.raises(OutboundFailed):
        http.post(f"http://hooks.localhost:{port}/hook", {}, b"{}")  # now resolving to 10.0.0.7
    assert len(receiver.requests) == 1


def test_tls_is_verified_so_a_certificate_nobody_issued_is_refused(tmp_path):
    server = Server(answer(204), tls=self_signed(tmp_path))
    try:
        with pytest.raises(OutboundFailed) as failed:
            GuardedHttp(allow_loopback=True).post(f"https://127.0.0.1:{server.port}/hook", {}, b"{}")
    finally:
        server.close()
    assert failed.value.kind == "tls"


def self_signed(folder: Path) -> ssl.SSLContext:
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .sign(key, hashes.SHA256())
    )
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return context
