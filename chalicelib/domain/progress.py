"""What comes next, for the citizen's view: the steps, the key dates, the result, and which texts
are only in Dutch. `views.tracking_view` adds these to the `TrackingView`."""

from __future__ import annotations

from typing import Any

from chalicelib.domain import schedule, sentences
from chalicelib.domain.answers import TrackedStatus
from chalicelib.domain.case_answers import KeyDateOut, ResultOut, StepOut
from chalicelib.domain.models import Case, CaseType, Event
from chalicelib.domain.steps import steps_of

# What a case shows while it has only reached statuses its reader may not see: nothing internal.
IN_PROGRESS = {"nl": "Uw aanvraag is in behandeling.", "en": "Your request is being processed."}


def in_progress(case: Case, language: str) -> TrackedStatus:
    """The current status of a case with no status its reader may read yet."""
    started = case.history[0].occurred_at.isoformat() if case.history else ""
    return TrackedStatus(text=IN_PROGRESS.get(language, IN_PROGRESS["nl"]), since=started)


def extras(case: Case, case_type: CaseType, language: str, closed: bool) -> dict[str, Any]:
    """The `TrackingView` fields about steps, key dates and the result."""
    current = case.current_public(case_type)
    reached = [e.status for e in case.public_history(case_type)]
    steps, at = steps_of(case_type, reached, current.status if current else None)
    values = schedule.key_dates_of(case)
    result = schedule.result_of(case) if closed else None
    return {
        "steps": [StepOut(code=s.status.code, name=s.status.name, state=s.state) for s in steps],
        "step": at,
        "steps_total": len(steps),
        "dates": [
            KeyDateOut(
                code=kd.code,
                label=kd.label_in(language),
                date=v.date.isoformat() if (v := values.get(kd.code)) else None,
                previous=v.previous.isoformat() if v and v.previous else None,
            )
            for kd in case_type.dates
        ],
        "result": ResultOut(code=result.code, text=result.text) if result else None,
    }


def untranslated(case_type: CaseType, language: str, kind: str, readable: list[Event]) -> list[str]:
    """The paths of the view's texts that are given in Dutch because `language` has none."""
    if language == "nl":
        return []
    paths = [] if language in case_type.public_name else ["case.case_type"]
    texts = [sentences.translated(case_type.status(e.status), kind, language) for e in readable]
    if readable and not texts[-1]:
        paths.append("current_status.text")
    paths += [f"history.{i}.text" for i, ok in enumerate(texts) if not ok]
    if any(s.public for s in case_type.statuses):
        paths.append("steps")  # a step is named by its status's name, which has one language
    paths += [f"dates.{i}.label" for i, kd in enumerate(case_type.dates) if language not in kd.label]
    return paths
