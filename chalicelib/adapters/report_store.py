"""Management information on the item table (port: `Reports`).

| item                                  | pk                  | sk                                   |
|---------------------------------------|---------------------|--------------------------------------|
| counters of a case type, day and kind | ORG#<org>#REPORT    | <case type>#<yyyy-mm-dd>#<E, L or N> |
| an open case under its expected end   | ORG#<org>#DUE       | <yyyy-mm-dd>#<case type>#<case_id>   |

Counters are numbers added with one `UpdateItem` each (DynamoDB's atomic ADD, written as
`if_not_exists(x, 0) + n`), created when absent; their attribute names are the deltas' names
(`o`, `c`, `w`, `s:<status>`, `l:<days>`, `n:<channel>:<outcome>`). A report reads the
organisation's counter partition (one case type by its sort-key prefix) with one Query; the
overdue list reads the due partition up to today with one Query. No key holds personal data:
case ids are the organisation's own references, used in its case keys already.
"""

from __future__ import annotations

import datetime as dt

from chalicelib.adapters.table import Change, Table
from chalicelib.domain.reporting import DayCounts, Due, Tally


def counters_pk(org_id: str) -> str:
    return f"ORG#{org_id}#REPORT"


def due_pk(org_id: str) -> str:
    return f"ORG#{org_id}#DUE"


def _due_sk(due: Due) -> str:
    return f"{due.due.isoformat()}#{due.case_type}#{due.case_id}"


class ReportStore:
    def __init__(self, table: Table) -> None:
        self.table = table

    def count(self, org_id: str, tally: Tally) -> None:
        if tally.deltas:
            sk = f"{tally.case_type}#{tally.day}#{tally.kind}"
            self.table.update(counters_pk(org_id), sk, Change(add=dict(tally.deltas)))

    def day_counts(self, org_id: str, case_type: str | None = None) -> list[DayCounts]:
        items = self.table.query(counters_pk(org_id), f"{case_type}#" if case_type else "")
        found = []
        for item in items:
            code, day, _ = item["sk"].rsplit("#", 2)
            counts = {k: int(v) for k, v in item.items() if k not in ("pk", "sk")}
            found.append(DayCounts(code, day, counts))
        return found

    def put_due(self, org_id: str, due: Due) -> None:
        self.table.put({"pk": due_pk(org_id), "sk": _due_sk(due)})

    def drop_due(self, org_id: str, due: Due) -> None:
        self.table.delete(due_pk(org_id), _due_sk(due))

    def due_before(self, org_id: str, day: dt.date) -> list[Due]:
        found = []
        for item in self.table.query(due_pk(org_id), below=day.isoformat()):
            date, code, case_id = item["sk"].split("#", 2)
            found.append(Due(dt.date.fromisoformat(date), code, case_id))
        return found
