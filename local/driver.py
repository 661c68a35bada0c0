"""Driving a local run from outside, as a case system and a developer would: start
`python -m local` in its own process, wait until it is ready, and talk to it over HTTP.

Used by the seeding, the end-to-end and browser tests and the benchmark, so each of them starts,
waits for and stops the service the same way.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jwt

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 60
POLL_S = 0.2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(method: str, url: str, token: str | None = None, body: Any = None, timeout: float = 10) -> tuple[int, Any]:
    """(status, decoded JSON body, or the text of a body that is not JSON)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read()
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, raw.decode("utf-8", "replace")


def client_token(client_id: str, secret: str) -> str:
    """An organisation client's JWT, as the contract describes it (HS256, client_id, iat)."""
    return jwt.encode({"client_id": client_id, "iat": int(time.time())}, secret, algorithm="HS256")


def wait_until(predicate: Callable[[], Any], timeout: float) -> Any:
    """The predicate's first truthy answer, or its last answer when the time is up."""
    deadline = time.monotonic() + timeout
    while True:
        answer = predicate()
        if answer or time.monotonic() > deadline:
            return answer
        time.sleep(POLL_S)


class LocalRun:
    """`python -m local` in a child process, with the HVC demo client's credentials."""

    def __init__(self, workdir: Path, **env: str) -> None:
        self.port = free_port()
        self.api = f"http://127.0.0.1:{self.port}"
        self.state_file = workdir / "state.json"
        self.log_file = workdir / "local.log"
        # Nothing of the caller's AWS or zaakstatus settings leaks into the run.
        self._env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ZAAKSTATUS_", "TWILIO_"))}
        self._env.update(
            ZAAKSTATUS_PORT=str(self.port), ZAAKSTATUS_LOCAL_STATE=str(self.state_file), PYTHONUNBUFFERED="1", **env
        )
        self.process: subprocess.Popen | None = None
        self.state: dict[str, Any] = {}

    def start(self) -> LocalRun:
        """Start and wait until it answers /health and has written its state; RuntimeError if not."""
        with open(self.log_file, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "local"], cwd=ROOT, env=self._env, stdout=log, stderr=subprocess.STDOUT
            )
        ready = wait_until(
            lambda: self.process.poll() is not None or (self._healthy() and self.state_file.exists()), START_TIMEOUT_S
        )
        if not ready or self.process.poll() is not None:
            raise RuntimeError(
                f"python -m local was not ready within {START_TIMEOUT_S}s "
                f"(exit code {self.process.poll()}):\n{self.log_tail()}"
            )
        self.state = json.loads(self.state_file.read_text())
        return self

    def _healthy(self) -> bool:
        try:
            return request("GET", self.api + "/health", timeout=2)[0] == 200
        except OSError:
            return False

    def stop(self) -> int | str:
        """SIGTERM, as a supervisor would; the exit code, or 'killed' when it did not stop."""
        if self.process is None:
            return 0
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
            return "killed"

    def log_tail(self, chars: int = 4000) -> str:
        return self.log_file.read_text(errors="replace")[-chars:] if self.log_file.exists() else ""

    # as the HVC demo client
    def token(self) -> str:
        return client_token(self.state["hvc_client_id"], self.state["hvc_client_secret"])

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        return request(method, self.api + path, self.token(), body)

    def outbox(self) -> list[dict[str, Any]]:
        status, body = request("GET", self.api + "/dev/outbox")
        assert status == 200, body
        return body["messages"]

    def wait_for(self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 10) -> list[dict[str, Any]]:
        """The outbox messages matching the predicate, once there are any (or [] after the timeout)."""
        return wait_until(lambda: [m for m in self.outbox() if predicate(m)], timeout)
