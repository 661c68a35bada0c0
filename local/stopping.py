"""How the local run stops on Ctrl-C or SIGTERM, every time, within `DEADLINE_S`.

A signal handler runs in the main thread between two bytecodes, so it may interrupt the main
thread while it holds a lock: `threading.Event.set()` in the handler then waits for a lock its own
thread holds (seen: a run hung for good inside `Event.set`). The handler here takes no lock at all:
the first signal raises `Stopping` in the main thread (as Python's own Ctrl-C raises
KeyboardInterrupt), which leaves whatever the main thread was doing, startup included; `main`
then stops what it started. Stopping is bounded by a watchdog started outside the handler, and a
signal that comes while stopping (a second Ctrl-C) ends the process at once: nothing it would
leave behind lives outside the process (moto, the stand-ins and the workers are threads).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from types import FrameType

DEADLINE_S = 4.5  # below the 5 s promised in the README, with room for the interpreter's exit


class Stopping(BaseException):
    """Raised in the main thread by the first Ctrl-C or SIGTERM (a BaseException, like
    KeyboardInterrupt, so no `except Exception` on the way swallows it)."""


class Stopper:
    def __init__(self, deadline_s: float = DEADLINE_S) -> None:
        self._deadline_s = deadline_s
        self._armed = False

    def install(self) -> None:
        self._armed = True
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, self._handle)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self._armed:
            self._armed = False  # a plain attribute: no lock in a signal handler
            raise Stopping()
        exit_now(0)

    def stopping(self) -> None:
        """Called first in `main`'s cleanup: later signals end the process at once, and the
        watchdog ends it if a part does not stop in time."""
        self._armed = False
        watchdog = threading.Timer(self._deadline_s, exit_now, (0,))
        watchdog.daemon = True
        watchdog.start()

    def wait_forever(self) -> None:
        while True:
            time.sleep(3600)  # a signal's handler runs during the sleep and raises Stopping


def exit_now(code: int) -> None:
    """The end of the process, without the interpreter's own finalisation: it puts the default
    handlers back, so a second SIGTERM in that moment would kill the process instead (exit -15),
    and it waits for threads that are about to die anyway. Stopping on request is success (0)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
