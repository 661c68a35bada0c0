"""Serving the Chalice app over HTTP on loopback, one thread per request.

chalice's `LocalDevServer` uses a threading server; the app keeps `current_request` per thread
(`chalicelib.web.http.ThreadSafeChalice`), so parallel requests stay apart. The request handler's
access log leaves out tokens in paths.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

from chalice.config import Config
from chalice.local import ChaliceRequestHandler, LocalDevServer, ThreadedHTTPServer

log = logging.getLogger("local.api")
# Tokens in paths are credentials (a tracking link, a console sign-in link): never in a log line.
_TOKEN_PATH = re.compile(r"^(/(?:v1/)?track/|/console/login/|/mijn-zaken/login/)[^/?]+")


class _Handler(ChaliceRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        path = _TOKEN_PATH.sub(r"\1…", self.path.split("?", 1)[0])
        log.info("%s %s %s", self.command, path, getattr(code, "value", code))

    def __getattr__(self, name: str) -> Any:
        # http.server answers 501 to a method it has no `do_<METHOD>` for (TRACE, CONNECT, FOO):
        # every method goes to the app instead, which answers 405 (or 404) as a problem.
        if name.startswith("do_"):
            return self._generic_handle
        raise AttributeError(name)

    def _send_http_response_with_body(self, code: int, headers: Any, body: str | bytes) -> None:
        if self.command != "HEAD":
            super()._send_http_response_with_body(code, headers, body)
            return
        # The headers only: a body after a HEAD answer would be read as the next answer.
        self.send_response(code)
        self.send_header("Content-Length", str(len(body if isinstance(body, bytes) else body.encode())))
        self.send_header("Content-Type", headers.pop("Content-Type", "application/json"))
        self._send_headers(headers)


class _Server(ThreadedHTTPServer):
    # http.server listens with a backlog of 5: a burst of clients (a hub with 20 threads, a load
    # test with 40) finds the queue full and its connections reset. The kernel caps it at somaxconn.
    request_queue_size = 1024


class ApiServer:
    def __init__(self, app: Any, host: str, port: int, stage: str = "local") -> None:
        config = Config(chalice_stage=stage, function_name="api_handler")
        self._server = LocalDevServer(app, config, host, port, handler_cls=_Handler, server_cls=_Server)
        self._thread = threading.Thread(target=self._server.server.serve_forever, name="api", daemon=True)
        self.url = f"http://{host}:{self._server.server.server_address[1]}"

    def start(self) -> ApiServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server.server_close()
        self._thread.join(timeout=5)
