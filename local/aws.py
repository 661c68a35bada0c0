"""The embedded AWS of the local run: a moto server on loopback, and the environment pointing at it.
`python -m local.aws PORT` runs the same server as a process of its own (`make bench`).

Nothing here imports chalicelib: the environment must be complete before the app's settings are
read for the first time.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
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


def query_by_partition() -> None:
    """moto's Query lists and sorts every item of the table to pick one partition's
    (`Table.all_items`), so its cost grows with the table: in `make bench` moto spent 0.2-0.33
    CPU s per event, five times the service, and the local run's latency showed moto's sort
    rather than the service. DynamoDB reads the partition only; so does this, for a Query on the
    table itself (one on an index still reads all, as in moto). The answer is the same: the items
    of that partition, sorted by range key, then moto's own conditions, filter and paging."""
    import inspect

    from moto.dynamodb.models.table import Table

    if getattr(Table, "zaakstatus_by_partition", False):
        return
    query, all_items = Table.query, Table.all_items
    signature = inspect.signature(query)
    partition = threading.local()  # moto's server answers each request in a thread of its own

    def query_partition(self: Any, *args: Any, **kwargs: Any) -> Any:
        arguments = signature.bind(self, *args, **kwargs).arguments
        if arguments.get("index_name") or arguments.get("hash_key") is None or not self.range_key_attr:
            return query(self, *args, **kwargs)
        partition.key = arguments["hash_key"]
        try:
            return query(self, *args, **kwargs)
        finally:
            partition.key = None

    def items(self: Any) -> Any:
        key = getattr(partition, "key", None)
        if key is None:
            return all_items(self)
        return sorted(self.items.get(key, {}).values(), key=lambda item: item.range_key)

    Table.query, Table.all_items = query_partition, items
    Table.zaakstatus_by_partition = True


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
        query_by_partition()
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


def client(service: str, connections: int = 10) -> Any:
    """A client on moto; `connections`: as many as threads use it at once (botocore keeps 10, and
    opens and drops one more for each request beyond that, with a warning)."""
    import boto3
    from botocore.config import Config

    return boto3.session.Session().client(
        service, region_name=os.environ["AWS_DEFAULT_REGION"], config=Config(max_pool_connections=connections)
    )


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


if __name__ == "__main__":  # `python -m local.aws PORT`: the same AWS in a process of its own (`make bench`)
    Moto(port=int(sys.argv[1])).start()
    threading.Event().wait()  # until SIGTERM or Ctrl-C ends the process
