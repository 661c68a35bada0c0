"""Time in one place, so tests can hold it still."""

import datetime as dt


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
