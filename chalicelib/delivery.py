"""Sending one notification: check it is still due, claim it, send it, record the outcome.

The claim is a conditional update (created/temporary-failure -> sending). Of any number of
copies of a queue message, or of replays of the event behind it, exactly one wins the claim;
the others find the notification claimed and send nothing.
"""

from __future__ import annotations

import logging

from chalicelib import dates
from chalicelib.channels import OutgoingMessage, PermanentError, RetryableError
from chalicelib.ingest import tracking_url
from chalicelib.models.domain import Case, CaseType, Event, Organisation, State, Subscriber, text_in
from chalicelib.render import PLACEHOLDER, email_parts, fill, sms_body
from chalicelib.wiring import Services

log = logging.getLogger(__name__)


class DeliveryDeferred(Exception):
    """The provider may take the message later: leave it on the queue for a retry."""


def deliver(svc: Services, message: dict[str, str]) -> str:
    """Process one queue message; returns an outcome word (for logs and tests, PII-free)."""
    org_id, case_id, key = message["org"], message["case"], message["event"]
    case = svc.store.load_case(org_id, case_id)
    event = case.event(key)
    if event is None or event.notification is None:
        return "unknown"
    if event.notification.state not in State.CLAIMABLE:
        return "already-" + event.notification.state

    def settle(state: str, **fields: str) -> str:
        svc.store.transition_notification(org_id, case_id, key, State.CLAIMABLE, state, **fields)
        return state

    org = svc.store.get_organisation(org_id)
    case_type = svc.store.get_case_type(org_id, event.case_type)
    if org is None or case_type is None:
        return settle(State.TECHNICAL_FAILURE, error="configuration-missing")
    current = case.current_public(case_type)
    if current is None or current.key != key:
        # A newer status arrived before this one went out: the citizen gets only the newest.
        return settle(State.SUPPRESSED, error="stale")
    subscriber = case.subscriber  # as it is now: a preference changed since ingest governs
    channel_name = subscriber.channel if subscriber else "none"
    if subscriber is None or channel_name not in svc.channel_factories or not subscriber.address:
        return settle(State.SUPPRESSED, error="no-channel", channel=channel_name)

    outgoing = compose(svc, org, case_type, case, event, subscriber)
    claimed = svc.store.transition_notification(
        org_id, case_id, key, State.CLAIMABLE, State.SENDING, count_attempt=True, channel=channel_name
    )
    if not claimed:
        return "claimed-elsewhere"
    try:
        provider_id = svc.channel(channel_name).send(outgoing)
    except RetryableError as exc:
        svc.store.transition_notification(
            org_id, case_id, key, (State.SENDING,), State.TEMPORARY_FAILURE, error=exc.kind
        )
        log.warning("notification %s deferred: %s", event.notification.id, exc.kind)
        raise DeliveryDeferred(exc.kind) from None
    except PermanentError as exc:
        svc.store.transition_notification(
            org_id, case_id, key, (State.SENDING,), State.PERMANENT_FAILURE, error=exc.kind
        )
        log.warning("notification %s failed permanently: %s", event.notification.id, exc.kind)
        return State.PERMANENT_FAILURE
    except Exception as exc:
        # Unclassified: the provider may or may not have taken the message, so never retry
        # blindly (a duplicate is worse than a visible failure).
        svc.store.transition_notification(
            org_id, case_id, key, (State.SENDING,), State.TECHNICAL_FAILURE, error=type(exc).__name__
        )
        log.error("notification %s: unexpected %s", event.notification.id, type(exc).__name__)
        return State.TECHNICAL_FAILURE
    svc.store.transition_notification(
        org_id, case_id, key, (State.SENDING,), State.SENT, provider_id=provider_id
    )
    log.info("notification %s sent via %s", event.notification.id, channel_name)
    return State.SENT


def placeholder_values(org: Organisation, case: Case, event: Event, url: str, language: str) -> dict[str, str]:
    return {
        "case.id": case.id,
        "case.description": case.description or "",
        "case.expected_end_date": dates.long_date(case.expected_end_date, language),
        "status.explanation": event.explanation or "",
        "organisation.name": org.name,
        "tracking_url": url,
    }


def compose(
    svc: Services, org: Organisation, case_type: CaseType, case: Case, event: Event, subscriber: Subscriber
) -> OutgoingMessage:
    language = subscriber.language
    url = tracking_url(svc, org.id, case.id)
    status = case_type.status(event.status)
    template = text_in(status.text, language) if status else ""
    text = fill(template, placeholder_values(org, case, event, url, language))
    reference = event.notification.id if event.notification else None
    if subscriber.channel == "sms":
        body = text if "tracking_url" in PLACEHOLDER.findall(template) else sms_body(text, url)
        return OutgoingMessage(to=subscriber.phone, body=body, sender=org.sms_from, reference=reference)
    subject, plain, html = email_parts(
        organisation=org.name,
        case_type=case_type.public_name_in(language),
        text=text,
        tracking_url=url,
        language=language,
    )
    return OutgoingMessage(
        to=subscriber.email, body=plain, sender=org.email_from, subject=subject, html=html, reference=reference
    )
