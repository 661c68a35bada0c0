"""The ingest path of a status event costs 1 write unit, 2 on a case's first event (its
tracking token's lookup item); delivery 3 more: the claim, the recipient's daily-cap counter and
the outcome. Management information adds its counters (chalicelib/services/report_hooks.py): one
counter update per event that changes the case's status, the open case's due item when the case
opens or closes, and per sent SMS one update of its fragments."""

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
from chalicelib.domain.inbound import CaseTypeIn, EventIn, OrganisationIn, PartyIn
from chalicelib.domain.messages import parse_job
from chalicelib.services import case_types, delivery, ingest, organisations, parties
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


def test_first_event_costs_four_write_units_and_a_later_one_of_the_same_status_one(metered):
    svc, meter, _ = metered
    subscriber = {"channel": "sms", "phone": "0612345678", "email": "jan.jansen@example.nl"}

    ingest.accept(svc, "hvc", _event("ontvangen", 0, subscriber=subscriber))
    first = meter.total_writes
    meter.reset()
    ingest.accept(svc, "hvc", _event("ontvangen", 1))
    later = meter.total_writes

    # the event, the tracking token's lookup item, the report's counter and due item, the citizen's index entry
    assert first == 5
    assert later == 1  # the same status again changes no counter


def test_a_notifying_event_costs_six_write_units_end_to_end(metered):
    svc, meter, channel = metered
    subscriber = {"channel": "sms", "phone": "0612345678", "language": "nl"}
    ingest.accept(svc, "hvc", _event("ontvangen", 0, subscriber=subscriber))
    meter.reset()

    ingest.accept(svc, "hvc", _event("in_behandeling", 5))
    ingest_units = meter.total_writes
    [message] = svc.queue.messages
    assert delivery.deliver(svc, parse_job(message)) == "sent"

    assert len(channel.sent) == 1
    assert ingest_units == 2  # the event and the report's counter
    assert meter.total_writes == 6  # event, counter, claim, daily-cap counter, outcome, SMS fragments
    assert meter.calls["UpdateItem"] == 5 and meter.calls["PutItem"] == 1


def test_a_closing_event_costs_three_write_units(metered):
    svc, meter, _ = metered
    ingest.accept(svc, "hvc", _event("ontvangen", 0))
    meter.reset()

    ingest.accept(svc, "hvc", _event("afgehandeld", 9))

    assert meter.total_writes == 3  # the event, the report's counter, the open case's due item removed
    assert (meter.calls["PutItem"], meter.calls["UpdateItem"], meter.calls["DeleteItem"]) == (1, 1, 1)


def test_each_party_costs_its_token_item_once_and_four_units_per_sms(metered):
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

    # the event, per party (initiator, partner, advocaat) a token lookup item and an index entry, counter, due
    assert first == 9
    assert ingest_units == 2  # a later event is the event and its counter, however many parties it tells
    assert outcomes == ["sent", "sent", "sent"] and len(channel.sent) == 3
    assert meter.total_writes == 2 + 3 * 4  # per party: claim, daily-cap counter, outcome, SMS fragments


def test_the_citizen_index_costs_one_write_per_contact_set_changed_or_erased(metered):
    svc, meter, _ = metered
    ingest.accept(svc, "hvc", _event("ontvangen", 0))
    party = PartyIn.model_validate({"role": "interested", "channel": "email", "email": "buur@example.nl"})
    meter.reset()
    parties.put(svc, "hvc", "HVC-1", "buur", party)
    registered = meter.total_writes
    meter.reset()
    moved = party.model_copy(update={"email": "nieuw@example.nl"})
    parties.put(svc, "hvc", "HVC-1", "buur", moved)
    changed = meter.total_writes
    meter.reset()
    parties.put(svc, "hvc", "HVC-1", "buur", moved)
    same = meter.total_writes
    meter.reset()
    parties.erase(svc, "hvc", "HVC-1", "buur")
    erased = meter.total_writes

    assert registered == 3  # the party's change, its token lookup item, its index entry
    assert changed == 2  # the change and the new address's entry (the old one no longer matches the case)
    assert same == 1  # the same address again: the change only
    # the erasure as without the index (5 units, the token lookup's delete among them), and the
    # index entry's delete
    assert erased == 6 and meter.calls["DeleteItem"] == 2
