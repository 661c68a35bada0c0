"""The item table in memory: for unit tests, and the reference the DynamoDB table is held to.

It keeps the same items as DynamoDB (through the same item models), under a lock, and applies
updates with DynamoDB's meaning (an update creates an absent item unless its condition needs it),
so the contract tests catch a difference in behaviour rather than in representation.
"""

from __future__ import annotations

import copy
import threading
from typing import Any

from chalicelib.adapters.table import Change, Condition, Item

_MISSING = object()


def _get_path(item: Item | None, path: str) -> Any:
    value: Any = item
    for name in path.split("."):
        if not isinstance(value, dict) or name not in value:
            return _MISSING
        value = value[name]
    return value


def _parent(item: Item, path: str) -> tuple[dict[str, Any], str]:
    *parents, last = path.split(".")
    node = item
    for name in parents:
        node = node[name]  # DynamoDB refuses a path into a map that does not exist: so does this
    return node, last


def _holds(condition: Condition, item: Item | None) -> bool:
    if condition.exists and item is None:
        return False
    if condition.one_of is not None:
        path, allowed = condition.one_of
        if _get_path(item, path) not in allowed:
            return False
    if condition.below is not None:
        path, limit = condition.below
        value = _get_path(item, path)
        if value is not _MISSING and not value < limit:
            return False
    return True


class MemoryTable:
    def __init__(self) -> None:
        self.items: dict[tuple[str, str], Item] = {}
        self._lock = threading.Lock()

    def put(self, item: Item, *, only_if_new: bool = False) -> bool:
        key = (item["pk"], item["sk"])
        with self._lock:
            if only_if_new and key in self.items:
                return False
            self.items[key] = copy.deepcopy(item)
            return True

    def replace(self, item: Item) -> bool:
        key = (item["pk"], item["sk"])
        with self._lock:
            new = key not in self.items
            self.items[key] = copy.deepcopy(item)
            return new

    def get(self, pk: str, sk: str) -> Item | None:
        with self._lock:
            item = self.items.get((pk, sk))
            return copy.deepcopy(item) if item else None

    def query(
        self,
        pk: str,
        sk_prefix: str = "",
        *,
        limit: int | None = None,
        newest_first: bool = False,
        below: str | None = None,
    ) -> list[Item]:
        if below is not None and sk_prefix:
            raise ValueError("a query takes a prefix or an upper bound, not both (as DynamoDB's key condition)")
        with self._lock:
            keys = sorted(
                (
                    k
                    for k in self.items
                    if k[0] == pk and k[1].startswith(sk_prefix) and (below is None or k[1] < below)
                ),
                reverse=newest_first,
            )
            found = [copy.deepcopy(self.items[k]) for k in keys]
            return found if limit is None else found[:limit]

    def delete(self, pk: str, sk: str) -> bool:
        with self._lock:
            return self.items.pop((pk, sk), None) is not None

    def update(self, pk: str, sk: str, change: Change, condition: Condition | None = None) -> bool:
        with self._lock:
            current = self.items.get((pk, sk))
            if condition is not None and not _holds(condition, current):
                return False
            item = copy.deepcopy(current) if current is not None else {"pk": pk, "sk": sk}
            for path, value in change.set.items():
                node, name = _parent(item, path)
                node[name] = copy.deepcopy(value)
            for path, value in change.set_if_absent.items():
                node, name = _parent(item, path)
                node.setdefault(name, copy.deepcopy(value))
            for path, amount in change.add.items():
                node, name = _parent(item, path)
                node[name] = node.get(name, 0) + amount
            for path in change.remove:
                node, name = _parent(item, path)
                node.pop(name, None)
            self.items[(pk, sk)] = item  # whole, or not at all, as DynamoDB applies an update
            return True
