"""A delivery interrupted after its claim and before the provider (a throttled write, say): the
claim is given back, and the redelivered message sends, once."""

from __future__ import annotations

import dataclasses

import pytest

from chalicelib.adapters.ledger_store import LedgerStore
from chalicelib.domain.events import identity_key
from chalicelib.domain.messages import parse_job
from chalicelib.domain.models import State
from chalicelib.services import delivery
from tests.builders import accept, event_in, notification_of

pytestmark = pytest.mark.usefixtures("org")


class Busy(Exception):
    """What a throttled DynamoDB write raises once botocore has given up."""


class BusyCounter(LedgerStore):
    busy = 1

    def count_recipient_message(self, *args, **kwargs):
        if self.busy:
            self.busy -= 1
            raise Busy("ProvisionedThroughputExceededException")
        return super().count_recipient_message(*args, **kwargs)


def test_a_failure_between_claim_and_send_gives_the_claim_back_and_the_redelivery_sends_once(deps, sms):
    deps = dataclasses.replace(deps, ledger=BusyCounter(deps.cases.table))
    data = event_in()
    accept(deps, data)
    [message] = deps.queue.messages

    with pytest.raises(Busy):
        delivery.deliver(deps, parse_job(message))
    interrupted = notification_of(deps, identity_key(data))
    outcome = delivery.deliver(deps, parse_job(message))  # SQS brings the message back
    again = delivery.deliver(deps, parse_job(message))

    assert interrupted.state == State.CREATED  # not `sending`: no lease to wait out
    assert (outcome, again) == (State.SENT, "already-sent")
    assert len(sms.sent) == 1
    assert notification_of(deps, identity_key(data)).state == State.SENT
