"""In-process, on moto: DynamoDB units per event and per notification, ingest latency vs a bare put.

The app runs through `chalice.test.Client` (the API Lambda's code path, API Gateway's event
shape) and the SQS handler is invoked with real queue messages by the local run's worker, so
every AWS request is one the deployed functions would make. Capacity units are counted from
those requests by `local.capacity.CapacityMeter`; SQS requests by a botocore hook.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from typing import Any

from bench.common import CASE_TYPE, NOTIFYING, SERVICE_ENV, STATUSES, event, summary_ms

ENV = {
    "AWS_ACCESS_KEY_ID": "bench",
    "AWS_SECRET_ACCESS_KEY": "bench",
    "AWS_DEFAULT_REGION": "eu-west-1",
    "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
    "ZAAKSTATUS_STAGE": "local",
    "ZAAKSTATUS_ADMIN_TOKEN": "bench-admin-token",
    "ZAAKSTATUS_PUBLIC_URL": "https://zaakstatus.example.nl",
    **SERVICE_ENV,
}
ADMIN = {"Authorization": "Bearer bench-admin-token", "Content-Type": "application/json"}


def _count_calls(client: Any, counter: Counter[str]) -> None:
    service = client.meta.service_model.service_name
    client.meta.events.register(f"after-call.{service}", lambda model, **_: counter.update([model.name]))


def run(cases: int = 400, latency_cases: int = 200) -> dict[str, Any]:
    for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "ZAAKSTATUS_QUEUE_URL"):
        os.environ.pop(name, None)
    os.environ.update(ENV)

    import boto3
    import jwt
    from chalice.test import Client
    from moto import mock_aws

    from chalicelib import bootstrap, config
    from local.aws import query_by_partition
    from local.capacity import CapacityMeter
    from local.queue_poller import QueuePoller
    from local.resources import create_queue, create_table
    from local.twilio_standin import TwilioStandIn

    # A Query reads its partition, as on DynamoDB (moto's reads the whole table, so the ingest
    # latency would grow with the table while the bare put does not).
    query_by_partition()
    config.reset()
    s = config.settings()
    standin = TwilioStandIn(s.twilio_account_sid, s.twilio_auth_token).start()
    with mock_aws():
        create_table(boto3.client("dynamodb"), s.table_name)
        queue_url = create_queue(boto3.client("sqs"), s.queue_name)
        os.environ["ZAAKSTATUS_QUEUE_URL"] = queue_url
        # Client secrets under KMS, as deployed (.chalice/config.json), so its requests are counted.
        os.environ["ZAAKSTATUS_KMS_KEY_ID"] = boto3.client("kms").create_key()["KeyMetadata"]["KeyId"]
        os.environ["ZAAKSTATUS_TWILIO_BASE_URL"] = standin.url
        config.reset()
        bootstrap.reset()
        import app as app_module

        with Client(app_module.app) as client:
            answer = client.http.post(
                "/v1/admin/organisations",
                headers=ADMIN,
                body=json.dumps({"id": "bench", "name": "Bench", "sms_from": "Bench"}),
            )
            assert answer.status_code == 201, answer.body
            creds = answer.json_body

            def headers() -> dict[str, str]:
                token = jwt.encode(
                    {"client_id": creds["client_id"], "iat": int(time.time())},
                    creds["client_secret"],
                    algorithm="HS256",
                )
                return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

            answer = client.http.put("/v1/case-types/melding", headers=headers(), body=json.dumps(CASE_TYPE))
            assert answer.status_code in (200, 201), answer.body

            db = bootstrap.aws_client("dynamodb")
            service_sqs: Counter[str] = Counter()
            _count_calls(bootstrap.aws_client("sqs"), service_sqs)
            kms: Counter[str] = Counter()
            _count_calls(bootstrap.aws_client("kms"), kms)
            poller = boto3.client("sqs")  # Lambda's SQS poller: its requests are billed too
            poller_sqs: Counter[str] = Counter()
            _count_calls(poller, poller_sqs)
            sender_seconds: list[float] = []

            def sender(evt: dict[str, Any], ctx: Any) -> Any:
                start = time.perf_counter()
                try:
                    return app_module.send_notifications(evt, ctx)
                finally:
                    sender_seconds.append(time.perf_counter() - start)

            worker = QueuePoller(poller, queue_url, sender, s.region, 1)

            def drain() -> int:
                done = 0
                while True:
                    n = worker.poll_once()
                    if n == 0 and not _visible(poller, queue_url):
                        return done
                    done += n

            def post(run: str, i: int, status: str) -> float:
                body = json.dumps(event(run, i, status, with_subscriber=status == STATUSES[0]))
                hdrs = headers()
                start = time.perf_counter()
                answer = client.http.post("/v1/events", headers=hdrs, body=body)
                elapsed = time.perf_counter() - start
                assert answer.status_code == 202, answer.body
                return elapsed

            # -- 1. latency: the ingest handler beside a bare put_item of the same event item --
            event_items: list[dict[str, Any]] = []

            def capture(params: dict[str, Any], **_: Any) -> None:
                item = json.loads(params["body"])["Item"]
                if item.get("sk", {}).get("S", "").startswith("EVENT#"):
                    event_items.append(item)

            db.meta.events.register("before-call.dynamodb.PutItem", capture)
            handler_s: list[float] = []
            for status in STATUSES:
                handler_s += [post("lat", i, status) for i in range(latency_cases)]
                drain()
            db.meta.events.unregister("before-call.dynamodb.PutItem", capture)
            bare_s = []
            for n, item in enumerate(event_items):
                item = dict(item, pk={"S": f"BARE#{n}"})
                start = time.perf_counter()
                db.put_item(TableName=s.table_name, Item=item)
                bare_s.append(time.perf_counter() - start)

            # -- 2. units, SQS requests and handler durations, over cases x 5 events ------------
            meter_reader = boto3.client("dynamodb")  # the meter's own reads of item sizes
            meter = CapacityMeter(db, meter_reader)
            for c in (service_sqs, poller_sqs, kms):
                c.clear()
            sender_seconds.clear()
            rounds: dict[str, dict[str, Any]] = {}
            api_seconds: list[float] = []
            delivered = 0
            for status in STATUSES:
                meter.reset()
                api_seconds += [post("units", i, status) for i in range(cases)]
                kind = _kind(status)
                _add(rounds, kind, meter, cases)
                meter.reset()
                n = drain()
                if status in NOTIFYING:
                    delivered += n
                    _add(rounds, "delivery", meter, n)

            # -- 3. AWS requests of one warm notified event, end to end (the function's own) ----
            requests = _requests_of_a_warm_notified_event(post, drain, ignore=(poller, meter_reader))

    standin.stop()
    per = {
        k: {
            "events": v["n"],
            "write_units": v["w"] / v["n"],
            "report_write_units": v["rw"] / v["n"],
            "read_units": v["r"] / v["n"],
            "dynamodb_calls": {c: round(x / v["n"], 3) for c, x in sorted(v["calls"].items())},
        }
        for k, v in rounds.items()
    }
    events = cases * len(STATUSES)
    non_notifying = per["first"]["events"] + per["later"]["events"]
    return {
        "events": events,
        "notifications_delivered": delivered,
        "units": per,
        "write_units_per_non_notifying_event": (rounds["first"]["w"] + rounds["later"]["w"]) / non_notifying,
        "write_units_per_notifying_event_end_to_end": (
            rounds["notifying"]["w"] + rounds["final"]["w"] + rounds["delivery"]["w"]
        )
        / (rounds["notifying"]["n"] + rounds["final"]["n"]),
        "write_units_per_notifying_event_end_to_end_not_final": rounds["notifying"]["w"] / rounds["notifying"]["n"]
        + rounds["delivery"]["w"] / rounds["delivery"]["n"],
        "write_units_per_event_mix": sum(v["w"] for v in rounds.values()) / events,
        # Of the units above, management information's counters and due items (report_hooks).
        "report_write_units_per_non_notifying_event": (rounds["first"]["rw"] + rounds["later"]["rw"]) / non_notifying,
        "report_write_units_per_notifying_event_end_to_end": (
            rounds["notifying"]["rw"] + rounds["final"]["rw"] + rounds["delivery"]["rw"]
        )
        / (rounds["notifying"]["n"] + rounds["final"]["n"]),
        "read_units_per_event_mix": sum(v["r"] for v in rounds.values()) / events,
        "sqs_requests": {"service": dict(service_sqs), "lambda_poller": dict(poller_sqs)},
        "requests_per_warm_notified_event": requests,
        "kms_requests": dict(kms),
        "sender_invocations": len(sender_seconds),
        "api_handler": summary_ms(api_seconds),
        "sender_invocation": summary_ms(sender_seconds),
        "latency": {
            "ingest_handler": summary_ms(handler_s),
            "bare_put_item": summary_ms(bare_s),
            "p50_ratio": round(_p50(handler_s) / _p50(bare_s), 2),
        },
    }


def _requests_of_a_warm_notified_event(post: Any, drain: Any, ignore: tuple[Any, ...]) -> dict[str, Any]:
    """Every AWS request the API and the sender make for one notifying event of a case whose
    first event came before (the queue's receive and delete are Lambda's poller's, and the
    meter's reads of item sizes are the bench's: neither is counted)."""
    import botocore.client

    counted: dict[str, Counter[str]] = {"ingest": Counter(), "delivery": Counter()}
    phase = counted["ingest"]
    make_call = botocore.client.BaseClient._make_api_call

    def counting(client: Any, operation: str, params: Any) -> Any:
        if not any(client is c for c in ignore):
            phase[f"{client.meta.service_model.service_name}.{operation}"] += 1
        return make_call(client, operation, params)

    post("req", 0, STATUSES[0])
    drain()
    botocore.client.BaseClient._make_api_call = counting  # type: ignore[method-assign]
    try:
        post("req", 0, sorted(NOTIFYING, key=STATUSES.index)[0])
        phase = counted["delivery"]
        drain()
    finally:
        botocore.client.BaseClient._make_api_call = make_call  # type: ignore[method-assign]
    per_phase = {k: sum(v.values()) for k, v in counted.items()}
    return {"total": sum(per_phase.values()), **per_phase, "by_operation": {k: dict(v) for k, v in counted.items()}}


def _kind(status: str) -> str:
    if status == STATUSES[0]:
        return "first"
    if status == STATUSES[-1]:
        return "final"  # notifying, and the case closes: its items get their expiry
    return "notifying" if status in NOTIFYING else "later"


def _p50(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def _visible(sqs: Any, queue_url: str) -> bool:
    attrs = sqs.get_queue_attributes(
        QueueUrl=queue_url, AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    )["Attributes"]
    return any(int(v) for v in attrs.values())


def _add(rounds: dict[str, dict[str, Any]], kind: str, meter: Any, n: int) -> None:
    r = rounds.setdefault(kind, {"n": 0, "w": 0, "rw": 0, "r": 0.0, "calls": Counter()})
    r["rw"] += meter.report_write_units
    r["n"] += n
    r["calls"].update(meter.calls)
    r["w"] += meter.total_writes
    r["r"] += meter.total_reads


if __name__ == "__main__":
    print(json.dumps(run(cases=40, latency_cases=20), indent=2))
