"""Failed sign-in attempts on the item table (port: `Attempts`).

| item                                   | pk                                | sk             |
|----------------------------------------|-----------------------------------|----------------|
| failures of an address in a window     | ATTEMPTS#<kind>#<hmac(address)>   | WINDOW#<n>     |

One conditional-free counter update per failure, one consistent read per attempt: only the
routes that take a sign-in secret (the operator's) pay for it, never ingest or tracking.
"""

from __future__ import annotations

from chalicelib.adapters.table import Change, Table

PREFIX = "ATTEMPTS#"


class AttemptStore:
    def __init__(self, table: Table) -> None:
        self._table = table

    def failures(self, kind: str, address_hash: str, window: int) -> int:
        item = self._table.get(f"{PREFIX}{kind}#{address_hash}", f"WINDOW#{window}")
        return int(item.get("n", 0)) if item else 0

    def count_failure(self, kind: str, address_hash: str, window: int, expires_at: int) -> None:
        change = Change(add={"n": 1}, set_if_absent={"expires_at": expires_at})
        self._table.update(f"{PREFIX}{kind}#{address_hash}", f"WINDOW#{window}", change)
