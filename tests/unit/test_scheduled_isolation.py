"""Scheduled work over all organisations: one organisation's failing item is logged (its id and
the exception's type), counted and kept for the next run; the others go on."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from chalicelib.services import actions

MORNING = dt.datetime(2026, 12, 12, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
DAY = "2026-12-12"


def test_a_reminder_that_fails_is_counted_and_kept_and_the_other_organisations_are_reminded(deps, monkeypatch, caplog):
    deps.ledger.schedule_reminder(DAY, "aaa", "AAA-1", "e1")
    deps.ledger.schedule_reminder(DAY, "hvc", "HVC-1", "e2")
    reminded: list[str] = []

    def remind(_deps, org_id, case_id, event_key, _now):
        if org_id == "aaa":
            raise KeyError("a malformed case of aaa's")
        reminded.append(case_id)
        return 1

    monkeypatch.setattr(actions, "_remind", remind)

    assert actions.remind(deps, MORNING) == 1
    assert reminded == ["HVC-1"]
    assert list(deps.ledger.reminders_due(DAY)) == [("aaa", "AAA-1", "e1")]  # kept: tried again next run
    assert deps.metrics.counted == [("ScheduledRunFailures", 1, {"job": "action-reminders", "error": "KeyError"})]
    assert [r.getMessage() for r in caplog.records] == ["reminder of an action for aaa failed: KeyError"]
