"""Sending one notification: check it is still due, claim it, send it, record the outcome.

The claim is a conditional update (created/temporary-failure -> sending). Of any number of
copies of a queue message, or of replays of the event behind it, exactly one wins the claim;
the others find the notification claimed and send nothing.

Outcomes (classes in `chalicelib.retry`):
- retryable: `temporary-failure`, and the message comes back after a jittered backoff; after
  MAX_ATTEMPTS tries `technical-failure`, the message goes to the dead-letter queue and a
  metric is emitted for the alarm;
- permanent: the other channel when the subscriber has one (once), else `permanent-failure`;
- unconfirmed (the provider may have the message): the notification stays `sending`; a receipt
  settles it, or, once the claim's lease has run out, `technical-failure` (never a resend);
- a notification found `sending` is such a case, or a sender that stopped after its claim:
  the same lease applies.
"""

from __future__ import annotations

import logging

from chalicelib import caps, clock, dates, metrics, quiet_hours, receipts, retry
from chalicelib.channels import OutgoingMessage, PermanentError, RetryableError, UnconfirmedError
from chalicelib.ingest import tracking_url
from chalicelib.models.domain import Case, CaseType, Event, Notification, Organisation, State, Subscriber, text_in
from chalicelib.render import email_parts, fill
from chalicelib.wiring import Services

log = logging.getLogger(__name__)
SENDABLE = ("sms", "email")


class DeliveryDeferred(Exception):
    """Not now: the message should come back after `seconds`."""

    def __init__(self, kind: str, seconds: int = 0) -> None:
        super().__init__(f"{kind} (again in {seconds}s)")
        self.kind = kind
        self.seconds = seconds


def deliver(svc: Services, message: dict[str, str]) -> str:
    """Process one queue message; returns an outcome word (for logs and tests, PII-free)."""
    org_id, case_id, key = message["org"], message["case"], message["event"]
    case = svc.store.load_case(org_id, case_id)
    event = case.event(key)
    if event is None or event.notification is None:
        return "unknown"
    n = event.notification
    if n.state == State.SENDING:
        return _settle_unconfirmed(svc, message, n)
    if n.state not in State.CLAIMABLE:
        return "already-" + n.state

    def settle(state: str, **fields: str) -> str:
        svc.store.transition_notification(org_id, case_id, key, State.CLAIMABLE, state, **fields)
        return state

    org = svc.store.get_organisation(org_id)
    case_type = svc.store.get_case_type(org_id, event.case_type)
    if org is None or case_type is None:
        return settle(State.TECHNICAL_FAILURE, error="configuration-missing", error_class=retry.TECHNICAL)
    current = case.current_public(case_type)
    if current is None or current.key != key:
        # A newer status arrived before this one went out: the citizen gets only the newest.
        return settle(State.SUPPRESSED, error="stale")
    subscriber = case.subscriber  # as it is now: a preference changed since ingest governs
    preferred = subscriber.channel if subscriber else "none"
    if preferred not in SENDABLE:  # portal/none now: the citizen wants no messages
        return settle(State.SUPPRESSED, error="no-channel", channel=preferred)
    channel = n.channel if n.fallback else preferred
    address = _address(subscriber, channel)
    if channel not in svc.channel_factories or not address:
        if n.fallback:
            return settle(State.PERMANENT_FAILURE, error="no-channel", error_class=retry.PERMANENT)
        return settle(State.SUPPRESSED, error="no-channel", channel=channel)
    recipient = caps.address_hash(svc.settings.token_key, address)
    if svc.store.address_suppressed(org_id, recipient):
        return fail_for_good(svc, message, n, subscriber, channel, "address-unusable", State.CLAIMABLE)
    now = clock.now()
    morning = quiet_hours.held_until(svc, org, channel, now)
    if morning is not None:
        svc.store.hold_for_morning(morning, org_id, case_id, key)
        return "held"

    outgoing = compose(svc, org, case_type, case, event, subscriber, channel)
    claimed = svc.store.transition_notification(
        org_id, case_id, key, State.CLAIMABLE, State.SENDING, count_attempt=True, channel=channel
    )
    if not claimed:
        return "claimed-elsewhere"
    attempt = n.attempts + 1
    # Counted once per channel (not per retry), after the claim so a lost claim counts nothing.
    if n.state == State.CREATED and not svc.store.count_recipient_message(
        org_id, recipient, caps.day_of(now), svc.settings.daily_cap
    ):
        return _record(svc, message, State.SUPPRESSED, error="daily-cap", error_class=retry.LIMIT)
    try:
        provider_id = svc.channel(channel).send(outgoing)
    except RetryableError as exc:
        if retry.gives_up(attempt):
            return _give_up(svc, message, exc.kind)
        _record(svc, message, State.TEMPORARY_FAILURE, error=exc.kind, error_class=retry.RETRYABLE)
        log.warning("notification %s deferred: %s (attempt %d)", n.id, exc.kind, attempt)
        raise DeliveryDeferred(exc.kind, retry.delay(attempt)) from None
    except PermanentError as exc:
        log.warning("notification %s failed permanently on %s: %s", n.id, channel, exc.kind)
        return fail_for_good(svc, message, n, subscriber, channel, exc.kind, (State.SENDING,))
    except UnconfirmedError as exc:
        # Stays `sending`: the provider's receipt tells what happened; else the lease runs out.
        _record(svc, message, State.SENDING, error=exc.kind, error_class=retry.UNCONFIRMED)
        log.warning("notification %s unconfirmed: %s", n.id, exc.kind)
        raise DeliveryDeferred(exc.kind, retry.LEASE_SECONDS) from None
    except Exception as exc:
        # Unclassified: the provider may or may not have taken the message, so never retry
        # blindly (a duplicate is worse than a visible failure).
        log.error("notification %s: unexpected %s", n.id, type(exc).__name__)
        return _record(svc, message, State.TECHNICAL_FAILURE, error=type(exc).__name__, error_class=retry.TECHNICAL)
    _record(svc, message, State.SENT, provider_id=provider_id)
    log.info("notification %s sent via %s", n.id, channel)
    return State.SENT


def _record(svc: Services, message: dict[str, str], state: str, **fields) -> str:
    svc.store.transition_notification(
        message["org"], message["case"], message["event"], (State.SENDING,), state, **fields
    )
    return state


def _address(subscriber: Subscriber | None, channel: str) -> str | None:
    if subscriber is None:
        return None
    return {"sms": subscriber.phone, "email": subscriber.email}.get(channel)


def _give_up(svc: Services, message: dict[str, str], kind: str) -> str:
    _record(svc, message, State.TECHNICAL_FAILURE, error=kind, error_class=retry.RETRYABLE)
    svc.queue.dead_letter(message)  # keys only: an operator can look and redrive
    metrics.count("NotificationsDeadLettered", reason="retry-horizon")
    log.error("notification gave up after %d attempts: %s", retry.MAX_ATTEMPTS, kind)
    return State.TECHNICAL_FAILURE


def _settle_unconfirmed(svc: Services, message: dict[str, str], n: Notification) -> str:
    """A notification found `sending`: a sender is at it, or stopped after its claim or with
    the provider's answer unknown. Wait out the lease; then record a technical failure."""
    age = (clock.now() - n.updated_at).total_seconds()
    if age < retry.LEASE_SECONDS:
        raise DeliveryDeferred("claimed", int(retry.LEASE_SECONDS - age) + 1)
    moved = _record(
        svc, message, State.TECHNICAL_FAILURE, error=n.error or "unconfirmed", error_class=retry.UNCONFIRMED
    )
    metrics.count("NotificationsUnconfirmed")
    return moved


def fail_for_good(
    svc: Services,
    message: dict[str, str],
    n: Notification,
    subscriber: Subscriber | None,
    channel: str,
    kind: str,
    from_states: tuple[str, ...],
    *,
    resend_now: bool = True,
) -> str:
    """`channel` will never work for this subscriber: try the other one once, if known."""
    other = "email" if channel == "sms" else "sms"
    can_fall_back = (
        not n.fallback
        and subscriber is not None
        and subscriber.channel in SENDABLE
        and other in svc.channel_factories
        and _address(subscriber, other)
        and not svc.store.address_suppressed(
            message["org"], caps.address_hash(svc.settings.token_key, _address(subscriber, other))
        )
    )
    if can_fall_back and svc.store.transition_notification(
        message["org"], message["case"], message["event"], from_states, State.CREATED,
        error=kind, error_class=retry.PERMANENT, channel=other, fallback=True,
    ):
        if not resend_now:
            from chalicelib.ingest import enqueue

            enqueue(svc, message["org"], message["case"], message["event"])
            return "fallback"
        return deliver(svc, message)
    if not svc.store.transition_notification(
        message["org"], message["case"], message["event"], from_states, State.PERMANENT_FAILURE,
        error=kind, error_class=retry.PERMANENT,
    ):
        return "claimed-elsewhere"  # another sender or receipt moved it first
    return State.PERMANENT_FAILURE


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
    svc: Services,
    org: Organisation,
    case_type: CaseType,
    case: Case,
    event: Event,
    subscriber: Subscriber,
    channel: str | None = None,
) -> OutgoingMessage:
    channel = channel or subscriber.channel
    language = subscriber.language
    url = tracking_url(svc, org.id, case.id)
    status = case_type.status(event.status)
    template = text_in(status.text, language) if status else ""
    text = fill(template, placeholder_values(org, case, event, url, language))
    reference = event.notification.id if event.notification else None
    if channel == "sms":
        body = caps.fit_sms(text, url, org.sms_fragments)
        return OutgoingMessage(
            to=subscriber.phone, body=body, sender=org.sms_from, reference=reference,
            receipt=receipts.status_callback_url(svc.settings.public_url, org.id, case.id, event.key),
        )
    subject, plain, html = email_parts(
        organisation=org.name,
        case_type=case_type.public_name_in(language),
        text=text,
        tracking_url=url,
        language=language,
    )
    return OutgoingMessage(
        to=subscriber.email, body=plain, sender=org.email_from, subject=subject, html=html,
        reference=reference, receipt=receipts.reference(org.id, case.id, event.key),
    )
