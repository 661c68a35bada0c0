"""A loopback stand-in for Twilio's Messages API, for the local run and tests.

It speaks just enough of Twilio's REST API for the real `twilio` client (the HTTP side is
`local/twilio_api.py`): Basic auth, the Messages.json create call, and Twilio's error JSON.
Failures can be injected in-process (`fail_next`) or from another process (`POST /_standin/fail`).

Like real Twilio, a request that times out on the client side ("hang") is still accepted and
recorded once the delay is over: a retry after a timeout can send the SMS twice.

Like Twilio, it reports each accepted message to the message's StatusCallback URL ("sent",
then "delivered", or "undelivered"/"failed" when told so), form-encoded and signed with
X-Twilio-Signature (`twilio_signature`). Every callback is recorded in `callbacks` (URL, form,
signature); it is only posted when the URL is on loopback (the local run), so tests replay the
recorded ones.

Numbers and bodies are never logged.
"""

from __future__ import annotations

import argparse
import logging
import secrets
import threading
import urllib.request
from datetime import UTC, datetime
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import urlencode, urlsplit

from local.twilio_api import API_VERSION, MODES, RECEIPT_FAILURES, Handler, twilio_signature

__all__ = ["TwilioStandIn", "twilio_signature", "main"]

log = logging.getLogger(__name__)

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


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
        self.stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> TwilioStandIn:
        self.stopping.clear()
        handler = type("Handler", (Handler,), {"standin": self})
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
        self.stopping.set()
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

    def report(self, record: dict[str, Any], outcome: str | None) -> list[dict[str, Any]]:
        """Record the message's status callbacks (posted after the answer, as Twilio would)."""
        url = record.get("status_callback")
        if not url:
            return []
        steps = [
            ("sent", None),
            (
                "undelivered" if outcome == "undelivered" else outcome or "delivered",
                RECEIPT_FAILURES.get(outcome or ""),
            ),
        ]
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

    def post_in_background(self, callbacks: list[dict[str, Any]]) -> None:
        if callbacks and urlsplit(callbacks[0]["url"]).hostname in LOOPBACK_HOSTS:
            threading.Thread(target=self._post_all, args=(callbacks,), name="twilio-callback", daemon=True).start()

    def _post_all(self, callbacks: list[dict[str, Any]]) -> None:
        for callback in callbacks:
            if self.stopping.is_set():
                return
            request = urllib.request.Request(
                callback["url"],
                data=urlencode(callback["form"]).encode(),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "X-Twilio-Signature": callback["signature"],
                },
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

    def take_failure(self) -> str | None:
        with self._lock:
            return self._failures.pop(0) if self._failures else None

    def record(self, to: str, from_: str, body: str, status_callback: str | None) -> dict[str, Any]:
        now = datetime.now(UTC)
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


def main(argv: list[str] | None = None) -> None:
    from chalicelib.config import settings

    parser = argparse.ArgumentParser(description="Loopback Twilio Messages API stand-in")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=4010)
    parser.add_argument("--account-sid", default=settings().twilio_account_sid)
    parser.add_argument("--auth-token", default=settings().twilio_auth_token)
    parser.add_argument("--hang-seconds", type=float, default=15.0)
    args = parser.parse_args(argv)
    standin = TwilioStandIn(args.account_sid, args.auth_token, args.host, args.port, args.hang_seconds).start()
    print(f"Twilio stand-in on {standin.url} (outbox: {standin.url}/outbox)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        standin.stop()


if __name__ == "__main__":
    main()
