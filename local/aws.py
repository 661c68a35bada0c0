"""The embedded AWS of the local run: a moto server on loopback, and the environment pointing at it.

Nothing here imports chalicelib: the environment must be complete before the app's settings are
read for the first time.
"""

from __future__ import annotations

import logging
import os
import socket
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


class Moto:
    """moto's threaded server on a free loopback port."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        # moto logs every request through werkzeug; the request lines carry nothing useful here.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        from moto.server import ThreadedMotoServer

        self._server = ThreadedMotoServer(ip_address=host, port=port or free_port(host), verbose=False)
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
    """Domains to verify in SES: the platform's, the demo organisations', and any extra ones.

    SES has no wildcard identity, so an organisation created later with a sender in another domain
    needs that domain in ZAAKSTATUS_LOCAL_SENDER_DOMAINS (comma-separated) before `make run`.
    """
    extra = os.environ.get("ZAAKSTATUS_LOCAL_SENDER_DOMAINS", "")
    domains = [a.rpartition("@")[2] for a in [platform_from, *organisation_froms]]
    domains += [d.strip() for d in extra.split(",") if d.strip()]
    return list(dict.fromkeys(d.lower() for d in domains if d))
