"""How a case reads: to its organisation (everything, contact data masked) and to the citizen
(public statuses only, in their language, with what comes next)."""

from __future__ import annotations

import datetime as dt

from chalicelib.domain import dates, retry
from chalicelib.domain.answers import (
    CaseView,
    CurrentStatusOut,
    HistoryEntryOut,
    MaskedSubscriber,
    NotificationOut,
    OrganisationName,
    PreferenceChangeOut,
    TrackedCase,
    TrackedHistoryEntry,
    TrackedStatus,
    TrackingView,
)
from chalicelib.domain.channels import NO_MESSAGES
from chalicelib.domain.masking import mask_email, mask_phone
from chalicelib.domain.models import Case, CaseType, Event, Notification, Organisation, State, Subscriber, text_in
from chalicelib.domain.rendering import fill, placeholder_values
from chalicelib.domain.retention import expiry_of


def masked(subscriber: Subscriber) -> MaskedSubscriber:
    return MaskedSubscriber(
        channel=subscriber.channel,
        language=subscriber.language,
        phone=mask_phone(subscriber.phone),
        email=mask_email(subscriber.email),
    )


def delivery_note(n: Notification) -> str | None:
    """A sentence for the organisation when the citizen was not (or maybe not) reached."""
    if n.state == State.PERMANENT_FAILURE:
        return "No usable channel left: the citizen sees this status on the website only."
    if n.state == State.TECHNICAL_FAILURE and n.error_class == retry.UNCONFIRMED:
        return "The provider did not confirm this message; it may have arrived. It is not resent."
    if n.state == State.TECHNICAL_FAILURE:
        return "Not sent because of a fault on our side or the provider's; the status is on the website."
    if n.state == State.SUPPRESSED and n.error == "daily-cap":
        return "Not sent: the recipient's daily message limit was reached; the status is on the website."
    return None


def notification_out(event: Event, n: Notification) -> NotificationOut:
    return NotificationOut(
        id=n.id,
        status=event.status,
        channel=n.channel,
        state=n.state,
        attempts=n.attempts,
        last_error=n.error,
        updated_at=n.updated_at.isoformat(),
        last_error_class=n.error_class,
        final=n.state in State.FINAL,
        fallback=n.fallback,
        note=delivery_note(n),
    )


def case_view(case: Case, case_type: CaseType | None, url: str) -> CaseView:
    """The organisation's view. `case` must exist."""
    names = {s.code: s.name for s in case_type.statuses} if case_type else {}
    current = case.current
    assert current is not None  # the caller found the case
    return CaseView(
        id=case.id,
        case_type=case.case_type,
        description=case.description,
        current_status=CurrentStatusOut(
            code=current.status, name=names.get(current.status, current.status), since=current.occurred_at.isoformat()
        ),
        closed=bool(case_type and case_type.is_final(current.status)),
        history=[
            HistoryEntryOut(
                status=e.status,
                name=names.get(e.status, e.status),
                occurred_at=e.occurred_at.isoformat(),
                explanation=e.explanation,
            )
            for e in case.history
        ],
        expected_end_date=case.expected_end_date.isoformat() if case.expected_end_date else None,
        subscriber=masked(case.subscriber) if case.subscriber else None,
        preference_changes=[
            PreferenceChangeOut(at=c.at.isoformat(), origin=c.origin, **masked(c.subscriber).model_dump())
            for c in case.preference_trail
        ],
        notifications=[notification_out(e, e.notification) for e in case.history if e.notification is not None],
        tracking_url=url,
    )


def visible_until(case: Case, case_type: CaseType) -> dt.date | None:
    """The day a closed case's retention ends (closing moment + `retention_days`, as the TTL)."""
    expires = expiry_of(case, case_type)
    return dates.local_time(dt.datetime.fromtimestamp(expires, dt.UTC)).date() if expires else None


def expected_end(case: Case, case_type: CaseType) -> dt.date | None:
    """The organisation's date when it gave one; else the case's start plus the service norm."""
    if case.expected_end_date:
        return case.expected_end_date
    if case_type.service_norm_days is None or not case.history:
        return None
    start = dates.local_time(case.history[0].occurred_at).date()
    return start + dt.timedelta(days=case_type.service_norm_days)


def tracking_view(org: Organisation, case: Case, case_type: CaseType, url: str, language: str) -> TrackingView:
    """The citizen's view of a case that has at least one public status."""
    public = case.public_history(case_type)

    def text(event: Event) -> str:
        status = case_type.status(event.status)
        template = text_in(status.text, language) if status else ""
        return fill(template, placeholder_values(org, case, event, url, language))

    current = public[-1]
    closed_on = dates.local_time(current.occurred_at).date() if case_type.is_final(current.status) else None
    until, expected = visible_until(case, case_type), expected_end(case, case_type)
    subscriber = case.subscriber
    return TrackingView(
        language=language,
        organisation=OrganisationName(name=org.name),
        case=TrackedCase(id=case.id, description=case.description, case_type=case_type.public_name_in(language)),
        current_status=TrackedStatus(text=text(current), since=current.occurred_at.isoformat()),
        history=[
            TrackedHistoryEntry(text=text(e), at=e.occurred_at.isoformat(), explanation=e.explanation) for e in public
        ],
        expected_end_date=expected.isoformat() if expected else None,
        closed=closed_on is not None,
        closed_on=closed_on.isoformat() if closed_on else None,
        visible_until=until.isoformat() if until else None,
        preferences=masked(subscriber)
        if subscriber
        else MaskedSubscriber(channel=NO_MESSAGES, language=language, phone=None, email=None),
    )
