"""The notification ledger on the item table (port: `NotificationLedger`): a notification's
state on its event item, the daily counters, unusable addresses and messages held for the
morning. Addresses appear only as keyed hashes."""

from __future__ import annotations

import datetime as dt

from chalicelib.adapters.items import (
    NotificationPart,
    cap_key,
    case_pk,
    held_key,
    notification_path,
    suppression_key,
)
from chalicelib.adapters.table import Change, Condition, Table
from chalicelib.domain import clock
from chalicelib.domain.messages import NotificationRef
from chalicelib.domain.models import Notification, NotificationChange

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
        remove = tuple(notification_path(name, party) for name in change.cleared())
        return self.table.update(
            case_pk(ref.org_id, ref.case_id),
            f"EVENT#{ref.event_key}",
            Change(set=sets, add=add, remove=remove),
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

    def add_notifications(self, ref: NotificationRef, notifications: dict[str, Notification]) -> None:
        pk, sk = case_pk(ref.org_id, ref.case_id), f"EVENT#{ref.event_key}"
        parts = {slot: NotificationPart(**n.model_dump()).item() for slot, n in notifications.items()}
        item = self.table.get(pk, sk)
        if item is None or not parts:
            return
        if "ns" not in item:  # an event that told nobody has no map to add to yet
            self.table.update(pk, sk, Change(set_if_absent={"ns": parts}), Condition(exists=True))
        paths = {f"ns.{slot}": part for slot, part in parts.items()}  # another's map first: ours still
        self.table.update(pk, sk, Change(set_if_absent=paths), Condition(exists=True))

    def schedule_reminder(self, day: str, org_id: str, case_id: str, event_key: str) -> None:
        pk, sk = remind_key(day, org_id, case_id, event_key)
        self.table.put({"pk": pk, "sk": sk, "org": org_id, "case": case_id, "ev": event_key, "expires_at": _until(day)})

    def reminders_due(self, day: str) -> list[tuple[str, str, str]]:
        pk, _ = remind_key(day, "", "", "")
        return [(i["org"], i["case"], i["ev"]) for i in self.table.query(pk)]

    def drop_reminder(self, day: str, org_id: str, case_id: str, event_key: str) -> None:
        self.table.delete(*remind_key(day, org_id, case_id, event_key))


def remind_key(day: str, org_id: str, case_id: str, event_key: str) -> tuple[str, str]:
    """An action's reminder, keys only, under the morning it is due: the scheduled job reads a
    day across organisations, as the morning release reads `QUIET#<day>`. The case id goes last
    because it is the only part that may hold '#'."""
    return f"REMIND#{day}", f"{org_id}#{event_key}#{case_id}"


def _until(day: str) -> int:
    """A week after the reminder's day: an item the job never reached goes by itself."""
    return int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC).timestamp()) + 7 * DAY_S
