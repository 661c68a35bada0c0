"""Failed sign-in attempts per client address, counted in fixed windows.

A window is `WINDOW_S` seconds long and numbered from the epoch; once an address has failed
`limit` times in a window, it is locked out until the window ends. Fixed windows keep the
stored state to one counter per address and window (its TTL removes it), at the price that an
address can fail up to twice the limit across a window's edge.
"""

from __future__ import annotations

from dataclasses import dataclass

WINDOW_S = 900


@dataclass(frozen=True)
class Window:
    index: int  # the window's number: epoch seconds // WINDOW_S
    retry_after: int  # seconds until the window ends
    expires_at: int  # when its counter may go: the end of the next window (TTL is lazy anyway)


def window_at(now: int, length: int = WINDOW_S) -> Window:
    index, into = divmod(now, length)
    return Window(index=index, retry_after=max(1, length - into), expires_at=(index + 2) * length)
