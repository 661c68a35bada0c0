"""The one item table the stores share, as the few primitives they need. Two implementations
(`DynamoDBTable`, `MemoryTable`) give these the same meaning; each store is written once on top
of them, and the stores' contract tests run against both.

An update is a small description (what to set, add, remove; on which condition) rather than a
DynamoDB expression, so the in-memory table can apply exactly the same change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

Item = dict[str, Any]


@dataclass(frozen=True)
class Change:
    """Attribute paths are dotted (`n.state` is attribute `state` of map `n`)."""

    set: dict[str, Any] = field(default_factory=dict)
    set_if_absent: dict[str, Any] = field(default_factory=dict)  # leaves a present value alone
    add: dict[str, int] = field(default_factory=dict)  # an absent number counts as 0
    remove: tuple[str, ...] = ()


@dataclass(frozen=True)
class Condition:
    """All that are given must hold; an update whose condition fails changes nothing."""

    exists: bool = False  # the item exists (an update would otherwise create it)
    one_of: tuple[str, tuple[Any, ...]] | None = None  # the value at a path is one of these
    below: tuple[str, int] | None = None  # the number at a path is absent or under this


class Table(Protocol):
    def put(self, item: Item, *, only_if_new: bool = False) -> bool:
        """Write the item; with `only_if_new`, only when no item has its key (False if one has)."""
        ...

    def replace(self, item: Item) -> bool:
        """Write the item; True when no item had its key before."""
        ...

    def get(self, pk: str, sk: str) -> Item | None: ...

    def query(
        self,
        pk: str,
        sk_prefix: str = "",
        *,
        limit: int | None = None,
        newest_first: bool = False,
        below: str | None = None,
    ) -> list[Item]:
        """The partition's items (whose sort key starts with the prefix), by sort key, read consistently;
        with `newest_first` from the highest sort key down, and at most `limit` of them; with `below`
        (not with a prefix) only those whose sort key is less than it."""
        ...

    def delete(self, pk: str, sk: str) -> bool:
        """Remove the item; True when there was one."""
        ...

    def update(self, pk: str, sk: str, change: Change, condition: Condition | None = None) -> bool:
        """Apply the change (creating the item when absent, unless the condition needs it); False,
        with nothing changed, when the condition does not hold."""
        ...
