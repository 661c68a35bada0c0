"""Sending one notification: read the facts, let `domain.delivery.decide` choose, carry it out.

The claim is a conditional update (created/temporary-failure -> sending). Of any number of
copies of a queue message, or of replays of the event behind it, exactly one wins the claim;
the others find the notification claimed and send nothing.

Outcomes of a send (classes in `chalicelib.domain.retry`):
- retryable: `temporary-failure`, and the message comes back after a jittered backoff; after
  MAX_ATTEMPTS tries `technical-failure`, the message goes to the dead-letter queue and a
  metric is emitted for the alarm;
- permanent: the fallback channel when the subscriber has one (once, enqueued as a new
  delivery), else `permanent-failure`;
- unconfirmed (the provider may have the message): the notification stays `sending`; a receipt
  settles it, or, once the claim's lease has run out, `technical-failure` (never a resend).
"""

from __future__ import annotations

import logging

from chalicelib.domain import clock, links, privacy, retry
from chalicelib.domain.channels import CHANNELS, Draft, PermanentError, RetryableError, UnconfirmedError
from chalicelib.domain.dates import dutch_day
from chalicelib.domain.delivery import (
    Decision,
    Done,
    Expire,
    Facts,
    Fail,
    FallBack,
    Hold,
    Send,
    Suppress,
    Wait,
    decide,
    fall_back_or_fail,
    target,
)
from chalicelib.domain.message_text import message_text
from chalicelib.domain.messages import NotificationRef
from chalicelib.domain.models import Notification, NotificationChange, State, Subscriber
from chalicelib.domain.quiet_hours import window
from chalicelib.domain.test_mode import is_test
from chalicelib.ports import Sender
from chalicelib.services import report_hooks, test_mode
from chalicelib.services.deps import Deps

log = logging.getLogger(__name__)
AFTER_CLAIM = (State.SENDING,)


class DeliveryDeferred(Exception):
    """Not now: the queue message should come back after `seconds`."""

    def __init__(self, kind: str, seconds: int = 0) -> None:
        super().__init__(f"{kind} (again in {seconds}s)")
        self.kind = kind
        self.seconds = seconds


def deliver(deps: Deps, ref: NotificationRef) -> str:
    """Process one queue message; returns an outcome word (for logs and tests, PII-free)."""
    facts = gather(deps, ref)
    decision = decide(facts)
    return report_hooks.delivery_done(deps, facts, decision, carry_out(deps, facts, decision))


def gather(deps: Deps, ref: NotificationRef) -> Facts:
    if ref.config_version is not None and deps.config_scope is not None:
        deps.config_scope.hint(ref.org_id, ref.config_version)  # spares reading the version again
    case = deps.cases.load_case(ref.org_id, ref.case_id)
    event = case.event(ref.event_key)
    org = case_type = None
    unusable = False
    senders = deps.senders.names()
    mine = event.notifications.get(ref.party_id) if event else None
    if event is not None and mine is not None and mine.state in State.CLAIMABLE:
        org = deps.organisations.get_organisation(ref.org_id)
        case_type = deps.case_types.get_case_type(ref.org_id, event.case_type)
        party = case.party(ref.party)
        n = event.notifications.get(ref.party_id)
        aim = target(n, party.subscriber, senders) if n and party else None
        unusable = aim is not None and _unusable(deps, ref.org_id, *aim)
    return Facts(ref, case, org, case_type, senders, unusable, window(deps.settings.quiet_hours), clock.now())


def carry_out(deps: Deps, facts: Facts, decision: Decision) -> str:
    ref = facts.ref
    match decision:
        case Done(outcome):
            return outcome
        case Wait(kind, seconds):
            raise DeliveryDeferred(kind, seconds)
        case Expire(error):
            record(deps, ref, NotificationChange(State.TECHNICAL_FAILURE, error=error, error_class=retry.UNCONFIRMED))
            deps.metrics.count("NotificationsUnconfirmed")
            return State.TECHNICAL_FAILURE
        case Suppress(error, channel):
            deps.ledger.transition(
                ref, State.CLAIMABLE, NotificationChange(State.SUPPRESSED, error=error, channel=channel)
            )
            return State.SUPPRESSED
        case Fail(state, error, error_class):
            deps.ledger.transition(
                ref, State.CLAIMABLE, NotificationChange(state, error=error, error_class=error_class)
            )
            return state
        case FallBack():
            return fall_back(deps, ref, decision, State.CLAIMABLE)
        case Hold(morning):
            deps.ledger.hold_for_morning(morning, ref)
            return "held"
        case Send(channel, address):
            return send(deps, facts, channel, address)
    raise AssertionError(f"no way to carry out {decision!r}")


def send(deps: Deps, facts: Facts, channel: str, address: str) -> str:
    ref, n = facts.ref, facts.notification
    spec = CHANNELS.get(channel)
    assert n is not None and spec is not None  # decide() only sends a known notification on a known channel
    outgoing = spec.compose(draft(deps, facts, address))
    claim = NotificationChange(State.SENDING, count_attempt=True, channel=channel)
    if not deps.ledger.transition(ref, State.CLAIMABLE, claim):
        return "claimed-elsewhere"
    try:
        sender = _within_cap(deps, facts, channel, address)
    except Exception:
        # Nothing reached the provider (a throttled write, say): give the claim back, so the
        # redelivered message sends instead of waiting out the lease to a technical failure.
        deps.ledger.transition(ref, AFTER_CLAIM, NotificationChange(n.state))
        raise
    if sender is None:
        return record(deps, ref, NotificationChange(State.SUPPRESSED, error="daily-cap", error_class=retry.LIMIT))
    try:
        provider_id = sender.send(outgoing)
    except Exception as exc:  # noqa: BLE001 - every failure is classified below
        return after_error(deps, facts, channel, exc, n.attempts + 1)
    # A simulated message gets no provider receipt: the simulator's delivery is its last word.
    sent = State.DELIVERED if is_test(ref.org_id) else State.SENT
    record(deps, ref, NotificationChange(sent, provider_id=provider_id, clears_error=not n.fallback))
    report_hooks.sent(deps, facts, channel, outgoing.body)
    log.info("notification %s sent via %s", n.id, channel)
    return sent


def _within_cap(deps: Deps, facts: Facts, channel: str, address: str) -> Sender | None:
    """The sender to use, or None when the recipient's daily cap is reached. Counted once per
    channel (not per retry), after the claim so a lost claim counts nothing."""
    ref, n = facts.ref, facts.notification
    assert n is not None
    recipient = privacy.address_hash(deps.settings.token_key, address)
    if n.state == State.CREATED and not deps.ledger.count_recipient_message(
        ref.org_id, recipient, dutch_day(facts.now), deps.settings.daily_cap
    ):
        return None
    event = facts.case.event(ref.event_key)
    status = event.status if event else None
    return test_mode.sender(deps, ref.org_id, channel, ref.case_id, status, n.attempts + 1)


def after_error(deps: Deps, facts: Facts, channel: str, exc: Exception, attempt: int) -> str:
    ref, n = facts.ref, facts.notification
    notification_id = n.id if n else "?"
    if isinstance(exc, RetryableError):
        if retry.gives_up(attempt):
            return give_up(deps, ref, exc.kind)
        record(deps, ref, NotificationChange(State.TEMPORARY_FAILURE, error=exc.kind, error_class=retry.RETRYABLE))
        log.warning("notification %s deferred: %s (attempt %d)", notification_id, exc.kind, attempt)
        raise DeliveryDeferred(exc.kind, retry.delay(attempt)) from None
    if isinstance(exc, PermanentError):
        log.warning("notification %s failed permanently on %s: %s", notification_id, channel, exc.kind)
        return after_permanent_failure(deps, ref, n, facts.subscriber, channel, exc.kind, AFTER_CLAIM)
    if isinstance(exc, UnconfirmedError):
        # Stays `sending`: the provider's receipt tells what happened; else the lease runs out.
        record(deps, ref, NotificationChange(State.SENDING, error=exc.kind, error_class=retry.UNCONFIRMED))
        log.warning("notification %s unconfirmed: %s", notification_id, exc.kind)
        raise DeliveryDeferred(exc.kind, retry.LEASE_SECONDS) from None
    # Unclassified: the provider may or may not have taken the message, so never retry
    # blindly (a duplicate is worse than a visible failure).
    log.error("notification %s: unexpected %s", notification_id, type(exc).__name__)
    change = NotificationChange(State.TECHNICAL_FAILURE, error=type(exc).__name__, error_class=retry.TECHNICAL)
    return record(deps, ref, change)


def after_permanent_failure(
    deps: Deps,
    ref: NotificationRef,
    n: Notification | None,
    subscriber: Subscriber | None,
    channel: str,
    kind: str,
    from_states: tuple[str, ...],
) -> str:
    """`channel` failed for good: the fallback channel once (see `domain.delivery`), else failed."""
    decision = fall_back_or_fail(n, subscriber, channel, kind, deps.senders.names()) if n else None
    if isinstance(decision, FallBack):
        return fall_back(deps, ref, decision, from_states)
    return fail(deps, ref, kind, from_states)


def fall_back(deps: Deps, ref: NotificationRef, decision: FallBack, from_states: tuple[str, ...]) -> str:
    """Hand the notification to its fallback channel: back to `created` on that channel, and a
    new queue message, so the next delivery is like any other (claimed, counted, sent once)."""
    if _unusable(deps, ref.org_id, decision.channel, decision.address):
        return fail(deps, ref, decision.error, from_states)
    change = NotificationChange(
        State.CREATED, error=decision.error, error_class=retry.PERMANENT, channel=decision.channel, fallback=True
    )
    if not deps.ledger.transition(ref, from_states, change):
        return "claimed-elsewhere"  # another sender or receipt moved it first
    deps.queue.send(ref.body())
    return "fallback"


def fail(deps: Deps, ref: NotificationRef, kind: str, from_states: tuple[str, ...]) -> str:
    change = NotificationChange(State.PERMANENT_FAILURE, error=kind, error_class=retry.PERMANENT)
    if not deps.ledger.transition(ref, from_states, change):
        return "claimed-elsewhere"  # another sender or receipt moved it first
    return State.PERMANENT_FAILURE


def give_up(deps: Deps, ref: NotificationRef, kind: str) -> str:
    record(deps, ref, NotificationChange(State.TECHNICAL_FAILURE, error=kind, error_class=retry.RETRYABLE))
    deps.queue.dead_letter(ref.body())  # keys only: an operator can look and redrive
    deps.metrics.count("NotificationsDeadLettered", reason="retry-horizon")
    log.error("notification gave up after %d attempts: %s", retry.MAX_ATTEMPTS, kind)
    return State.TECHNICAL_FAILURE


def record(deps: Deps, ref: NotificationRef, change: NotificationChange) -> str:
    """The outcome of a claimed send (only a notification still `sending` moves)."""
    deps.ledger.transition(ref, AFTER_CLAIM, change)
    return change.state


def draft(deps: Deps, facts: Facts, address: str) -> Draft:
    org, case_type, case = facts.organisation, facts.case_type, facts.case
    event = case.event(facts.ref.event_key)
    party = case.party(facts.ref.party)
    assert org is not None and case_type is not None and event is not None and party is not None
    language = party.subscriber.language
    s = deps.settings
    url = links.tracking_url(s.public_url, s.token_key, org.id, case.id, party.generation, party.party_id)
    text = message_text(org, case_type, case, event, party, facts.ref, url, facts.status_current)
    return Draft(
        organisation=org,
        case_type=case_type,
        event=event,
        case_id=case.id,
        to=address,
        text=text,
        language=language,
        tracking_url=url,
        public_url=deps.settings.public_url,
        party_id=facts.ref.party_id,  # the notification's slot: receipts find a reminder's own
    )


def _unusable(deps: Deps, org_id: str, channel: str, address: str) -> bool:
    spec = CHANNELS.get(channel)
    if spec is None or not spec.suppressible:
        return False  # nothing ever suppresses this channel's addresses: no read
    return deps.ledger.address_suppressed(org_id, privacy.address_hash(deps.settings.token_key, address))
