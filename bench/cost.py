"""Modelled AWS cost per million events, from the requests counted in-process and published prices.

Prices: eu-west-1 (Ireland), USD, list prices without free tiers, as published on
aws.amazon.com/<service>/pricing and read on 2026-11-28. DynamoDB on-demand prices are the ones
after AWS halved on-demand throughput prices on 1 November 2024 (before: $1.4135 per million
write and $0.283 per million read request units in eu-west-1); the older figures are kept to
show the total under them too. Channel fees (Twilio per SMS, SES per e-mail) are apart.
"""

from __future__ import annotations

from typing import Any

PRICES = {
    "lambda_request": 0.20 / 1e6,  # per invocation
    "lambda_gb_second": 0.0000166667,  # x86
    "dynamodb_write_unit": 0.7068 / 1e6,  # on-demand, per write request unit
    "dynamodb_read_unit": 0.1415 / 1e6,  # on-demand, per read request unit
    "sqs_request": 0.40 / 1e6,  # standard queue, per 64 KB chunk
    "kms_request": 0.03 / 1e4,  # symmetric Encrypt/Decrypt
    "api_gateway_rest_request": 3.50 / 1e6,  # REST API, first 333 million a month
    "ses_email": 0.10 / 1e3,  # channel fee: shown, not in the total
}
OLD_DYNAMODB = {"dynamodb_write_unit": 1.4135 / 1e6, "dynamodb_read_unit": 0.283 / 1e6}
MEMORY_GB = 0.5  # lambda_memory_size in .chalice/config.json (prod)
# Lambda gives a function CPU in proportion to its memory: one vCPU at 1,769 MB. CPU-bound work
# at 512 MB takes 1769/512 times its CPU seconds.
CPU_STRETCH = 1769 / 512
# Time spent waiting, billed as duration: an in-region DynamoDB/SQS/KMS round trip (about 6 ms,
# an assumption), and the SMS provider's answer (Twilio's Messages API, about 0.2 s from
# eu-west-1, an assumption; the stand-in answers in about a millisecond).
AWS_REQUEST_SECONDS = 0.006
PROVIDER_SECONDS_PER_MESSAGE = 0.2


def model(inproc: dict[str, Any], end_to_end: dict[str, Any]) -> dict[str, Any]:
    """Lambda duration is modelled, not taken from moto: CPU (measured) + waiting (counted)."""
    events = inproc["events"]
    delivered = inproc["notifications_delivered"]
    # CPU of the service's own process per event in the local run at concurrency 1 (API and
    # sender work; it also holds the local HTTP server and the Twilio stand-in, so it is high).
    cpu_per_event = end_to_end["runs"][0]["cpu_s_service_per_1000_events"] / 1000
    dynamodb_calls = sum(sum(k["dynamodb_calls"].values()) * k["events"] for k in inproc["units"].values())
    service_sqs = sum(inproc["sqs_requests"]["service"].values())
    poller_sqs = sum(inproc["sqs_requests"]["lambda_poller"].values())
    kms = sum(inproc.get("kms_requests", {}).values())
    aws_requests_per_event = (dynamodb_calls + service_sqs + kms) / events
    seconds_per_event = (
        cpu_per_event * CPU_STRETCH
        + aws_requests_per_event * AWS_REQUEST_SECONDS
        + delivered / events * PROVIDER_SECONDS_PER_MESSAGE
    )
    per_event = {
        "lambda_request": 1 + inproc["sender_invocations"] / events,
        "lambda_gb_second": MEMORY_GB * seconds_per_event,
        "dynamodb_write_unit": inproc["write_units_per_event_mix"],
        "dynamodb_read_unit": inproc["read_units_per_event_mix"],
        "sqs_request": (service_sqs + poller_sqs) / events,
        "kms_request": kms / events,
        "api_gateway_rest_request": 1.0,
    }
    lines = {k: round(q * PRICES[k] * 1e6, 4) for k, q in per_event.items()}
    scope = ("lambda_request", "lambda_gb_second", "dynamodb_write_unit", "dynamodb_read_unit", "sqs_request")
    issue_scope = round(sum(lines[k] for k in scope), 2)
    old = dict(lines)
    for k, price in OLD_DYNAMODB.items():
        old[k] = per_event[k] * price * 1e6
    return {
        "prices_usd": PRICES,
        "assumptions": {
            "mix": f"{events} events: each case 5 statuses, 2 of them notifying (SMS)",
            "lambda_memory_gb": MEMORY_GB,
            "lambda_seconds_per_event": round(seconds_per_event, 4),
            "service_cpu_seconds_per_event": cpu_per_event,
            "cpu_stretch_at_512_mb": round(CPU_STRETCH, 2),
            "aws_requests_per_event": round(aws_requests_per_event, 2),
            "aws_request_seconds": AWS_REQUEST_SECONDS,
            "provider_seconds_per_message": PROVIDER_SECONDS_PER_MESSAGE,
        },
        "quantity_per_event": {k: round(v, 4) for k, v in per_event.items()},
        "usd_per_million_events": lines,
        "usd_per_million_events_issue_scope": issue_scope,  # Lambda, DynamoDB, SQS
        "usd_per_million_events_with_kms": round(issue_scope + lines["kms_request"], 2),
        "usd_per_million_events_all_listed": round(sum(lines.values()), 2),
        "usd_per_million_events_issue_scope_old_dynamodb_prices": round(sum(old[k] for k in scope), 2),
        "ses_usd_per_million_emails": PRICES["ses_email"] * 1e6,
    }
