"""The SMS sender (TwilioSmsSender) with the real twilio client against the loopback Twilio stand-in."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from chalicelib.adapters.twilio_sms import TwilioSmsSender
from chalicelib.domain.channels import OutgoingMessage, PermanentError, RetryableError, UnconfirmedError
from local.twilio_standin import TwilioStandIn

ACCOUNT_SID = "AC" + "1" * 32
AUTH_TOKEN = "test-auth-token"
NUMBER = "+31612345678"
BODY = "Uw zaak Z-2024-001 is in behandeling genomen."
CALLBACK = "https://zaakstatus.test/callbacks/twilio"  # not loopback: the stand-in only records
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def twilio_standin():
    # hang_seconds > the channel timeout used below, but short so stop() and the test stay fast.
    with TwilioStandIn(ACCOUNT_SID, AUTH_TOKEN, hang_seconds=1.0) as standin:
        yield standin


def _channel(base_url: str, auth_token: str = AUTH_TOKEN, timeout: float = 5.0):
    return TwilioSmsSender(ACCOUNT_SID, auth_token, base_url=base_url, timeout=timeout)


def _message() -> OutgoingMessage:
    return OutgoingMessage(to=NUMBER, body=BODY, sender="Zaakstatus", receipt=CALLBACK)


def _assert_pii_free(err: Exception) -> None:
    assert NUMBER not in str(err) and BODY not in str(err)
    # Raised outside the except block: the provider's exception (which may quote the number)
    # is not chained for a logger to print.
    assert err.__cause__ is None and err.__context__ is None


def test_send_returns_sms_sid_and_standin_records_message(twilio_standin):
    sid = _channel(twilio_standin.url).send(_message())

    assert sid.startswith("SM") and len(sid) == 34
    [recorded] = twilio_standin.messages
    assert recorded["sid"] == sid
    assert (recorded["to"], recorded["from"], recorded["body"]) == (NUMBER, "Zaakstatus", BODY)
    assert recorded["status_callback"] == CALLBACK
    assert recorded["at"].endswith("+00:00")


def test_standin_records_messages_oldest_first(twilio_standin):
    channel = _channel(twilio_standin.url)
    sids = [channel.send(_message()) for _ in range(3)]
    assert [m["sid"] for m in twilio_standin.messages] == sids


@pytest.mark.parametrize(
    ("mode", "error_class", "kind"),
    [
        ("429", RetryableError, "twilio-429"),
        ("500", RetryableError, "twilio-5xx"),
        ("21211", PermanentError, "twilio-21211"),
        ("21614", PermanentError, "twilio-21614"),
    ],
)
def test_twilio_failure_maps_to_error_class_and_kind(twilio_standin, mode, error_class, kind):
    twilio_standin.fail_next(mode)
    with pytest.raises(error_class) as caught:
        _channel(twilio_standin.url).send(_message())
    assert caught.value.kind == kind
    _assert_pii_free(caught.value)
    assert twilio_standin.messages == []


def test_twilio_429_is_retryable_and_next_send_succeeds(twilio_standin):
    channel = _channel(twilio_standin.url)
    twilio_standin.fail_next("429")
    with pytest.raises(RetryableError):
        channel.send(_message())
    assert channel.send(_message()).startswith("SM")


def test_injected_failure_count_is_consumed_one_per_request(twilio_standin):
    channel = _channel(twilio_standin.url)
    twilio_standin.fail_next("500", count=2)
    for _ in range(2):
        with pytest.raises(RetryableError):
            channel.send(_message())
    channel.send(_message())
    assert len(twilio_standin.messages) == 1


def test_refused_connection_is_retryable():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # The port is closed again: connecting is refused.
    with pytest.raises(RetryableError) as caught:
        _channel(f"http://127.0.0.1:{port}").send(_message())
    assert caught.value.kind == "connection"
    _assert_pii_free(caught.value)


def test_hanging_twilio_times_out_as_unconfirmed_not_retryable(twilio_standin):
    # The request reached Twilio; it may still send. A retry could duplicate the SMS, so the
    # channel says "unconfirmed" and delivery never resends it blindly.
    twilio_standin.fail_next("hang")
    with pytest.raises(UnconfirmedError) as caught:
        _channel(twilio_standin.url, timeout=0.3).send(_message())
    assert caught.value.kind == "timeout"
    assert not isinstance(caught.value, RetryableError)


def test_hanging_request_is_still_sent_after_the_client_gave_up(twilio_standin):
    # Like real Twilio: a timeout does not mean "not sent".
    twilio_standin.fail_next("hang")
    with pytest.raises(UnconfirmedError):
        _channel(twilio_standin.url, timeout=0.3).send(_message())
    deadline = time.monotonic() + 5
    while not twilio_standin.messages and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(twilio_standin.messages) == 1


def test_wrong_auth_token_is_retryable_auth_error(twilio_standin):
    with pytest.raises(RetryableError) as caught:
        _channel(twilio_standin.url, auth_token="wrong").send(_message())
    assert caught.value.kind == "twilio-auth"
    assert twilio_standin.messages == []


def test_standin_control_endpoints_inject_failures_and_reset(twilio_standin):
    channel = _channel(twilio_standin.url)
    channel.send(_message())

    def post(path: str, payload: dict) -> dict:
        request = urllib.request.Request(
            twilio_standin.url + path,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.load(response)

    with urllib.request.urlopen(twilio_standin.url + "/outbox", timeout=5) as response:
        assert [m["to"] for m in json.load(response)["messages"]] == [NUMBER]

    post("/_standin/fail", {"mode": "21211", "count": 1})
    with pytest.raises(PermanentError):
        channel.send(_message())

    post("/_standin/reset", {})
    assert twilio_standin.messages == []


def test_standin_rejects_unknown_failure_mode(twilio_standin):
    with pytest.raises(ValueError):
        twilio_standin.fail_next("teapot")


def test_importing_the_channels_and_the_sms_sender_does_not_import_twilio():
    code = (
        "import sys, chalicelib.domain.channels, chalicelib.adapters.ses_email, chalicelib.adapters.twilio_sms;"
        "assert 'twilio' not in sys.modules, 'twilio imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, check=True)


def test_standin_posts_status_callbacks_signed_as_twilio_signs_them(twilio_standin):
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import parse_qsl

    from twilio.request_validator import RequestValidator

    received: list[tuple[str, dict[str, str], str]] = []
    done = threading.Event()

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"])).decode()
            received.append((self.path, dict(parse_qsl(body)), self.headers["X-Twilio-Signature"]))
            self.send_response(204)
            self.end_headers()
            if len(received) == 2:
                done.set()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/v1/webhooks/twilio/status?o=hvc&c=HVC-1&e=abc"
    try:
        twilio_standin.fail_next("undelivered")
        sid = _channel(twilio_standin.url).send(OutgoingMessage(to=NUMBER, body=BODY, sender="Zaakstatus", receipt=url))
        assert done.wait(5)
    finally:
        server.shutdown()
        server.server_close()

    validator = RequestValidator(AUTH_TOKEN)
    assert [form["MessageStatus"] for _, form, _ in received] == ["sent", "undelivered"]
    assert received[1][1]["ErrorCode"] == "30003" and received[1][1]["MessageSid"] == sid
    for _, form, signature in received:
        assert validator.validate(url, form, signature)
        assert not RequestValidator("another-token").validate(url, form, signature)
