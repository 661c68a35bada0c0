"""The organisation's view of a case, and the subscriber it registers for it."""

from __future__ import annotations

import re

from chalicelib.domain import clock, links
from chalicelib.domain.answers import CaseView, MaskedSubscriber
from chalicelib.domain.channels import NO_MESSAGES
from chalicelib.domain.errors import NotFound
from chalicelib.domain.inbound import CASE_ID, SubscriberIn, subscriber_of
from chalicelib.domain.models import Case, Subscriber, SubscriberChange
from chalicelib.domain.retention import expiry_of
from chalicelib.domain.views import case_view, masked
from chalicelib.services.deps import Deps


def _load(deps: Deps, org_id: str, case_id: str) -> Case:
    # An id no event could have created is not looked up (nor echoed): a key of any length
    # from the URL would otherwise reach DynamoDB, whose key size limit makes it a 500.
    if not re.match(CASE_ID, case_id):
        raise NotFound("There is no such case.")
    case = deps.cases.load_case(org_id, case_id)
    if not case.exists:
        raise NotFound(f"There is no case '{case_id}'.")
    return case


def view(deps: Deps, org_id: str, case_id: str) -> CaseView:
    case = _load(deps, org_id, case_id)
    case_type = deps.case_types.get_case_type(org_id, case.case_type or "")
    url = links.tracking_url(deps.settings.public_url, deps.settings.token_key, org_id, case.id)
    return case_view(case, case_type, url)


def set_subscriber(deps: Deps, org_id: str, case_id: str, data: SubscriberIn) -> MaskedSubscriber:
    # No 404 for a case without events: a case system (ZGW) registers the preference when the
    # zaak is created, before its first status; that first event then uses it.
    if not re.match(CASE_ID, case_id):
        raise NotFound("There is no such case.")
    case = deps.cases.load_case(org_id, case_id)
    change = SubscriberChange(
        subscriber=subscriber_of(data), at=clock.now(), origin="organisation", expires_at=_expiry(deps, case)
    )
    deps.cases.add_subscriber_change(org_id, case_id, change)
    return masked(change.subscriber)


def _expiry(deps: Deps, case: Case) -> int | None:
    """A change to a closed case expires with the case (see chalicelib/domain/retention.py)."""
    return expiry_of(case, deps.case_types.get_case_type(case.org_id, case.case_type or ""))


def erase_subscriber(deps: Deps, org_id: str, case_id: str) -> None:
    """The right to erasure: every phone number and e-mail address of the case goes at once.

    What stays is the channel and language of each preference (no personal data) and, as the
    newest preference, channel 'none': nothing is sent for this case until a new subscriber is
    registered. A notification already queued finds no address when it is sent and is
    suppressed."""
    case = _load(deps, org_id, case_id)
    deps.cases.erase_contact_data(org_id, case_id)
    language = case.subscriber.language if case.subscriber else "nl"
    erased = SubscriberChange(
        subscriber=Subscriber(channel=NO_MESSAGES, language=language),
        at=clock.now(),
        origin="organisation",
        expires_at=_expiry(deps, case),
    )
    deps.cases.add_subscriber_change(org_id, case_id, erased)
