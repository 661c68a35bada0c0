"""How a case reads: to its organisation (everything, contact data masked) and to the citizen
(public statuses only, in their language, with what comes next)."""

from __future__ import annotations

import datetime as dt

from chalicelib.domain import actions, dates, org_contact, progress, retry
from chalicelib.domain.answers import (
    CaseRefOut,
    CaseView,
    CurrentStatusOut,
    HistoryEntryOut,
    MaskedSubscriber,
    NotificationOut,
    OrganisationName,
    ParentOut,
    PartyOut,
    PreferenceChangeOut,
    ReaderOut,
    SubcaseOut,
    TrackedCase,
    TrackedHistoryEntry,
    TrackedStatus,
    TrackingView,
)
from chalicelib.domain.channels import NO_MESSAGES
from chalicelib.domain.masking import mask_email, mask_phone
from chalicelib.domain.messages import SLOT_SEPARATOR
from chalicelib.domain.models import Case, CaseType, Event, Notification, Organisation, State, Subscriber
from chalicelib.domain.parties import INITIATOR, Party
from chalicelib.domain.rendering import placeholder_values
from chalicelib.domain.retention import expiry_of
from chalicelib.domain.schedule import expected_end
from chalicelib.domain.sentences import status_text

__all__ = ["expected_end"]  # re-exported: where the page's expected end date was computed before


def masked(subscriber: Subscriber) -> MaskedSubscriber:
    return MaskedSubscriber(
        channel=subscriber.channel,
        language=subscriber.language,
        phone=mask_phone(subscriber.phone),
        email=mask_email(subscriber.email),
    )


def party_out(party: Party, url: str | None) -> PartyOut:
    return PartyOut(
        party_id=party.party_id,
        role=party.role,
        kind=party.kind,
        name=party.info.name,
        tracking_url=url,
        **masked(party.subscriber).model_dump(),
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


def notification_out(event: Event, n: Notification, party_id: str) -> NotificationOut:
    party, _, purpose = party_id.partition(SLOT_SEPARATOR)  # `<party>~reminder`: a reminder of an action
    return NotificationOut(
        party_id=party,
        reminder=purpose == actions.REMINDER,
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


def case_view(
    case: Case, case_type: CaseType | None, url: str | None, parties: list[PartyOut], contact: bool = True
) -> CaseView:
    """The organisation's view; `contact` False leaves every party's contact data out (a case
    shared with another organisation)."""
    names = {s.code: s.name for s in case_type.statuses} if case_type else {}
    current = case.current
    current_out = None
    if current is not None:
        name = names.get(current.status, current.status)
        current_out = CurrentStatusOut(code=current.status, name=name, since=current.occurred_at.isoformat())
    return CaseView(
        id=case.id,
        case_type=case.case_type,
        description=case.description,
        current_status=current_out,
        closed=bool(case_type and current and case_type.is_final(current.status)),
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
        subscriber=masked(case.subscriber) if case.subscriber and contact else None,
        preference_changes=[
            PreferenceChangeOut(
                at=c.at.isoformat(),
                origin=c.origin,
                party_id=c.party_id,
                removed=c.removed,
                **masked(c.subscriber).model_dump(),
            )
            for c in case.preference_trail
            if contact
        ],
        notifications=[notification_out(e, n, pid) for e in case.history for pid, n in e.notifications.items()],
        tracking_url=url,
        parties=parties,
        parent=CaseRefOut(organisation=case.parent[0], case_id=case.parent[1]) if case.parent else None,
        subcases=[CaseRefOut(organisation=o, case_id=c) for o, c in case.subcases],
    )


def visible_until(case: Case, case_type: CaseType) -> dt.date | None:
    """The day a closed case's retention ends (closing moment + `retention_days`, as the TTL)."""
    expires = expiry_of(case, case_type)
    return dates.local_time(dates.from_epoch(expires)).date() if expires else None


def reader_of(case: Case, party: Party | None) -> ReaderOut:
    if party is None:
        return ReaderOut(role=INITIATOR, kind="person", name=None, on_behalf_of=None)
    principal = case.party(INITIATOR) if party.role == "representative" else None
    return ReaderOut(
        role=party.role,
        kind=party.kind,
        name=party.info.name,
        on_behalf_of=principal.info.name if principal else None,
    )


def readable_history(case: Case, case_type: CaseType, party: Party | None) -> list[Event]:
    """What a party reads: organisation parties every status, internal ones included."""
    return case.history if party is not None and party.is_organisation else case.public_history(case_type)


def tracking_view(
    org: Organisation,
    case: Case,
    case_type: CaseType,
    url: str,
    language: str,
    party: Party | None = None,
    subcases: list[SubcaseOut] | None = None,
    parent: ParentOut | None = None,
) -> TrackingView:
    """A party's view of a case; while it has no status the party may read, a neutral one."""
    readable = readable_history(case, case_type, party)
    kind = party.kind if party else "person"

    def text(event: Event) -> str:
        values = placeholder_values(org, case, event, url, language, case_type)
        return status_text(case_type.status(event.status), event.status, kind, language, values)

    current = readable[-1] if readable else None
    final = current is not None and case_type.is_final(current.status)
    closed_on = dates.local_time(current.occurred_at).date() if current and final else None
    until, expected = visible_until(case, case_type), expected_end(case, case_type)
    subscriber = party.subscriber if party else None
    return TrackingView(
        language=language,
        organisation=OrganisationName(name=org.name),
        case=TrackedCase(id=case.id, description=case.description, case_type=case_type.public_name_in(language)),
        current_status=TrackedStatus(text=text(current), since=current.occurred_at.isoformat())
        if current
        else progress.in_progress(case, language),
        history=[
            TrackedHistoryEntry(text=text(e), at=e.occurred_at.isoformat(), explanation=e.explanation) for e in readable
        ],
        expected_end_date=expected.isoformat() if expected else None,
        closed=closed_on is not None,
        closed_on=closed_on.isoformat() if closed_on else None,
        visible_until=until.isoformat() if until else None,
        preferences=masked(subscriber)
        if subscriber
        else MaskedSubscriber(channel=NO_MESSAGES, language=language, phone=None, email=None),
        reader=reader_of(case, party),
        subcases=subcases or [],
        parent=parent,
        action=actions.out(case, case_type),
        contact=org_contact.out(case_type.contact, org.contact),
        untranslated=progress.untranslated(case_type, language, kind, readable),
        **progress.extras(case, case_type, language, closed_on is not None),
    )
