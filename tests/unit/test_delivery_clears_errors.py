"""A notification that went out keeps no stale error (one that fell back keeps why it did:
`test_delivery_retry.py::test_permanent_sms_failure_falls_back_to_email_once`)."""

from __future__ import annotations

import pytest

from chalicelib.domain.channels import RetryableError, UnconfirmedError
from chalicelib.domain.events import identity_key
from chalicelib.domain.messages import parse_job
from chalicelib.services import cases, delivery, receipts
from tests.builders import CASE_ID, accept, event_in, notification_of

pytestmark = pytest.mark.usefixtures("org")


def _accepted(deps):
    data = event_in()
    accept(deps, data)
    return identity_key(data), parse_job(deps.queue.messages.pop())


def test_a_send_that_succeeds_after_a_temporary_failure_clears_the_error(deps, sms):
    key, message = _accepted(deps)
    sms.errors.append(RetryableError("twilio-429"))
    with pytest.raises(delivery.DeliveryDeferred):
        delivery.deliver(deps, message)
    assert notification_of(deps, key).error == "twilio-429"

    assert delivery.deliver(deps, message) == "sent"
    n = notification_of(deps, key)
    assert (n.state, n.error, n.error_class) == ("sent", None, None)
    [view] = cases.view(deps, "hvc", CASE_ID).json_body()["notifications"]
    assert view["last_error"] is None and view["last_error_class"] is None


def test_a_delivery_receipt_for_an_unconfirmed_send_clears_the_error(deps, sms):
    key, message = _accepted(deps)
    sms.errors.append(UnconfirmedError("timeout"))
    with pytest.raises(delivery.DeliveryDeferred):
        delivery.deliver(deps, message)

    assert receipts.delivered(deps, message, "", "sms") == "delivered"
    n = notification_of(deps, key)
    assert (n.state, n.error, n.error_class) == ("delivered", None, None)
