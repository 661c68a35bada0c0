"""The Twilio stand-in's HTTP side: the Messages API as the real `twilio` client speaks it.

Basic auth, `POST /2010-04-01/Accounts/<sid>/Messages.json`, Twilio's error JSON and message
resource, and the stand-in's own control endpoints (`GET /outbox`, `POST /_standin/fail`,
`POST /_standin/reset`). The state (messages, injected failures, status callbacks) is kept by
`local.twilio_standin.TwilioStandIn`; the signature of a status callback is `twilio_signature`.

Numbers and bodies are never logged.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import secrets
from datetime import datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

if TYPE_CHECKING:
    from local.twilio_standin import TwilioStandIn

log = logging.getLogger("local.twilio_standin")

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


def twilio_signature(auth_token: str, url: str, params: dict[str, str]) -> str:
    """X-Twilio-Signature: base64(HMAC-SHA1(auth token, URL + each name and value, sorted))."""
    payload = url + "".join(name + params[name] for name in sorted(params))
    return base64.b64encode(hmac.new(auth_token.encode(), payload.encode(), hashlib.sha1).digest()).decode()


def message_resource(account: str, record: dict[str, Any]) -> dict[str, Any]:
    """A message as Twilio answers its creation (status `queued`)."""
    sid = record["sid"]
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


class Handler(BaseHTTPRequestHandler):
    standin: TwilioStandIn  # set on the per-server subclass
    server_version = "TwilioStandIn/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        # The default logs the request line; keep only method and path (a query could hold a
        # number), and only at debug level.
        log.debug("%s %s", self.command, urlsplit(self.path).path)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if urlsplit(self.path).path == "/outbox":
            self._json(200, {"messages": self.standin.messages})
        else:
            self._twilio_error(404, 20404, "The requested resource was not found")

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
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
        standin = self.standin
        form = {k: v[0] for k, v in parse_qs(self._read_body().decode("utf-8")).items()}
        if not self._authorised():
            self._twilio_error(401, 20003, "Authenticate")
            return
        path_sid = path[len(f"/{API_VERSION}/Accounts/") : -len("/Messages.json")]
        if path_sid != standin.account_sid:
            self._twilio_error(404, 20404, "The requested resource was not found")
            return
        failure = standin.take_failure()
        if failure in FAILURES:
            self._twilio_error(*FAILURES[failure])
            return
        if failure == "hang" and standin.stopping.wait(standin.hang_seconds):
            return  # stopping: drop the connection without an answer
        for field, code, message in (
            ("To", 21604, "A 'To' phone number is required."),
            ("From", 21603, "A 'From' phone number is required."),
            ("Body", 21602, "Message body is required."),
        ):
            if not form.get(field):
                self._twilio_error(400, code, message)
                return
        record = standin.record(form["To"], form["From"], form["Body"], form.get("StatusCallback"))
        # Recorded before the answer, so a client that got its 201 sees them; posted after it.
        callbacks = standin.report(record, failure if failure in RECEIPT_FAILURES else None)
        self._json(201, message_resource(standin.account_sid, record))
        standin.post_in_background(callbacks)

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
        more_info = f"https://www.twilio.com/docs/errors/{code}"
        self._json(status, {"code": code, "message": message, "more_info": more_info, "status": status})

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
