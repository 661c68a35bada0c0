"""A loopback stand-in for an organisation's webhook receiver, for the local run and tests.

Every POST (any path) is recorded: path, headers, body. It answers 204, unless told otherwise:
- a path `/fail/<status>` always answers that status (`/fail/503`), to watch retries in the
  local run;
- `fail_next(status, count)` (in-process) or `POST /_receiver/fail?status=503&count=3` answers the
  next `count` requests with `status` (then 204 again).

`GET /received` lists what was recorded as JSON (`{"requests": [...]}`, oldest first). It cannot
check signatures, since it does not know the secrets; `README.md` (Webhooks) shows how a receiver
does with the `standardwebhooks` library.

Run alone: `python -m local.webhook_receiver --port 8025`.
"""

from __future__ import annotations

import argparse
import json
import logging
import shlex
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

log = logging.getLogger(__name__)
MAX_BODY = 1024 * 1024


class WebhookReceiver:
    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._host = host
        self._port = port
        self._lock = threading.Lock()
        self._requests: list[dict[str, Any]] = []
        self._failures: list[int] = []
        self._server: ThreadingHTTPServer | None = None

    def start(self) -> WebhookReceiver:
        self._server = ThreadingHTTPServer((self._host, self._port), _handler(self))
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name="webhook-receiver", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> WebhookReceiver:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None, "not started"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def requests(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self._requests]

    def fail_next(self, status: int, count: int = 1) -> None:
        with self._lock:
            self._failures += [status] * count

    def reset(self) -> None:
        with self._lock:
            self._requests.clear()
            self._failures.clear()

    def take(self, path: str, headers: dict[str, str], body: bytes) -> int:
        """Record one POST; the status to answer."""
        with self._lock:
            status = self._failures.pop(0) if self._failures else 204
            if path.startswith("/fail/") and path.removeprefix("/fail/").isdigit():
                status = int(path.removeprefix("/fail/"))
            self._requests.append(
                {"path": path, "headers": headers, "body": body.decode("utf-8", "replace"), "answered": status}
            )
            return status


def _handler(receiver: WebhookReceiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            log.debug("webhook receiver: %s", format % args)

        def _answer(self, status: int, body: dict[str, Any] | None = None) -> None:
            data = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            if data:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if urlsplit(self.path).path == "/received":
                self._answer(200, {"requests": receiver.requests})
            else:
                self._answer(404, {"error": "GET /received lists what was posted"})

        def do_POST(self) -> None:
            length = min(int(self.headers.get("Content-Length") or 0), MAX_BODY)
            body = self.rfile.read(length) if length else b""
            parts = urlsplit(self.path)
            if parts.path == "/_receiver/fail":
                query = parse_qs(parts.query)
                receiver.fail_next(int(query.get("status", ["500"])[0]), int(query.get("count", ["1"])[0]))
                self._answer(204)
                return
            headers = {k.lower(): v for k, v in self.headers.items()}
            self._answer(receiver.take(parts.path, headers, body))

    return Handler


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8025)
    args = parser.parse_args(argv)
    receiver = WebhookReceiver(args.host, args.port).start()
    print(f"webhook receiver on {receiver.url} (GET /received)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        receiver.stop()


if __name__ == "__main__":
    main()


def banner(api: str, python_cmd: str, hvc: dict[str, str] | None, receiver_url: str) -> str:
    """What `make run` prints to try webhooks: register one at this receiver, post a status, look."""
    if not hvc:
        return f"Webhook receiver: {receiver_url}/received\n"
    claims = f'{{"client_id": {json.dumps(hvc["client_id"])}, "iat": int(time.time())}}'
    make_jwt = f'import jwt, time; print(jwt.encode({claims}, {json.dumps(hvc["client_secret"])}, algorithm="HS256"))'
    auth = '-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json"'
    hook = {"url": f"{receiver_url}/hooks/hvc", "events": ["case.status_changed", "case.closed"], "cases": "own"}
    event = {
        "case": {"id": "HVC-WEBHOOK-1", "case_type": "klacht", "description": "container niet geleegd"},
        "status": "afgehandeld",
        "occurred_at": "2026-11-29T10:00:00+01:00",
    }
    lines = [
        "Webhooks (CloudEvents signed as Standard Webhooks; this loopback receiver records them):",
        f"  TOKEN=$({shlex.quote(python_cmd)} -c {shlex.quote(make_jwt)})",
        f"  curl -sS -X PUT {api}/v1/webhooks/demo {auth} -d {shlex.quote(json.dumps(hook))}; echo"
        "   # answers the secret once",
        f"  curl -sS -X POST {api}/v1/events {auth} -d {shlex.quote(json.dumps(event))}; echo",
        f"  sleep 2; curl -sS {receiver_url}/received; echo",
        f"  curl -sS {api}/v1/webhooks/demo/deliveries {auth}; echo",
        f"  (a receiver that always fails: register {receiver_url}/fail/503 and watch attempts and last_error)",
    ]
    return "\n".join(lines) + "\n"
