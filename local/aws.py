"""The embedded AWS of the local run: a moto server on loopback, and the environment pointing at it.

Nothing here imports chalicelib: the environment must be complete before the app's settings are
read for the first time.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable, Iterable
from typing import Any

FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",
    "AWS_DEFAULT_REGION": "eu-west-1",
    # DynamoDB Streams (and account-based endpoints) work against moto only with this.
    "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
}


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class AtomicDynamoDB:
    """One DynamoDB request at a time. DynamoDB applies a conditional write atomically; moto
    checks the condition and then writes, unlocked, in whichever server thread has the request.
    Two workers claiming one notification at the same moment could then both win, and the
    citizen would get the message twice: the local run must not show what AWS would not do."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self._app = app
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if not environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB_"):
            return self._app(environ, start_response)
        with self._lock:
            return list(self._app(environ, start_response))  # the whole answer, inside the lock


def _threaded_server(host: str, port: int) -> Any:
    from moto.moto_server.threaded_moto_server import ThreadedMotoServer
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
    from werkzeug.serving import make_server

    class Server(ThreadedMotoServer):
        def _server_entry(self) -> None:  # moto's own, with the DynamoDB requests serialised
            app = AtomicDynamoDB(DomainDispatcherApplication(create_backend_app))
            self._server = make_server(host, port, app, True, request_handler=MotoRequestHandler)
            self._server_ready_event.set()
            self._server.serve_forever()

    return Server(ip_address=host, port=port, verbose=False)


class Moto:
    """moto's threaded server on a free loopback port."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        # moto logs every request through werkzeug; the request lines carry nothing useful here.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self._server = _threaded_server(host, port or free_port(host))
        self.url = ""

    def start(self) -> Moto:
        self._server.start()
        host, port = self._server.get_host_and_port()
        self.url = f"http://{host}:{port}"
        return self

    def stop(self) -> None:
        self._server.stop()


def set_environment(moto_url: str) -> None:
    os.environ.pop("AWS_PROFILE", None)
    os.environ.pop("AWS_SESSION_TOKEN", None)
    os.environ.update(FAKE_CREDENTIALS)
    os.environ["AWS_ENDPOINT_URL"] = moto_url


def client(service: str) -> Any:
    import boto3

    return boto3.session.Session().client(service, region_name=os.environ["AWS_DEFAULT_REGION"])


def sender_domains(platform_from: str, organisation_froms: list[str]) -> list[str]:
    """Domains to verify in SES before the API starts: the platform's, the demo organisations', and
    any in ZAAKSTATUS_LOCAL_SENDER_DOMAINS (comma-separated). An organisation created or changed
    through the API gets its domain verified by the app itself (`adapters/ses_identities.py`:
    the local run verifies at once), so these are only what exists before the first request.
    """
    extra = os.environ.get("ZAAKSTATUS_LOCAL_SENDER_DOMAINS", "")
    domains = [a.rpartition("@")[2] for a in [platform_from, *organisation_froms]]
    domains += [d.strip() for d in extra.split(",") if d.strip()]
    return list(dict.fromkeys(d.lower() for d in domains if d))
