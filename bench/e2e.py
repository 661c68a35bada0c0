"""End to end through the local run: POST → SMS in the Twilio stand-in's outbox.

For each concurrency a fresh `python -m local` is started beside a moto server in a process of
its own (ZAAKSTATUS_LOCAL_AWS_URL), so the CPU the service spends is read from /proc apart from
the AWS stand-in's. That server is the local run's own (`python -m local.aws`: DynamoDB requests
one at a time, a Query reading its partition only), and the worker threads are the local run's
(ZAAKSTATUS_LOCAL_WORKERS and ZAAKSTATUS_LOCAL_ZGW_WORKERS are passed on). The service process
still holds the Twilio stand-in (a small HTTP server); its CPU is counted as the service's, which
only makes the figure worse.

Each event is the first of a new case, notifying, with its own phone number: 2 writes, one
queue message, one SMS. Latency is the stand-in's receive time minus the moment the POST was
sent (one clock: the same machine).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

import jwt

from bench import local_run
from bench.common import CASE_TYPE, SERVICE_ENV, event, percentile
from local.driver import free_port, request
from local.queue_poller import worker_threads

ROOT = Path(__file__).resolve().parents[1]
TICKS = os.sysconf("SC_CLK_TCK")
START_TIMEOUT_S = 90
DELIVERY_TIMEOUT_S = 600
WORKER_VARIABLES = ("ZAAKSTATUS_LOCAL_WORKERS", "ZAAKSTATUS_LOCAL_ZGW_WORKERS")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and all its threads (and of its waited-for children)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
    return (utime + stime + cutime + cstime) / TICKS


class Stack:
    """The local run's moto (`python -m local.aws`) and `python -m local`, each its own process."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.moto_port, self.api_port, self.twilio_port = free_port(), free_port(), free_port()
        self.api = f"http://127.0.0.1:{self.api_port}"
        self.outbox = f"http://127.0.0.1:{self.twilio_port}/outbox"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ZAAKSTATUS_", "TWILIO_"))}
        self._env = env
        self._log = open(workdir / "local.log", "wb")
        self.moto = subprocess.Popen(
            [sys.executable, "-m", "local.aws", str(self.moto_port)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        state = workdir / "state.json"
        local_env = dict(
            env,
            **SERVICE_ENV,
            PYTHONUNBUFFERED="1",
            ZAAKSTATUS_PORT=str(self.api_port),
            ZAAKSTATUS_TWILIO_PORT=str(self.twilio_port),
            ZAAKSTATUS_LOCAL_STATE=str(state),
            ZAAKSTATUS_LOCAL_AWS_URL=f"http://127.0.0.1:{self.moto_port}",
            **{k: v for k, v in os.environ.items() if k in WORKER_VARIABLES},
        )
        self._wait_for(f"http://127.0.0.1:{self.moto_port}/moto-api/data.json", self.moto)
        self.local = subprocess.Popen(
            [sys.executable, "-m", "local"], cwd=ROOT, env=local_env, stdout=self._log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while not state.exists():
            if time.monotonic() > deadline or self.local.poll() is not None:
                self.stop()
                raise RuntimeError("python -m local did not start:\n" + (workdir / "local.log").read_text()[-3000:])
            time.sleep(0.2)
        self.state = json.loads(state.read_text())

    def _wait_for(self, url: str, process: subprocess.Popen) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline and process.poll() is None:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{url} did not answer")

    def token(self) -> str:
        claims = {"client_id": self.state["hvc_client_id"], "iat": int(time.time())}
        return jwt.encode(claims, self.state["hvc_client_secret"], algorithm="HS256")

    def stop(self) -> None:
        for process in (self.local, self.moto):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=5)
        self._log.close()


def _arrivals(stack: Stack, numbers: dict[str, int]) -> dict[int, float]:
    with urllib.request.urlopen(stack.outbox, timeout=30) as response:
        messages = json.load(response)["messages"]
    found: dict[int, float] = {}
    for m in messages:
        i = numbers.get(m.get("to"))
        if i is not None and i not in found:
            found[i] = datetime.fromisoformat(m["at"]).timestamp()
    return found


def burst(stack: Stack, run: str, events: int, concurrency: int) -> dict[str, Any]:
    import phonenumbers

    bodies = []
    numbers: dict[str, int] = {}
    for i in range(events):
        body = event(run, i, "in_behandeling", with_subscriber=True)
        body["case"]["description"] = f"lantaarnpaal {body['case']['id']}"
        bodies.append(body)
        e164 = phonenumbers.format_number(
            phonenumbers.parse(body["subscriber"]["phone"], "NL"), phonenumbers.PhoneNumberFormat.E164
        )
        numbers[e164] = i
    tokens = threading.local()
    sent_at: dict[int, float] = {}
    answered: dict[int, float] = {}
    failures: list[Any] = []

    def post(i: int) -> None:
        if getattr(tokens, "value", None) is None:
            tokens.value = stack.token()
        sent_at[i] = time.time()
        status, answer = request("POST", stack.api + "/v1/events", tokens.value, bodies[i], timeout=60)
        answered[i] = time.time()
        if status != 202:
            failures.append((status, answer))

    cpu_service, cpu_moto = cpu_seconds(stack.local.pid), cpu_seconds(stack.moto.pid)
    started = time.time()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(post, range(events)))
    posted = time.time()
    deadline = time.monotonic() + DELIVERY_TIMEOUT_S
    arrived: dict[int, float] = {}
    while len(arrived) < events - len(failures) and time.monotonic() < deadline:
        time.sleep(0.5)
        arrived = _arrivals(stack, numbers)
    finished = max(arrived.values(), default=time.time())
    cpu_service = cpu_seconds(stack.local.pid) - cpu_service
    cpu_moto = cpu_seconds(stack.moto.pid) - cpu_moto
    latencies = [arrived[i] - sent_at[i] for i in arrived]
    answer_ms = [(answered[i] - sent_at[i]) * 1000 for i in answered]
    return {
        "concurrency": concurrency,
        "events": events,
        "rejected": len(failures),
        "first_rejection": str(failures[0])[:300] if failures else None,
        "delivered": len(arrived),
        "accepted_per_s": round(events / (posted - started), 1),
        "events_per_s_end_to_end": round(len(arrived) / (finished - started), 1),
        "post_answer_p50_ms": round(percentile(answer_ms, 50), 1),
        "post_answer_p99_ms": round(percentile(answer_ms, 99), 1),
        "latency_p50_s": round(percentile(latencies, 50), 3),
        "latency_p99_s": round(percentile(latencies, 99), 3),
        "cpu_s_service": round(cpu_service, 2),
        "cpu_s_aws_standin": round(cpu_moto, 2),
        "cpu_s_service_per_1000_events": round(cpu_service * 1000 / max(1, len(arrived)), 2),
        "cpu_s_aws_standin_per_1000_events": round(cpu_moto * 1000 / max(1, len(arrived)), 2),
    }


def run(events: int = 1000, concurrencies: tuple[int, ...] = (1, 8), warmup: int = 20) -> dict[str, Any]:
    results: dict[str, Any] = {"runs": []}
    for c in concurrencies:
        with tempfile.TemporaryDirectory(prefix="zaakstatus-bench-") as tmp:
            stack = Stack(Path(tmp))
            try:
                status, answer = request(
                    "PUT", stack.api + "/v1/case-types/melding", stack.token(), CASE_TYPE, timeout=60
                )
                if status not in (200, 201):
                    raise RuntimeError(f"PUT case type answered {status}: {answer}")
                burst(stack, f"warm{c}", warmup, c)  # first requests pay imports and connections
                results["runs"].append(burst(stack, f"c{c}", events, c))
                if c == concurrencies[-1]:  # the local run's own robustness, on the last stack
                    results["clients_40"] = local_run.burst_of_clients(stack.api, stack.token, events, clients=40)
                    results["stop_s"] = local_run.time_to_stop(stack.local)  # busy with that burst's SMS
            finally:
                stack.stop()
    results["workers"] = worker_threads("ZAAKSTATUS_LOCAL_WORKERS")  # what the local run used
    return results


if __name__ == "__main__":
    print(json.dumps(run(events=int(sys.argv[1]) if len(sys.argv) > 1 else 100), indent=2))
