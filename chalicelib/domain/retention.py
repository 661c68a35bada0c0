"""When a case's items expire: `retention_days` after the case closed (DynamoDB TTL).

TTL deletes only items that carry `expires_at` (epoch seconds), and deletes them for free. So:
- the event that closes the case is written with `expires_at` (free: it is written anyway);
- items written after the close (late events, preference changes) carry it from the start;
- items written before the close (older events, preference changes, the token lookup item)
  get it in one sweep over the case's partition, done by the queue worker after the case closed
  (`services/retention.py`): one write unit per item, paid once per case and kept off the
  ingest path;
- a closed case that receives a newer, non-final status reopens: the sweep removes `expires_at`;
- parties registered before the case's first event expire PRE_EVENT_DAYS after the first of
  them; that first event asks for the sweep, which removes the expiry while the case is open.
"""

from __future__ import annotations

import datetime as dt

from chalicelib.domain import dates
from chalicelib.domain.models import Case, CaseType, Event

PRE_EVENT_DAYS = 90  # a case system that registered a contact sends the zaak's first status within days


def expiry(case_type: CaseType, closing: Event) -> int:
    """Epoch seconds: the closing status's moment plus the case type's retention."""
    try:
        return dates.epoch(closing.occurred_at + dt.timedelta(days=case_type.retention_days))
    except OverflowError:  # a closing moment stored before the date window: kept as long as can be
        return dates.epoch(dates.MAX_MOMENT)


def expiry_of(case: Case, case_type: CaseType | None) -> int | None:
    """The expiry of a closed case, or of parties registered before any event; None while the
    case is open (or unknown)."""
    current = case.current
    if current is None:
        return pre_event_expiry(case)
    if case_type is None or not case_type.is_final(current.status):
        return None
    return expiry(case_type, current)


def pre_event_expiry(case: Case, now: dt.datetime | None = None) -> int | None:
    """Contact data registered for a case that has no event yet (a ZGW zaak is registered before
    its first status) is kept PRE_EVENT_DAYS after the first registration; counting from the
    first, not the newest, gives every item of the case one expiry, so no change outlives the
    ones it builds on. The first event hands the items to the case's own retention (the sweep).
    `now`: the moment of a change being made, the first one when the case has none yet."""
    moments = [change.at for change in case.subscriber_changes] + ([now] if now else [])
    if case.exists or not moments:
        return None
    return dates.epoch(min(moments) + dt.timedelta(days=PRE_EVENT_DAYS))


def change_expiry(case: Case, case_type: CaseType | None, now: dt.datetime) -> int | None:
    """The expiry of a party's change made `now`: the case's, or the pre-event one."""
    return expiry_of(case, case_type) if case.exists else pre_event_expiry(case, now)
