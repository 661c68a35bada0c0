"""A fake ZGW notifications hub (Open Notificaties) towards one subscriber, for tests.

The subscription handshake: a test notification without Authorization, which must be refused with
401/403, then with it, which must be accepted with 200-209. Then deliveries of the same message any
number of times (at least once, as the hub delivers).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

Post = Callable[[str, dict[str, str], str], int]  # (callback, headers, body) -> HTTP status


class HandshakeFailed(AssertionError):
    pass


class FakeHub:
    """Open Notificaties towards one subscriber (an abonnement), through `post`."""

    def __init__(self, post: Post) -> None:
        self._post = post
        self.callback = ""
        self.auth = ""

    def subscribe(self, callback: str, auth: str) -> None:
        test = {
            "kanaal": "test",
            "hoofdObject": "http://test.example/",
            "resource": "test",
            "resourceUrl": "http://test.example/",
            "actie": "test",
            "aanmaakdatum": dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z"),
            "kenmerken": {},
        }
        body = json.dumps(test)
        unauthenticated = self._post(callback, {"Content-Type": "application/json"}, body)
        if unauthenticated not in (401, 403):
            raise HandshakeFailed(f"without Authorization the callback answered {unauthenticated}, not 401/403")
        authenticated = self._post(callback, {"Content-Type": "application/json", "Authorization": auth}, body)
        if not 200 <= authenticated <= 209:
            raise HandshakeFailed(f"with Authorization the callback answered {authenticated}, not 200-209")
        self.callback, self.auth = callback, auth

    def deliver(self, message: dict[str, Any], times: int = 1) -> list[int]:
        """The same message, `times` times (at-least-once delivery); the statuses answered."""
        body = json.dumps(message)
        headers = {"Content-Type": "application/json", "Authorization": self.auth}
        return [self._post(self.callback, headers, body) for _ in range(times)]
