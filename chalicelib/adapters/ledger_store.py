"""The notification ledger on the item table (port: `NotificationLedger`): a notification's
state on its event item, the daily counters, unusable addresses and messages held for the
morning. Addresses appear only as keyed hashes."""

from __future__ import annotations

from chalicelib.adapters.items import cap_key, case_pk, held_key, notification_path, suppression_key
from chalicelib.adapters.table import Change, Condition, Table
from chalicelib.domain import clock
from chalicelib.domain.messages import NotificationRef
from chalicelib.domain.models import NotificationChange

DAY_S = 86_400


def _expiry(days: int) -> int:
    return int(clock.now().timestamp()) + days * DAY_S


class LedgerStore:
    def __init__(self, table: Table) -> None:
        self.table = table

    def transition(self, ref: NotificationRef, from_states: tuple[str, ...], change: NotificationChange) -> bool:
        party = ref.party_id
        sets = {
            notification_path("state", party): change.state,
            notification_path("updated_at", party): clock.now().isoformat().replace("+00:00", "Z"),
        }
        sets |= {notification_path(name, party): value for name, value in change.recorded().items()}
        add = {notification_path("attempts", party): 1} if change.count_attempt else {}
        return self.table.update(
            case_pk(ref.org_id, ref.case_id),
            f"EVENT#{ref.event_key}",
            Change(set=sets, add=add),
            Condition(one_of=(notification_path("state", party), from_states)),
        )

    def count_recipient_message(self, org_id: str, recipient: str, day: str, limit: int) -> bool:
        if limit <= 0:
            return False  # a condition "absent or under the limit" would let the first one through
        # One conditional update: counting and checking the cap cannot race.
        pk, sk = cap_key(org_id, recipient, day)
        change = Change(add={"c": 1}, set_if_absent={"expires_at": _expiry(2)})
        return self.table.update(pk, sk, change, Condition(below=("c", limit)))

    def suppress_address(self, org_id: str, address_hash: str, reason: str) -> None:
        pk, sk = suppression_key(org_id, address_hash)
        self.table.put({"pk": pk, "sk": sk, "reason": reason, "at": clock.now().isoformat()})

    def address_suppressed(self, org_id: str, address_hash: str) -> bool:
        return self.table.get(*suppression_key(org_id, address_hash)) is not None

    def hold_for_morning(self, day: str, ref: NotificationRef) -> None:
        pk, sk = held_key(day, ref.org_id, ref.case_id, ref.event_key, ref.party_id)
        item = {"pk": pk, "sk": sk, "org": ref.org_id, "case": ref.case_id, "ev": ref.event_key, "pid": ref.party_id}
        self.table.put(item | {"expires_at": _expiry(3)})

    def held_for_morning(self, day: str) -> list[NotificationRef]:
        pk, _ = held_key(day, "", "", "")
        return [NotificationRef(i["org"], i["case"], i["ev"], i.get("pid", "initiator")) for i in self.table.query(pk)]

    def release_held(self, day: str, ref: NotificationRef) -> None:
        self.table.delete(*held_key(day, ref.org_id, ref.case_id, ref.event_key, ref.party_id))
