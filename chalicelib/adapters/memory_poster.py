"""Webhook POSTs kept in a list (port: `WebhookPoster`), for unit tests: every request is
recorded; queued answers (a status, or an exception to raise) are given first, then `default`."""

from __future__ import annotations

from typing import Any


class RecordedPoster:
    def __init__(self, default: int = 204) -> None:
        self.default = default
        self.posts: list[dict[str, Any]] = []
        self.answers: list[int | Exception] = []

    def post(self, url: str, headers: dict[str, str], body: bytes) -> int:
        self.posts.append({"url": url, "headers": dict(headers), "body": body})
        if self.answers:
            answer = self.answers.pop(0)
            if isinstance(answer, Exception):
                raise answer
            return answer
        return self.default
