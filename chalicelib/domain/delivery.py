"""Whether, where and when one notification goes out: a decision on facts read beforehand.

`decide` looks at the notification, the case as it is now, its organisation and case type, the
channels a provider is wired for, whether the target address is known to be unusable, and the
clock. It answers one of the decisions below; `services/delivery.py` carries it out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from chalicelib.domain import retry
from chalicelib.domain.actions import is_reminder, still_news
from chalicelib.domain.channels import CHANNELS, NO_MESSAGES
from chalicelib.domain.confidentiality import CONFIDENTIAL, unpublished
from chalicelib.domain.messages import NotificationRef
from chalicelib.domain.models import Case, CaseType, Notification, Organisation, State, Subscriber
from chalicelib.domain.quiet_hours import Window, morning_after
from chalicelib.domain.schedule import still_moved


@dataclass(frozen=True)
class Facts:
    ref: NotificationRef
    case: Case
    organisation: Organisation | None
    case_type: CaseType | None
    senders: Collection[str]  # the channels a provider is wired for
    address_unusable: bool  # the target address bounced hard or complained before
    quiet_hours: Window | None
    now: dt.datetime

    @property
    def notification(self) -> Notification | None:
        event = self.case.event(self.ref.event_key)
        return event.notifications.get(self.ref.party_id) if event else None

    @property
    def subscriber(self) -> Subscriber | None:
        """The party's preference as it is now: a change since ingest governs."""
        party = self.case.party(self.ref.party)
        return party.subscriber if party else None

    @property
    def status_current(self) -> bool:
        """The event is the newest status its party reads (an organisation party reads every status)."""
        party = self.case.party(self.ref.party)
        if party is not None and party.is_organisation:
            current = self.case.current
        else:
            current = self.case.current_public(self.case_type) if self.case_type else None
        return current is not None and current.key == self.ref.event_key


@dataclass(frozen=True)
class Done:
    """Nothing to do: the notification is unknown, or past the point of sending."""

    outcome: str


@dataclass(frozen=True)
class Wait:
    """A sender holds the claim: come back once its lease has run out."""

    kind: str
    seconds: int


@dataclass(frozen=True)
class Expire:
    """The claim's lease ran out with no outcome: the provider may have the message."""

    error: str


@dataclass(frozen=True)
class Suppress:
    error: str
    channel: str | None = None


@dataclass(frozen=True)
class Fail:
    state: str
    error: str
    error_class: str


@dataclass(frozen=True)
class FallBack:
    """The channel will never work for this subscriber: the other one, once."""

    channel: str
    address: str
    error: str


@dataclass(frozen=True)
class Hold:
    morning: str  # the date whose morning the message waits for


@dataclass(frozen=True)
class Send:
    channel: str
    address: str


Decision = Done | Wait | Expire | Suppress | Fail | FallBack | Hold | Send


def target(n: Notification, subscriber: Subscriber | None, senders: Collection[str]) -> tuple[str, str] | None:
    """The channel and address the notification would go to now; None when there is none."""
    if subscriber is None or CHANNELS.get(subscriber.channel) is None:
        return None
    channel = n.channel if n.fallback else subscriber.channel
    spec = CHANNELS.get(channel)
    address = subscriber.contact(spec.contact.name) if spec else None
    return (channel, address) if channel in senders and address else None


def decide(facts: Facts) -> Decision:
    n = facts.notification
    if n is None:
        return Done("unknown")
    if n.state == State.SENDING:
        return _lease(n, facts.now)
    if n.state not in State.CLAIMABLE:
        return Done("already-" + n.state)
    if facts.organisation is None or facts.case_type is None:
        return Fail(State.TECHNICAL_FAILURE, "configuration-missing", retry.TECHNICAL)
    if unpublished(facts.case.confidentiality, facts.case_type.confidentiality):
        return Suppress(CONFIDENTIAL)  # no page and no message for a case this confidential
    if is_reminder(facts.ref) and not still_news(facts.case, facts.case_type, facts.ref, facts.status_current):
        return Suppress("stale")  # a reminder of an action since cleared, replaced or closed: nothing else
    if not (
        still_news(facts.case, facts.case_type, facts.ref, facts.status_current)
        or still_moved(facts.case, facts.case_type, facts.ref.event_key)  # a date it moved still stands
    ):
        return Suppress("stale")  # a newer status arrived first: the citizen hears only the newest
    subscriber = facts.subscriber
    preferred = subscriber.channel if subscriber else NO_MESSAGES
    if subscriber is None or CHANNELS.get(preferred) is None:
        return Suppress("no-channel", channel=preferred)  # website only, or nothing: no message
    aim = target(n, subscriber, facts.senders)
    if aim is None:
        if n.fallback:
            return Fail(State.PERMANENT_FAILURE, "no-channel", retry.PERMANENT)
        return Suppress("no-channel", channel=preferred)
    channel, address = aim
    if facts.address_unusable:
        return fall_back_or_fail(n, subscriber, channel, "address-unusable", facts.senders)
    spec = CHANNELS.get(channel)
    if spec is not None and spec.quiet_hours and facts.organisation.quiet_hours:
        morning = morning_after(facts.quiet_hours, facts.now)
        if morning is not None:
            return Hold(morning)
    return Send(channel, address)


def fall_back_or_fail(
    n: Notification, subscriber: Subscriber | None, channel: str, kind: str, senders: Collection[str]
) -> FallBack | Fail:
    """`channel` will never work for this subscriber: its fallback channel once, if the
    subscriber has an address there and still wants messages."""
    spec = CHANNELS.get(channel)
    other = CHANNELS.get(spec.fallback if spec else None)
    if not n.fallback and subscriber is not None and CHANNELS.get(subscriber.channel) is not None and other:
        address = subscriber.contact(other.contact.name)
        if address and other.name in senders:
            return FallBack(other.name, address, kind)
    return Fail(State.PERMANENT_FAILURE, kind, retry.PERMANENT)


def _lease(n: Notification, now: dt.datetime) -> Wait | Expire:
    """A notification found `sending`: a sender is at it, or stopped after its claim or with the
    provider's answer unknown. Wait out the lease; then it is a technical failure, never a resend."""
    age = (now - n.updated_at).total_seconds()
    if age < retry.LEASE_SECONDS:
        return Wait("claimed", int(retry.LEASE_SECONDS - age) + 1)
    return Expire(n.error or "unconfirmed")
