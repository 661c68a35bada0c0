"""A loopback stand-in for Twilio's Messages API, for the local run and tests.

It speaks just enough of Twilio's REST API for the real `twilio` client: Basic auth, the
Messages.json create call, and Twilio's error JSON. Failures can be injected in-process
(`fail_next`) or from another process (`POST /_standin/fail`).

Like real Twilio, a request that times out on the client side ("hang") is still accepted and
recorded once the delay is over: a retry after a timeout can send the SMS twice.

Like Twilio, it reports each accepted message to the message's StatusCallback URL ("sent",
then "delivered", or "undelivered"/"failed" when told so), form-encoded and signed with
X-Twilio-Signature. Every callback is recorded in `callbacks` (URL, form, signature); it is only
posted when the URL is on loopback (the local run), so tests replay the recorded ones.

Numbers and bodies are never logged.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import urllib.request
import logging
import secrets
import threading
from datetime import datetime, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

log = logging.getLogger(__name__)

API_VERSION = "2010-04-01"
# mode -> (HTTP status, Twilio code, message). Messages deliberately quote no number.
FAILURES: dict[str, tuple[int, int, str]] = {
    "429": (429, 20429, "Too Many Requests"),
    "500": (500, 20500, "Internal Server Error"),
    "21211": (400, 21211, "Invalid 'To' Phone Number"),
    "21614": (400, 21614, "'To' number is not a valid mobile number"),
}
# Accepted, then reported by status callback as never delivered (Twilio's 30003 and 30005:
# unreachable handset, unknown number).
RECEIPT_FAILURES: dict[str, str] = {"undelivered": "30003", "failed": "30005"}
MODES = frozenset({*FAILURES, *RECEIPT_FAILURES, "hang"})
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def twilio_signature(auth_token: str, url: str, params: dict[str, str]) -> str:
    """X-Twilio-Signature: base64(HMAC-SHA1(auth token, URL + each name and value, sorted))."""
    payload = url + "".join(name + params[name] for name in sorted(params))
    return base64.b64encode(hmac.new(auth_token.encode(), payload.encode(), hashlib.sha1).digest()).decode()


class TwilioStandIn:
    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        host: str = "127.0.0.1",
        port: int = 0,
        hang_seconds: float = 15.0,
    ) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.hang_seconds = hang_seconds
        self._host = host
        self._port = port
        self._lock = threading.Lock()
        self._messages: list[dict[str, Any]] = []
        self._failures: list[str] = []
        self._callbacks: list[dict[str, Any]] = []
        # Set on stop() so handlers still "hanging" return at once instead of holding threads.
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> TwilioStandIn:
        self._stopping.clear()
        handler = type("Handler", (_Handler,), {"standin": self})
        self._server = ThreadingHTTPServer((self._host, self._port), handler)
        self._server.daemon_threads = True
        # A short poll interval: shutdown() waits up to one interval, and tests stop it often.
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="twilio-standin",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> TwilioStandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("stand-in not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # -- state -------------------------------------------------------------------------------

    @property
    def messages(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(m) for m in self._messages]

    @property
    def callbacks(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(c) for c in self._callbacks]

    def _report(self, record: dict[str, Any], outcome: str | None) -> list[dict[str, Any]]:
        """Record the message's status callbacks (posted after the answer, as Twilio would)."""
        url = record.get("status_callback")
        if not url:
            return []
        steps = [("sent", None), ("undelivered" if outcome == "undelivered" else outcome or "delivered",
                                  RECEIPT_FAILURES.get(outcome or ""))]
        callbacks = []
        for status, error_code in steps:
            form = {
                "AccountSid": self.account_sid,
                "ApiVersion": API_VERSION,
                "From": record["from"],
                "MessageSid": record["sid"],
                "MessageStatus": status,
                "SmsSid": record["sid"],
                "SmsStatus": status,
                "To": record["to"],
            }
            if error_code:
                form["ErrorCode"] = error_code
            callbacks.append({"url": url, "form": form, "signature": twilio_signature(self.auth_token, url, form)})
        with self._lock:
            self._callbacks.extend(callbacks)
        return callbacks

    def _post_in_background(self, callbacks: list[dict[str, Any]]) -> None:
        if callbacks and urlsplit(callbacks[0]["url"]).hostname in LOOPBACK_HOSTS:
            threading.Thread(target=self._post_all, args=(callbacks,), name="twilio-callback", daemon=True).start()

    def _post_all(self, callbacks: list[dict[str, Any]]) -> None:
        for callback in callbacks:
            if self._stopping.is_set():
                return
            request = urllib.request.Request(
                callback["url"],
                data=urlencode(callback["form"]).encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded",
                         "X-Twilio-Signature": callback["signature"]},
                method="POST",
            )
            try:
                urllib.request.urlopen(request, timeout=5).close()
            except OSError as exc:  # Twilio does not retry status callbacks either
                log.info("status callback not delivered: %s", type(exc).__name__)

    def fail_next(self, mode: str, count: int = 1) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown failure mode {mode!r}; one of {sorted(MODES)}")
        if count < 1:
            raise ValueError("count must be >= 1")
        with self._lock:
            self._failures.extend([mode] * count)

    def reset(self) -> None:
        with self._lock:
            self._messages.clear()
            self._failures.clear()
            self._callbacks.clear()

    def _take_failure(self) -> str | None:
        with self._lock:
            return self._failures.pop(0) if self._failures else None

    def _record(self, to: str, from_: str, body: str, status_callback: str | None) -> dict:
        now = datetime.now(timezone.utc)
        message = {
            "sid": "SM" + secrets.token_hex(16),
            "to": to,
            "from": from_,
            "body": body,
            "status_callback": status_callback,
            "at": now.isoformat(timespec="milliseconds"),
        }
        with self._lock:
            self._messages.append(message)
        return dict(message)


class _Handler(BaseHTTPRequestHandler):
    standin: TwilioStandIn  # set on the per-server subclass
    server_version = "TwilioStandIn/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        # The default logs the request line; keep only method and path (a query could hold a
        # number), and only at debug level.
        log.debug("%s %s", self.command, urlsplit(self.path).path)

    def do_GET(self) -> None:
        if urlsplit(self.path).path == "/outbox":
            self._json(200, {"messages": self.standin.messages})
        else:
            self._twilio_error(404, 20404, "The requested resource was not found")

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        if path == "/_standin/fail":
            self._control_fail()
        elif path == "/_standin/reset":
            self.standin.reset()
            self._json(200, {"ok": True})
        elif path.startswith(f"/{API_VERSION}/Accounts/") and path.endswith("/Messages.json"):
            self._create_message(path)
        else:
            self._twilio_error(404, 20404, "The requested resource was not found")

    def _control_fail(self) -> None:
        try:
            payload = json.loads(self._read_body() or b"{}")
            self.standin.fail_next(str(payload.get("mode")), int(payload.get("count", 1)))
        except (ValueError, TypeError, AttributeError) as exc:
            self._json(400, {"error": str(exc)})
            return
        self._json(200, {"ok": True})

    def _create_message(self, path: str) -> None:
        form = {k: v[0] for k, v in parse_qs(self._read_body().decode("utf-8")).items()}
        if not self._authorised():
            self._twilio_error(401, 20003, "Authenticate")
            return
        path_sid = path[len(f"/{API_VERSION}/Accounts/") : -len("/Messages.json")]
        if path_sid != self.standin.account_sid:
            self._twilio_error(404, 20404, "The requested resource was not found")
            return
        failure = self.standin._take_failure()
        if failure in FAILURES:
            self._twilio_error(*FAILURES[failure])
            return
        if failure == "hang" and self.standin._stopping.wait(self.standin.hang_seconds):
            return  # stopping: drop the connection without an answer
        if not form.get("To"):
            self._twilio_error(400, 21604, "A 'To' phone number is required.")
            return
        if not form.get("From"):
            self._twilio_error(400, 21603, "A 'From' phone number is required.")
            return
        if not form.get("Body"):
            self._twilio_error(400, 21602, "Message body is required.")
            return
        record = self.standin._record(
            form["To"], form["From"], form["Body"], form.get("StatusCallback")
        )
        # Recorded before the answer, so a client that got its 201 sees them; posted after it.
        callbacks = self.standin._report(record, failure if failure in RECEIPT_FAILURES else None)
        self._json(201, self._message_resource(record))
        self.standin._post_in_background(callbacks)

    def _message_resource(self, record: dict) -> dict:
        sid, account = record["sid"], self.standin.account_sid
        base = f"/{API_VERSION}/Accounts/{account}/Messages/{sid}"
        created = format_datetime(datetime.fromisoformat(record["at"]), usegmt=True)
        return {
            "account_sid": account,
            "api_version": API_VERSION,
            "body": record["body"],
            "date_created": created,
            "date_sent": None,
            "date_updated": created,
            "direction": "outbound-api",
            "error_code": None,
            "error_message": None,
            "from": record["from"],
            "messaging_service_sid": None,
            "num_media": "0",
            "num_segments": "1",
            "price": None,
            "price_unit": "USD",
            "sid": sid,
            "status": "queued",
            "subresource_uris": {"media": f"{base}/Media.json"},
            "to": record["to"],
            "uri": f"{base}.json",
        }

    def _authorised(self) -> bool:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return False
        try:
            user, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except ValueError:
            return False
        return secrets.compare_digest(user, self.standin.account_sid) and secrets.compare_digest(
            password, self.standin.auth_token
        )

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _twilio_error(self, status: int, code: int, message: str) -> None:
        self._json(
            status,
            {
                "code": code,
                "message": message,
                "more_info": f"https://www.twilio.com/docs/errors/{code}",
                "status": status,
            },
        )

    def _json(self, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout); nothing to tell it


def main(argv: list[str] | None = None) -> None:
    from chalicelib.config import settings

    parser = argparse.ArgumentParser(description="Loopback Twilio Messages API stand-in")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=4010)
    parser.add_argument("--account-sid", default=settings().twilio_account_sid)
    parser.add_argument("--auth-token", default=settings().twilio_auth_token)
    parser.add_argument("--hang-seconds", type=float, default=15.0)
    args = parser.parse_args(argv)
    standin = TwilioStandIn(
        args.account_sid, args.auth_token, args.host, args.port, args.hang_seconds
    ).start()
    print(f"Twilio stand-in on {standin.url} (outbox: {standin.url}/outbox)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        standin.stop()


if __name__ == "__main__":
    main()
