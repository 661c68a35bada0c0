"""Ports of management information: counters kept as events and outcomes are written, and one
small item per open case under its expected end date (for the overdue list)."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from chalicelib.domain.reporting import DayCounts, Due, Tally


class Reports(Protocol):
    def count(self, org_id: str, tally: Tally) -> None:
        """Add the tally's deltas to its counter item atomically (one update, created when absent)."""
        ...

    def day_counts(self, org_id: str, case_type: str | None = None) -> list[DayCounts]:
        """Every counter item of the organisation (or of one case type), one per case type, day and
        kind, by case type and day."""
        ...

    def put_due(self, org_id: str, due: Due) -> None: ...

    def drop_due(self, org_id: str, due: Due) -> None:
        """Remove the item (nothing happens when it is not there)."""
        ...

    def due_before(self, org_id: str, day: dt.date) -> list[Due]:
        """Open cases expected to end before `day`, earliest first (every case type)."""
        ...
