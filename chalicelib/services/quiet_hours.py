"""The morning release: messages held for the quiet hours go out once the morning has come.

A held message is a keys-only item under the morning it is due (`QUIET#<date>`); its queue
message was done. A scheduled handler enqueues the held ones; the claim still guards the send, so
a message released twice (a retried schedule, a replay of the event) is sent once.
"""

from __future__ import annotations

import datetime as dt

from chalicelib.domain.quiet_hours import mornings_due, window
from chalicelib.services.deps import Deps


def release(deps: Deps, now: dt.datetime) -> int:
    """Enqueue what was held for this morning (and a missed earlier one); returns how many."""
    released = 0
    for day in mornings_due(window(deps.settings.quiet_hours), now):
        for ref in deps.ledger.held_for_morning(day):
            deps.queue.send(ref.body())  # first: a crash here re-releases, harmlessly
            deps.ledger.release_held(day, ref)
            released += 1
    return released
