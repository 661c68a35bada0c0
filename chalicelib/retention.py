"""When a case's items expire: `retention_days` after the case closed (DynamoDB TTL).

TTL deletes only items that carry `expires_at` (epoch seconds), and deletes them for free. So:
- the event that closes the case is written with `expires_at` (free: it is written anyway);
- items written after the close (late events, preference changes) carry it from the start;
- items written before the close (older events, preference changes, the token lookup item)
  get it in one sweep over the case's partition, done by the queue worker after the case closed
  (`apply`): a one-off cost of one write unit per item, paid once per case and kept off the
  ingest path (which stays at one or two write units per event);
- a closed case that receives a newer, non-final status reopens: the sweep removes `expires_at`.

The sweep reads the case as it is when it runs, so a reopen or close that overtook it is
respected; it is idempotent, so a replayed closing event may ask for it again.
"""

from __future__ import annotations

import datetime as dt

from chalicelib import tokens
from chalicelib.models.domain import Case, CaseType, Event
from chalicelib.wiring import Services

JOB = "retention"


def expiry(case_type: CaseType, closing: Event) -> int:
    """Epoch seconds: the closing status's moment plus the case type's retention."""
    return int((closing.occurred_at + dt.timedelta(days=case_type.retention_days)).timestamp())


def expiry_of(case: Case, case_type: CaseType | None) -> int | None:
    """The expiry of a closed case; None while it is open (or unknown)."""
    current = case.current
    if current is None or case_type is None:
        return None
    status = case_type.status(current.status)
    if status is None or not status.final:
        return None
    return expiry(case_type, current)


def request(svc: Services, org_id: str, case_id: str) -> None:
    """Ask the worker to bring the case's items in line with its expiry (keys only)."""
    svc.queue.send({"kind": JOB, "org": org_id, "case": case_id})


def apply(svc: Services, org_id: str, case_id: str) -> int:
    """Stamp (or clear) `expires_at` on every item of the case; returns the items written."""
    case = svc.store.load_case(org_id, case_id)
    if not case.exists:
        return 0
    case_type = svc.store.get_case_type(org_id, case.case_type or "")
    token = tokens.derive(svc.settings.token_key, org_id, case_id)
    return svc.store.expire_case(org_id, case_id, tokens.lookup_hash(token), expiry_of(case, case_type))
