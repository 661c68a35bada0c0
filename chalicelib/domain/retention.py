"""When a case's items expire: `retention_days` after the case closed (DynamoDB TTL).

TTL deletes only items that carry `expires_at` (epoch seconds), and deletes them for free. So:
- the event that closes the case is written with `expires_at` (free: it is written anyway);
- items written after the close (late events, preference changes) carry it from the start;
- items written before the close (older events, preference changes, the token lookup item)
  get it in one sweep over the case's partition, done by the queue worker after the case closed
  (`services/retention.py`): one write unit per item, paid once per case and kept off the
  ingest path;
- a closed case that receives a newer, non-final status reopens: the sweep removes `expires_at`.
"""

from __future__ import annotations

import datetime as dt

from chalicelib.domain.models import Case, CaseType, Event


def expiry(case_type: CaseType, closing: Event) -> int:
    """Epoch seconds: the closing status's moment plus the case type's retention."""
    return int((closing.occurred_at + dt.timedelta(days=case_type.retention_days)).timestamp())


def expiry_of(case: Case, case_type: CaseType | None) -> int | None:
    """The expiry of a closed case; None while it is open (or unknown)."""
    current = case.current
    if current is None or case_type is None or not case_type.is_final(current.status):
        return None
    return expiry(case_type, current)
