"""Management information: a period's figures per case type and the overdue open cases, read
from the counters and due items kept as events and outcomes are written (`report_hooks`),
never by reading the cases: a report is one Query of the counters and one of the due items."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from chalicelib.domain import clock, dates
from chalicelib.domain.dates import local_time
from chalicelib.domain.errors import invalid
from chalicelib.domain.models import CaseType
from chalicelib.domain.report_answers import (
    CaseTypeReport,
    ChannelReport,
    LeadTime,
    NotificationReport,
    Overdue,
    OverdueCase,
    Report,
)
from chalicelib.domain.reporting import CHANNELS, OUTCOMES, DayCounts, Due, Folded, fold, nearest_rank
from chalicelib.report_ports import Reports
from chalicelib.services.deps import Deps

DEFAULT_DAYS = 30  # the period when none is asked: the last 30 Dutch days, today included
MAX_DAYS = 400  # a year and a bit: longer periods are a question for the data warehouse
OVERDUE_LIMIT, OVERDUE_MAX = 100, 1000


def today() -> dt.date:
    return local_time(clock.now()).date()


def period(start: str | None, end: str | None) -> tuple[dt.date, dt.date]:
    """The period asked for (Dutch days, both included), checked; each bound's default."""
    last = _date("to", end) if end else today()
    first = _date("from", start) if start else last - dt.timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise invalid("from", "is after 'to'")
    if (last - first).days + 1 > MAX_DAYS:
        raise invalid("to", f"the period is at most {MAX_DAYS} days")
    return first, last


def limit_of(value: str | None) -> int:
    if value is None:
        return OVERDUE_LIMIT
    if not value.isdigit() or not 1 <= int(value) <= OVERDUE_MAX:
        raise invalid("limit", f"is a whole number from 1 to {OVERDUE_MAX}")
    return int(value)


def _date(name: str, value: str) -> dt.date:
    try:
        if len(value) != 10:
            raise ValueError(value)
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise invalid(name, "is not a date (yyyy-mm-dd)") from None
    if not dates.EARLIEST <= day <= dates.LATEST:
        raise invalid(name, dates.WINDOW)
    return day


def report(deps: Deps, org_id: str, case_type: str | None, start: dt.date, end: dt.date) -> Report:
    store = _store(deps)
    types = _case_types(deps, org_id, case_type)
    days: dict[str, list[DayCounts]] = {}
    for day in store.day_counts(org_id, case_type):
        days.setdefault(day.case_type, []).append(day)
    overdue_now = Counter(d.case_type for d in store.due_before(org_id, today()))
    folded = {ct.code: fold(days.get(ct.code, []), start, end) for ct in types}
    return Report(
        from_=start.isoformat(),
        to=end.isoformat(),
        case_types=[_case_type_report(ct, folded[ct.code], overdue_now[ct.code]) for ct in types],
        notifications=_notifications(folded.values()),
    )


def _case_type_report(case_type: CaseType, f: Folded, overdue_open: int) -> CaseTypeReport:
    open_codes = [s.code for s in case_type.statuses if not s.final]
    by_status = {code: f.open_by_status.get(code, 0) for code in open_codes}
    by_status |= {code: n for code, n in f.open_by_status.items() if code not in by_status and n}
    norm = case_type.service_norm_days
    return CaseTypeReport(
        code=case_type.code,
        name=case_type.name,
        opened=f.opened,
        closed=f.closed,
        open_now=sum(by_status.values()),
        open_by_status=by_status,
        lead_time_days=LeadTime(p50=nearest_rank(f.lead, 50), p90=nearest_rank(f.lead, 90)),
        service_norm_days=norm,
        closed_within_norm=f.within_norm if norm is not None else None,
        overdue_open=overdue_open,
    )


def _notifications(folded: Iterable[Folded]) -> NotificationReport:
    totals: Counter[str] = Counter()
    for f in folded:
        totals.update(f.notes)
    channel = {c: ChannelReport(**{o: totals[f"{c}:{o}"] for o in OUTCOMES}) for c in CHANNELS}
    return NotificationReport(**channel)


def overdue(deps: Deps, org_id: str, case_type: str | None, limit: int = OVERDUE_LIMIT) -> Overdue:
    """Open cases past their expected end date, most overdue first (then by case type and id)."""
    store = _store(deps)
    if case_type is not None:
        _case_types(deps, org_id, case_type)
    day = today()
    due = [d for d in store.due_before(org_id, day) if case_type is None or d.case_type == case_type]
    return Overdue(cases=[c for d in due[:limit] if (c := _overdue_case(deps, org_id, d, day))], total=len(due))


def _overdue_case(deps: Deps, org_id: str, due: Due, day: dt.date) -> OverdueCase | None:
    # The current status is read from the case (one Query per listed case, at most `limit`), so
    # a status change costs no write to the due item.
    current = deps.cases.load_case(org_id, due.case_id).current
    if current is None:
        return None  # removed while open (a ZGW zaak deleted): its due item is left behind
    return OverdueCase(
        case_id=due.case_id,
        case_type=due.case_type,
        current_status=current.status,
        expected_end_date=due.due.isoformat(),
        days_over=(day - due.due).days,
    )


def _case_types(deps: Deps, org_id: str, code: str | None) -> list[CaseType]:
    if code is None:
        return sorted(deps.case_types.list_case_types(org_id), key=lambda ct: ct.code)
    found = deps.case_types.get_case_type(org_id, code)
    if found is None:
        raise invalid("case_type", f"there is no case type '{code}'")
    return [found]


def _store(deps: Deps) -> Reports:
    assert deps.reports is not None, "bootstrap.build wires the report store"
    return deps.reports
