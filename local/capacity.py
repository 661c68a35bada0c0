"""Counts DynamoDB capacity units from the requests a client really makes (botocore hooks).

moto does not report consumed capacity faithfully, so the units are computed from item sizes
with DynamoDB's published rules: a write costs ceil(size / 1 KB) units (the larger of the item
before and after, for an update; a failed conditional write costs the same); a strongly
consistent read costs ceil(size / 4 KB) units, summed over a Query's items before rounding.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any

WRITES = {"PutItem", "UpdateItem", "DeleteItem"}
REPORT_PARTITIONS = ("#REPORT", "#DUE")  # management information's counters and due items


def attribute_size(value: dict[str, Any]) -> int:
    ((kind, data),) = value.items()
    if kind == "S":
        return len(data.encode())
    if kind == "N":
        return len(data.strip("-").replace(".", "")) // 2 + 1 + 1
    if kind == "B":
        return len(data) * 3 // 4
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "M":
        return 3 + sum(len(k.encode()) + attribute_size(v) + 1 for k, v in data.items())
    if kind == "L":
        return 3 + sum(attribute_size(v) + 1 for v in data)
    if kind in ("SS", "NS", "BS"):
        return sum(len(str(v).encode()) for v in data)
    raise ValueError(kind)


def item_size(item: dict[str, Any]) -> int:
    return sum(len(name.encode()) + attribute_size(value) for name, value in item.items())


class CapacityMeter:
    """Attach to a boto3 DynamoDB client; `reader` is a second, unmetered client on the same table."""

    def __init__(self, client: Any, reader: Any) -> None:
        self.reader = reader
        self.write_units: Counter[str] = Counter()
        self.read_units: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()
        self.report_write_units = 0  # of the write units, those of management information's items
        self._pending: dict[int, tuple[str, dict[str, Any], int]] = {}
        client.meta.events.register("before-call.dynamodb", self._before)
        client.meta.events.register("after-call.dynamodb", self._after)

    @property
    def total_writes(self) -> int:
        return sum(self.write_units.values())

    @property
    def total_reads(self) -> float:
        return sum(self.read_units.values())

    def reset(self) -> None:
        self.write_units.clear()
        self.read_units.clear()
        self.calls.clear()
        self.report_write_units = 0

    def _current_size(self, body: dict[str, Any]) -> int:
        item = self.reader.get_item(TableName=body["TableName"], Key=body["Key"], ConsistentRead=True)
        return item_size(item.get("Item", {}))

    def _before(self, model: Any, params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
        name = model.name
        body = json.loads(params.get("body") or b"{}")
        before = self._current_size(body) if name in ("UpdateItem", "DeleteItem") else 0
        context["capacity"] = (name, body, before)

    def _after(self, model: Any, parsed: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
        name, body, before = context.get("capacity", (model.name, {}, 0))
        self.calls[name] += 1
        if name == "PutItem":
            size = item_size(body["Item"])
        elif name == "UpdateItem":
            size = max(before, self._current_size(body))
        elif name == "DeleteItem":
            size = before
        elif name == "GetItem":
            units = math.ceil(item_size(parsed.get("Item", {})) / 4096) or 1
            self.read_units[name] += units if body.get("ConsistentRead") else units / 2
            return
        elif name == "Query":
            total = sum(item_size(i) for i in parsed.get("Items", []))
            units = math.ceil(total / 4096) or 1
            self.read_units[name] += units if body.get("ConsistentRead") else units / 2
            return
        else:
            return
        units = max(1, math.ceil(size / 1024))
        self.write_units[name] += units
        pk = (body.get("Item") or body.get("Key") or {}).get("pk", {}).get("S", "")
        if pk.endswith(REPORT_PARTITIONS):
            self.report_write_units += units
