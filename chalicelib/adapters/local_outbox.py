"""The local run's outbox (port: `Outbox`): every SMS and e-mail handed to a provider, oldest first.

Reads two loopback sources over HTTP with the standard library (never imports twilio):

- SMS: the Twilio stand-in's `GET {twilio_standin_url}/outbox`.
- E-mail: the moto server's `GET {moto_url}/moto-api/data.json`, under `ses.RawMessage`: the
  MIME message exactly as the e-mail channel built it; its plain-text part is the body and its
  Date header the time.

A source that is not configured or does not answer is skipped.
"""

from __future__ import annotations

import json
import logging
import urllib.request
from datetime import UTC, datetime
from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from typing import Any

log = logging.getLogger(__name__)
TIMEOUT_S = 3.0


class LocalOutbox:
    def __init__(self, twilio_standin_url: str | None, moto_url: str | None) -> None:
        self._twilio_standin_url = twilio_standin_url
        self._moto_url = moto_url

    def messages(self) -> list[dict[str, Any]]:
        messages = _sms(self._twilio_standin_url) + _email(self._moto_url)
        return sorted(messages, key=lambda m: m["at"])  # stable: each source is already in order


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
    for raw in (data.get("ses") or {}).get("RawMessage", []):
        mail = BytesParser(policy=policy.default).parsebytes((raw.get("raw_data") or "").encode())
        plain = mail.get_body(preferencelist=("plain",))
        at = mail["Date"]
        out.append(
            {
                "channel": "email",
                "to": str(mail["To"] or ""),
                "subject": str(mail["Subject"] or ""),
                "body": plain.get_content() if plain is not None else "",
                "at": _utc(parsedate_to_datetime(at).isoformat() if at else None),
            }
        )
    return out


def _utc(value: str | None) -> str:
    """Times from both sources written alike, so they sort together as strings."""
    try:
        moment = datetime.fromisoformat(value or "")
    except ValueError:
        moment = datetime.now(UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")
