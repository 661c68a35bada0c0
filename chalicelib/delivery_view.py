"""How a notification's delivery reads to the organisation (GET /v1/cases/{id})."""

from __future__ import annotations

from typing import Any

from chalicelib import retry
from chalicelib.models.domain import Notification, State

FINAL = (State.SENT, State.DELIVERED, State.PERMANENT_FAILURE, State.TECHNICAL_FAILURE, State.SUPPRESSED)


def delivery_summary(n: Notification) -> dict[str, Any]:
    """Attempts and state are already in the view; this adds the error's class, whether the
    state is final, whether the other channel was used, and a sentence when no channel is
    left (the case is then on the website only)."""
    note = None
    if n.state == State.PERMANENT_FAILURE:
        note = "No usable channel left: the citizen sees this status on the website only."
    elif n.state == State.TECHNICAL_FAILURE and n.error_class == retry.UNCONFIRMED:
        note = "The provider did not confirm this message; it may have arrived. It is not resent."
    elif n.state == State.TECHNICAL_FAILURE:
        note = "Not sent because of a fault on our side or the provider's; the status is on the website."
    elif n.state == State.SUPPRESSED and n.error == "daily-cap":
        note = "Not sent: the recipient's daily message limit was reached; the status is on the website."
    return {
        "last_error_class": n.error_class,
        "final": n.state in FINAL,
        "fallback": n.fallback,
        "note": note,
    }
