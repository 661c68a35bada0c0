"""`GET /dev/outbox` for the local run: every SMS and e-mail handed to a provider, oldest first.

Dev-only. Reads two loopback sources over HTTP with the standard library (never imports twilio):

- SMS: the Twilio stand-in's `GET {twilio_standin_url}/outbox`.
- E-mail: the moto server's `GET {moto_url}/moto-api/data.json`, under `ses.Message` (SES v1 and
  v2 share that backend). moto keeps only one body per message: the HTML part when Text and Html
  are both sent, so the plain text is derived from the HTML here (paragraphs, line breaks, links
  as "label: URL"; the h1 heading, which repeats the subject, is left out). moto records no send time
  either: a message's `at` is the first time this module saw it (the local worker calls
  `observe()` after each batch, so that is within one batch of the real send).

A source that is not configured or does not answer is skipped.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import urllib.request
from datetime import datetime, timezone
from html.parser import HTMLParser
from typing import Any

from chalicelib.config import settings

log = logging.getLogger(__name__)
TIMEOUT_S = 3.0
_HTML = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*|!doctype)[\s>/]", re.IGNORECASE)

_lock = threading.Lock()
_first_seen: dict[str, str] = {}  # moto SES message id -> ISO time first seen


def list_messages() -> list[dict[str, Any]]:
    s = settings()
    messages = _sms(s.twilio_standin_url) + _email(s.moto_url)
    return sorted(messages, key=lambda m: m["at"])  # stable: each source is already in order


def observe() -> None:
    """Stamp e-mails moto has recorded since the last look (keeps their `at` close to the send)."""
    _email(settings().moto_url)


def _get_json(url: str) -> Any:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
            return json.load(response)
    except (OSError, ValueError) as exc:
        log.info("dev outbox: source skipped (%s)", type(exc).__name__)
        return None


def _sms(base_url: str | None) -> list[dict[str, Any]]:
    data = _get_json(base_url.rstrip("/") + "/outbox") if base_url else None
    if not isinstance(data, dict):
        return []
    return [
        {"channel": "sms", "to": m.get("to"), "subject": None, "body": m.get("body"), "at": _utc(m.get("at"))}
        for m in data.get("messages", [])
    ]


def _email(moto_url: str | None) -> list[dict[str, Any]]:
    data = _get_json(moto_url.rstrip("/") + "/moto-api/data.json") if moto_url else None
    if not isinstance(data, dict):
        return []
    out = []
    for m in (data.get("ses") or {}).get("Message", []):
        with _lock:
            at = _first_seen.setdefault(m.get("id", ""), _now())
        destinations = m.get("destinations") or {}
        for to in destinations.get("ToAddresses", []) + destinations.get("CcAddresses", []):
            out.append(
                {"channel": "email", "to": to, "subject": m.get("subject"), "body": to_plain(m.get("body") or ""), "at": at}
            )
    return out


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _utc(value: str | None) -> str:
    """The stand-in's time, written like ours so the two sources sort together as strings."""
    try:
        return datetime.fromisoformat(value).astimezone(timezone.utc).isoformat(timespec="milliseconds")
    except (TypeError, ValueError):
        return _now()


class _Text(HTMLParser):
    BLOCKS = frozenset({"p", "div", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "ul", "ol"})
    # h1: our mails' heading repeats the subject and is not in the text part.
    SKIP = frozenset({"head", "title", "style", "script", "h1"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._href: str | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self._href, self._link_text = dict(attrs).get("href"), []

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a" and self._href is not None:
            label = "".join(self._link_text).strip()
            # "<a href=URL>label</a>" reads "label: URL" in plain text, as our text part writes it.
            self.parts.append(f"{label}: {self._href}" if label and label != self._href else self._href)
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._href is not None:
            self._link_text.append(data)
        else:
            self.parts.append(data)


def to_plain(body: str) -> str:
    """Plain text of an HTML body (a text body comes back as it was)."""
    if not _HTML.search(body):
        return body
    parser = _Text()
    parser.feed(body)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
