"""What personal data looks like, and a recorder of every AWS request the app makes."""

from __future__ import annotations

import json
import re
from typing import Any

import botocore.client

from chalicelib.domain.privacy import is_bsn

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# Dutch mobiles in every way they are written: 06..., +316..., 00316..., 316... (E.164 digits)
PHONE = re.compile(r"(?<![0-9A-Za-z])(?:\+31|0031|31|0)[ -]?6[ -]?(?:\d[ -]?){7}\d(?![0-9A-Za-z])")
NINE_DIGITS = re.compile(r"(?<![0-9A-Za-z])\d{9}(?![0-9A-Za-z])")


def bsn_like(text: str) -> list[str]:
    """Nine-digit numbers standing alone that pass the eleven-test."""
    return [n for n in NINE_DIGITS.findall(text) if is_bsn(n)]


def findings(text: str, *, contact: bool = True, extra: tuple[str, ...] = ()) -> list[str]:
    found = [*bsn_like(text), *(x for x in extra if x in text)]
    if contact:
        found += EMAIL.findall(text) + PHONE.findall(text)
    return found


class AwsRecorder:
    """Wraps every botocore call: keys of DynamoDB requests and SQS message bodies are kept."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.queue_bodies: list[str] = []
        self._original = botocore.client.BaseClient._make_api_call

    def __enter__(self) -> AwsRecorder:
        recorder, original = self, self._original

        def record(client: Any, operation: str, params: dict[str, Any]) -> Any:
            recorder._take(operation, params)
            return original(client, operation, params)

        botocore.client.BaseClient._make_api_call = record
        return self

    def __exit__(self, *exc: object) -> None:
        botocore.client.BaseClient._make_api_call = self._original

    def _take(self, operation: str, params: dict[str, Any]) -> None:
        if operation == "SendMessage":
            self.queue_bodies.append(params["MessageBody"])
        elif operation == "SendMessageBatch":
            self.queue_bodies += [e["MessageBody"] for e in params["Entries"]]
        for name in ("Key", "Item", "ExclusiveStartKey"):
            if isinstance(params.get(name), dict):
                item = params[name]
                self.keys.append(json.dumps({k: item[k] for k in ("pk", "sk") if k in item}))
        if "ExpressionAttributeValues" in params and "KeyConditionExpression" in params:
            self.keys.append(json.dumps(params["ExpressionAttributeValues"]))
