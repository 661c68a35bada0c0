"""Management information from 1,000 seeded cases equals what the test computes itself from
the events it posted: counts per period, open cases per status, lead-time p50/p90, closings
within the norm and the overdue list. Replays and older events arriving late count nothing.

The service runs on in-memory adapters (the same stores as on DynamoDB, whose contract
`test_report_store_contract.py` holds); the expected figures are computed here from the
definitions in `chalicelib/domain/reporting.py`, not with its code.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from chalicelib.domain import clock
from chalicelib.domain.inbound import CaseTypeIn, EventIn, OrganisationIn
from chalicelib.services import case_types, ingest, organisations, reports
from tests.builders import memory_deps

NL = ZoneInfo("Europe/Amsterdam")
NOW = dt.datetime(2026, 11, 30, 11, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 30)
FROM = dt.date(2026, 9, 1)  # the period asked: about three of the five months seeded


def _status(code: str, final: bool = False) -> dict[str, Any]:
    name = code.replace("_", " ").capitalize()
    return {"code": code, "name": name, "final": final, "text": {"nl": f"{name}."}}


# Three case types: a norm of 14 days, of 56 days, and none (expected end dates given by the case system).
TYPES: dict[str, dict[str, Any]] = {
    "klacht": {"norm": 14, "statuses": ["ontvangen", "in_behandeling", "opgeschort", "afgehandeld"]},
    "vergunning": {"norm": 56, "statuses": ["ontvangen", "intake", "advies", "besluit", "verleend"]},
    "melding": {"norm": None, "statuses": ["gemeld", "ingepland", "opgelost"]},
}


@dataclass
class Posted:
    event_id: str
    status: str
    order: int
    at: dt.datetime


@dataclass
class Seeded:
    case_id: str
    case_type: str
    expected_end: dt.date | None = None
    posted: list[Posted] = field(default_factory=list)  # in the order posted, replays left out


def dutch(moment: dt.datetime) -> dt.date:
    return moment.astimezone(NL).date()


def seed(rng: random.Random, n: int = 1000) -> tuple[list[Seeded], list[tuple[Seeded, Posted]]]:
    """Cases and the posts to make, in order: some with two statuses swapped (the older one
    arrives late), some with an old status arriving after the closing one, some replayed."""
    cases, posts = [], []
    for i in range(n):
        code = rng.choice(list(TYPES))
        statuses = TYPES[code]["statuses"]
        start = NOW - dt.timedelta(days=rng.randint(0, 150), hours=rng.randint(0, 23), minutes=rng.randint(0, 59))
        steps = rng.randint(1, len(statuses))
        moments = [start]
        for _ in range(steps - 1):
            moments.append(min(moments[-1] + dt.timedelta(days=rng.randint(0, 25), hours=rng.randint(0, 20)), NOW))
        case = Seeded(f"Z-{i:05d}", code)
        if code == "melding" or rng.random() < 0.2:
            case.expected_end = dutch(start) + dt.timedelta(days=rng.randint(5, 60))
        events = [Posted(f"e{j}", statuses[j], j, at) for j, at in enumerate(moments)]
        if len(events) >= 3 and rng.random() < 0.15:
            events[0], events[1] = events[1], events[0]  # the first status arrives after the second
        closed = steps == len(statuses)
        if closed and rng.random() < 0.1:
            events.append(
                Posted("late", statuses[0], 0, start - dt.timedelta(days=2))
            )  # older than all, after the close
        for e in events:
            posts.append((case, e))
            if rng.random() < 0.05:
                posts.append((case, e))  # a replay: the case system retried
        cases.append(case)
    return cases, posts


def body(case: Seeded, e: Posted) -> EventIn:
    data: dict[str, Any] = {"id": case.case_id, "case_type": case.case_type, "description": "zaak"}
    if case.expected_end is not None:
        data["expected_end_date"] = case.expected_end.isoformat()
    return EventIn.model_validate(
        {"event_id": e.event_id, "case": data, "status": e.status, "occurred_at": e.at.isoformat()}
    )


def nearest_rank(values: list[int], percent: int) -> int | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[math.ceil(percent * len(ordered) / 100) - 1]


@dataclass
class Expected:
    opened: Counter[str] = field(default_factory=Counter)
    closed: Counter[str] = field(default_factory=Counter)
    within: Counter[str] = field(default_factory=Counter)
    leads: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    open_by_status: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    overdue: list[dict[str, Any]] = field(default_factory=list)


def expected(cases: list[Seeded], first: dt.date, last: dt.date) -> Expected:
    """From the definitions: a case opens on its first posted event's Dutch day; it closes with
    its final status (posted once, and newest of all but a late older one); lead time is the
    final's Dutch day minus the earliest Dutch day among the events posted up to it."""
    out = Expected()
    for case in cases:
        code, norm = case.case_type, TYPES[case.case_type]["norm"]
        final_code = TYPES[code]["statuses"][-1]
        if first <= dutch(case.posted[0].at) <= last:
            out.opened[code] += 1
        current = max(case.posted, key=lambda e: (e.at, e.order))
        finals = [i for i, e in enumerate(case.posted) if e.status == final_code]
        if finals:
            closing = case.posted[finals[0]]
            lead = (dutch(closing.at) - min(dutch(e.at) for e in case.posted[: finals[0] + 1])).days
            if first <= dutch(closing.at) <= last:
                out.closed[code] += 1
                out.leads[code].append(lead)
                out.within[code] += norm is not None and lead <= norm
            continue
        out.open_by_status[code][current.status] += 1
        due = case.expected_end or min(dutch(e.at) for e in case.posted) + dt.timedelta(days=norm)
        if due < TODAY:
            out.overdue.append(
                {
                    "case_id": case.case_id,
                    "case_type": code,
                    "current_status": current.status,
                    "expected_end_date": due.isoformat(),
                    "days_over": (TODAY - due).days,
                }
            )
    out.overdue.sort(key=lambda c: (c["expected_end_date"], c["case_type"], c["case_id"]))
    return out


@pytest.fixture(scope="module")
def seeded() -> tuple[Any, list[Seeded]]:
    mp = pytest.MonkeyPatch()
    mp.setattr(clock, "now", lambda: NOW)
    deps = memory_deps()
    organisations.create(deps, OrganisationIn(id="svb", name="SVB"))
    for code, spec in TYPES.items():
        statuses = [_status(s, final=s == spec["statuses"][-1]) for s in spec["statuses"]]
        data = {"name": code.capitalize(), "service_norm_days": spec["norm"], "statuses": statuses}
        case_types.put(deps, "svb", code, CaseTypeIn.model_validate(data))
    cases, posts = seed(random.Random(13))
    seen: set[tuple[str, str]] = set()
    for case, e in posts:
        ingest.accept(deps, "svb", body(case, e))
        if (case.case_id, e.event_id) not in seen:
            seen.add((case.case_id, e.event_id))
            case.posted.append(e)
    yield deps, cases
    mp.undo()


def test_the_seed_has_what_the_reports_must_cope_with(seeded):
    _, cases = seeded
    assert len(cases) == 1000
    swapped = [c for c in cases if len(c.posted) > 1 and c.posted[0].order > c.posted[1].order]
    assert len(swapped) > 20
    assert sum(1 for c in cases if c.posted[-1].event_id == "late") > 10
    assert {c.case_type for c in cases} == set(TYPES)


def test_counts_percentiles_and_norms_equal_those_computed_from_the_events(seeded, monkeypatch):
    deps, cases = seeded
    monkeypatch.setattr(clock, "now", lambda: NOW)
    want = expected(cases, FROM, TODAY)

    answer = reports.report(deps, "svb", None, FROM, TODAY).json_body()

    assert (answer["from"], answer["to"]) == ("2026-09-01", "2026-11-30")
    got = {c["code"]: c for c in answer["case_types"]}
    assert set(got) == set(TYPES)
    overdue_by_type = Counter(c["case_type"] for c in want.overdue)
    for code, spec in TYPES.items():
        c = got[code]
        non_final = [s for s in spec["statuses"][:-1]]
        assert c["opened"] == want.opened[code] > 0, code
        assert c["closed"] == want.closed[code] > 0, code
        assert c["open_by_status"] == {s: want.open_by_status[code][s] for s in non_final}, code
        assert c["open_now"] == sum(want.open_by_status[code].values()), code
        assert c["lead_time_days"] == {
            "p50": nearest_rank(want.leads[code], 50),
            "p90": nearest_rank(want.leads[code], 90),
        }, code
        assert c["service_norm_days"] == spec["norm"]
        assert c["closed_within_norm"] == (want.within[code] if spec["norm"] is not None else None), code
        assert c["overdue_open"] == overdue_by_type[code] > 0, code


def test_the_overdue_list_is_the_open_cases_past_their_expected_end_most_overdue_first(seeded, monkeypatch):
    deps, cases = seeded
    monkeypatch.setattr(clock, "now", lambda: NOW)
    want = expected(cases, FROM, TODAY).overdue

    whole = reports.overdue(deps, "svb", None, limit=1000).json_body()
    first = reports.overdue(deps, "svb", None).json_body()
    klacht = reports.overdue(deps, "svb", "klacht", limit=1000).json_body()

    assert len(want) > 100
    assert whole == {"cases": want, "total": len(want)}
    assert first == {"cases": want[:100], "total": len(want)}
    assert klacht["cases"] == [c for c in want if c["case_type"] == "klacht"]


def test_one_case_type_and_a_period_of_one_day_are_reported_alone(seeded, monkeypatch):
    deps, cases = seeded
    monkeypatch.setattr(clock, "now", lambda: NOW)
    day = dt.date(2026, 10, 15)
    want = expected(cases, day, day)

    answer = reports.report(deps, "svb", "vergunning", day, day).json_body()

    [c] = answer["case_types"]
    assert (c["code"], c["opened"], c["closed"]) == ("vergunning", want.opened["vergunning"], want.closed["vergunning"])
    assert c["open_now"] == sum(want.open_by_status["vergunning"].values())  # open now, whatever the period


def test_the_report_read_no_case_partition(seeded, monkeypatch):
    deps, _ = seeded
    monkeypatch.setattr(clock, "now", lambda: NOW)
    table = deps.cases.table  # type: ignore[attr-defined]
    read: list[str] = []
    original = table.query
    monkeypatch.setattr(table, "query", lambda pk, *a, **k: read.append(pk) or original(pk, *a, **k))

    reports.report(deps, "svb", None, FROM, TODAY)

    assert read == ["ORG#svb", "ORG#svb#REPORT", "ORG#svb#DUE"]  # case types, counters, due items
