"""When to try a notification again, and when to stop.

Capped exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And
Jitter"): the n-th retry waits a random time in [0, min(CAP, BASE * 2**(n-1))]. Jitter spreads a
burst of throttled messages out instead of bringing them back in step.

The horizon is a number of attempts, not a clock: the upper bounds of the waits between
MAX_ATTEMPTS attempts add up to about four hours, so a notification gives up within four hours
of its first try however long quiet hours held it.
"""

from __future__ import annotations

import random
from collections.abc import Callable

BASE_SECONDS = 60
CAP_SECONDS = 3600
MAX_ATTEMPTS = 10
# A claim with no recorded outcome after this long is resolved (the sender stopped mid-send).
# Longer than the sender Lambda's timeout plus the provider client's timeout, and far below
# SQS's 12-hour visibility limit.
LEASE_SECONDS = 900
MAX_VISIBILITY_SECONDS = 43_200  # SQS's limit for hiding a message

# Error classes, stored on the notification (`error_class`) and shown to the organisation.
RETRYABLE = "retryable"  # throttling, 5xx, timeouts before the provider had the message
PERMANENT = "permanent"  # bad number, rejected address, bounce: never retried on that channel
UNCONFIRMED = "unconfirmed"  # the provider may have taken it: never retried blindly
TECHNICAL = "technical"  # our side: configuration missing, an unclassified exception
LIMIT = "limit"  # the daily cap


def ceiling(attempt: int) -> int:
    """The longest wait after the `attempt`-th try (1-based)."""
    return int(min(CAP_SECONDS, BASE_SECONDS * 2 ** (attempt - 1)))


def delay(attempt: int, rng: Callable[[], float] | None = None) -> int:
    """Full jitter: anywhere between 0 and the ceiling, whole seconds (SQS wants integers)."""
    return int((rng or random.random)() * ceiling(attempt))


def gives_up(attempts: int) -> bool:
    return attempts >= MAX_ATTEMPTS
