"""Keeping the management information up to date where events and outcomes are written.

Called by ingest once a new event is stored (never for a replay: ingest answers those before),
by delivery once a decision is carried out, and by the receipts once a notification moved. Each
call makes at most one counter update; an event also moves its case's due item when the case
opens, closes or its expected end date changes. Counting follows the write it counts: a crash in
between loses that count (a replay does not count it again), it never counts twice.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from chalicelib.domain import clock
from chalicelib.domain.channels.sms import SMS, fragments
from chalicelib.domain.dates import dutch_day
from chalicelib.domain.models import Case, CaseType, Event, State
from chalicelib.domain.reporting import EVENTS, STATUS, Due, Tally, event_tally, is_open, open_due, outcome_tally
from chalicelib.services.deps import Deps

if TYPE_CHECKING:  # the delivery rules are the sender's: the API's ingest does not import them
    from chalicelib.domain.delivery import Decision, Facts

FAILED = (State.PERMANENT_FAILURE, State.TECHNICAL_FAILURE)


def event_stored(deps: Deps, case_type: CaseType, before: Case, event: Event) -> None:
    """`event` was just stored for the case that was `before` it."""
    reports = deps.reports
    if reports is None:
        return
    after = before.model_copy(update={"events": (*before.events, event)})
    tally = event_tally(before, after, case_type, event)
    if tally is not None:
        reports.count(before.org_id, tally)
    was, now = open_due(before, case_type), open_due(after, case_type)
    if was != now:
        if was is not None:
            reports.drop_due(before.org_id, Due(was, case_type.code, before.id))
        if now is not None:
            reports.put_due(before.org_id, Due(now, case_type.code, before.id))


def case_removed(deps: Deps, case: Case) -> None:
    """An open case was destroyed (its zaak deleted): it leaves its status and the overdue list."""
    current = case.current
    case_type = deps.case_types.get_case_type(case.org_id, current.case_type) if current else None
    if deps.reports is None or current is None or case_type is None or not is_open(case, case_type):
        return
    left = Tally(case_type.code, dutch_day(clock.now()), EVENTS, {STATUS + current.status: -1})
    deps.reports.count(case.org_id, left)
    if (due := open_due(case, case_type)) is not None:
        deps.reports.drop_due(case.org_id, Due(due, case_type.code, case.id))


def delivery_done(deps: Deps, facts: Facts, decision: Decision, outcome: str) -> str:
    """Count what carrying out `decision` came to; returns `outcome` (so a caller can pass it on)."""
    from chalicelib.domain.delivery import Send

    n, event = facts.notification, facts.case.event(facts.ref.event_key)
    if n is None or event is None:
        return outcome
    channel = decision.channel if isinstance(decision, Send) else n.channel
    if outcome == State.SUPPRESSED and isinstance(decision, Send):
        _count(deps, facts.ref.org_id, event.case_type, channel, "capped", facts.now)  # only the cap does that
    elif outcome in FAILED:
        _count(deps, facts.ref.org_id, event.case_type, channel, "failed", facts.now)
    elif outcome in (State.DELIVERED, "fallback", "held"):  # delivered here: a test tenant's simulator
        _count(deps, facts.ref.org_id, event.case_type, channel, outcome, facts.now)
    return outcome


def sent(deps: Deps, facts: Facts, channel: str, body: str) -> None:
    """A message went to the provider: an SMS's fragments are what the organisation pays for."""
    event = facts.case.event(facts.ref.event_key)
    if channel == SMS.name and event is not None:
        _count(deps, facts.ref.org_id, event.case_type, channel, "fragments", facts.now, fragments(body))


def receipt(deps: Deps, case: Case, channel: str, outcome: str) -> str:
    """A provider's receipt moved a notification of `case` to `outcome`; returns `outcome`."""
    word = {State.DELIVERED: "delivered", "fallback": "fallback"}.get(outcome)
    if word is None and outcome in FAILED:
        word = "failed"
    if word is not None and case.case_type is not None:
        _count(deps, case.org_id, case.case_type, channel, word, clock.now())
    return outcome


def _count(
    deps: Deps, org_id: str, case_type: str, channel: str, outcome: str, moment: dt.datetime, amount: int = 1
) -> None:
    if deps.reports is not None and amount:
        deps.reports.count(org_id, outcome_tally(case_type, channel, outcome, moment, amount))
