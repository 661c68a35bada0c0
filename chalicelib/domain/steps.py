"""Where a case stands among its case type's public statuses: each one done, current, upcoming
or skipped ("stap 2 van 5").

A public status before the current one is done when the case reached it, and skipped when a
later one was reached without it; the current one is current (also the final status of a
closed case); the rest are upcoming. Internal statuses are no steps.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from chalicelib.domain.models import CaseType, Status

StepState = Literal["done", "current", "upcoming", "skipped"]
DONE: StepState = "done"
CURRENT: StepState = "current"
UPCOMING: StepState = "upcoming"
SKIPPED: StepState = "skipped"


@dataclass(frozen=True)
class Step:
    status: Status
    state: StepState


def steps_of(case_type: CaseType, reached: Iterable[str], current: str | None) -> tuple[list[Step], int]:
    """The public statuses with their state, and the current one's number (1-based; 0 while the
    case reached no public status)."""
    public = [s for s in case_type.statuses if s.public]
    seen = set(reached)
    at = next((i for i, s in enumerate(public) if s.code == current), -1)
    steps = [Step(s, _state(i, at, s.code in seen)) for i, s in enumerate(public)]
    return steps, at + 1


def _state(index: int, at: int, reached: bool) -> StepState:
    if index == at:
        return CURRENT
    if index < at:
        return DONE if reached else SKIPPED
    return UPCOMING
