"""The ingest path of a status event costs at most 2 write units; delivery at most 3 more:
the claim, the recipient's daily-cap counter and the outcome (a budget of 4 per event)."""

from __future__ import annotations

import datetime as dt

import boto3
import pytest
from moto import mock_aws

from chalicelib import bootstrap
from chalicelib.adapters.memory_queue import ListQueue
from chalicelib.adapters.secretbox import FernetBox
from chalicelib.adapters.senders import LazySenders
from chalicelib.domain.channels import OutgoingMessage
from chalicelib.domain.inbound import CaseTypeIn, EventIn, OrganisationIn
from chalicelib.domain.messages import parse_job
from chalicelib.services import case_types, delivery, ingest, organisations
from local.capacity import CapacityMeter
from local.resources import create_table


class RecordingSender:
    def __init__(self) -> None:
        self.sent: list[OutgoingMessage] = []

    def send(self, message: OutgoingMessage) -> str:
        self.sent.append(message)
        return f"SM{len(self.sent):032x}"


@pytest.fixture
def metered():
    with mock_aws():
        create_table(boto3.client("dynamodb"), "zaakstatus")
        channel = RecordingSender()
        table = bootstrap.deps().cases.table  # type: ignore[attr-defined]  # the configured DynamoDB table
        svc = bootstrap.build(table, LazySenders({"sms": lambda: channel}), FernetBox("k"), queue=ListQueue())
        organisations.create(svc, OrganisationIn(id="hvc", name="HVC"))
        case_types.put(
            svc,
            "hvc",
            "klacht",
            CaseTypeIn.model_validate(
                {
                    "name": "Klacht",
                    "statuses": [
                        {"code": "ontvangen", "name": "Ontvangen", "text": {"nl": "Ontvangen."}},
                        {
                            "code": "in_behandeling",
                            "name": "In behandeling",
                            "notify": True,
                            "text": {"nl": "Uw klacht over ((case.description)) is in behandeling."},
                        },
                        {"code": "afgehandeld", "name": "Afgehandeld", "notify": True, "text": {"nl": "Klaar."}},
                    ],
                }
            ),
        )
        meter = CapacityMeter(bootstrap.aws_client("dynamodb"), boto3.client("dynamodb"))
        yield svc, meter, channel


def _event(status: str, minute: int, **extra) -> EventIn:
    return EventIn.model_validate(
        {
            "event_id": f"e-{status}-{minute}",
            "case": {
                "id": "HVC-1",
                "case_type": "klacht",
                "description": "container niet geleegd " * 4,
                "expected_end_date": "2026-12-12",
            },
            "status": status,
            "occurred_at": dt.datetime(2026, 11, 28, 10, minute, tzinfo=dt.UTC).isoformat(),
            "explanation": "Een toelichting van redelijke lengte voor de burger. " * 3,
            **extra,
        }
    )


def test_first_event_costs_two_write_units_and_later_events_one(metered):
    svc, meter, _ = metered
    subscriber = {"channel": "sms", "phone": "0612345678", "email": "jan.jansen@example.nl"}

    ingest.accept(svc, "hvc", _event("ontvangen", 0, subscriber=subscriber))
    first = meter.total_writes
    meter.reset()
    ingest.accept(svc, "hvc", _event("ontvangen", 1))
    later = meter.total_writes

    assert first == 2  # the event and the tracking token's lookup item
    assert later == 1


def test_a_notifying_event_costs_at_most_four_write_units_end_to_end(metered):
    svc, meter, channel = metered
    subscriber = {"channel": "sms", "phone": "0612345678", "language": "nl"}
    ingest.accept(svc, "hvc", _event("ontvangen", 0, subscriber=subscriber))
    meter.reset()

    ingest.accept(svc, "hvc", _event("in_behandeling", 5))
    ingest_units = meter.total_writes
    [message] = svc.queue.messages
    assert delivery.deliver(svc, parse_job(message)) == "sent"

    assert len(channel.sent) == 1
    assert ingest_units == 1
    assert meter.total_writes == 4  # event, claim, daily-cap counter, outcome
    assert meter.calls["UpdateItem"] == 3 and meter.calls["PutItem"] == 1


def test_each_party_costs_its_token_item_once_and_three_units_per_message(metered):
    svc, meter, channel = metered
    parties = [
        {"party_id": "partner", "role": "co_initiator", "channel": "sms", "phone": "0611111111"},
        {"party_id": "advocaat", "role": "representative", "channel": "sms", "phone": "0622222222"},
    ]
    subscriber = {"channel": "sms", "phone": "0612345678"}
    ingest.accept(svc, "hvc", _event("ontvangen", 0, subscriber=subscriber, parties=parties))
    first = meter.total_writes
    meter.reset()

    ingest.accept(svc, "hvc", _event("in_behandeling", 5))
    ingest_units = meter.total_writes
    outcomes = [delivery.deliver(svc, parse_job(m)) for m in svc.queue.messages]

    assert first == 4  # the event and one token lookup item per party (initiator, partner, advocaat)
    assert ingest_units == 1  # a later event is one write, however many parties it tells
    assert outcomes == ["sent", "sent", "sent"] and len(channel.sent) == 3
    assert meter.total_writes == 1 + 3 * 3  # per party: claim, daily-cap counter, outcome
