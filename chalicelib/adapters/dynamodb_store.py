"""The store on DynamoDB: one table, keys as in `chalicelib.models.stored`."""

from __future__ import annotations

from typing import Any, Callable

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

from chalicelib import clock
from chalicelib.models.domain import (
    Case,
    CaseType,
)
from chalicelib.models.stored import (
    CaseTypeItem,
    EventItem,
    SubscriberChangeItem,
    cap_key,
    case_pk,
    notification_fields,
    held_key,
    org_pk,
    token_pk,
)
from chalicelib.adapters.item_store import ItemStore
from chalicelib.zgw.store import ZgwStoreMixin

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


def _to_ddb(item: dict[str, Any]) -> dict[str, Any]:
    return {k: _serializer.serialize(v) for k, v in item.items()}


def _from_ddb(item: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(_deserializer.deserialize(v)) for k, v in item.items()}


def _plain(value: Any) -> Any:
    """DynamoDB numbers come back as Decimal; ours are all integers."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "as_integer_ratio") and not isinstance(value, (int, float)):
        return int(value)
    return value


class DynamoDBStore(ItemStore, ZgwStoreMixin):
    def __init__(self, client_factory: Callable[[], Any], table_name: str) -> None:
        self._client_factory = client_factory
        self._table = table_name

    @property
    def _db(self) -> Any:
        return self._client_factory()

    def _put(self, item: dict[str, Any], *, only_if_new: bool = False) -> bool:
        kwargs: dict[str, Any] = {"TableName": self._table, "Item": _to_ddb(item)}
        if only_if_new:
            kwargs["ConditionExpression"] = "attribute_not_exists(pk)"
        try:
            self._db.put_item(**kwargs)
        except self._db.exceptions.ConditionalCheckFailedException:
            return False
        return True

    def _get(self, pk: str, sk: str) -> dict[str, Any] | None:
        response = self._db.get_item(
            TableName=self._table,
            Key=_to_ddb({"pk": pk, "sk": sk}),
            ConsistentRead=True,
        )
        return _from_ddb(response["Item"]) if "Item" in response else None

    def _query(self, pk: str, sk_prefix: str | None = None) -> list[dict[str, Any]]:
        condition = "pk = :pk"
        values: dict[str, Any] = {":pk": pk}
        if sk_prefix:
            condition += " AND begins_with(sk, :prefix)"
            values[":prefix"] = sk_prefix
        kwargs: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": condition,
            "ExpressionAttributeValues": _to_ddb(values),
            "ConsistentRead": True,
        }
        items: list[dict[str, Any]] = []
        while True:
            response = self._db.query(**kwargs)
            items.extend(_from_ddb(i) for i in response["Items"])
            if "LastEvaluatedKey" not in response:
                return items
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    # organisations and clients
    # case types
    def put_case_type(self, org_id: str, case_type: CaseType) -> bool:
        item = _to_ddb(CaseTypeItem.of(org_id, case_type).item())
        response = self._db.put_item(TableName=self._table, Item=item, ReturnValues="ALL_OLD")
        return "Attributes" not in response

    def list_case_types(self, org_id: str) -> list[CaseType]:
        items = self._query(org_pk(org_id), "CASETYPE#")
        return [CaseTypeItem.model_validate(i).domain() for i in items]

    # cases
    def load_case(self, org_id: str, case_id: str) -> Case:
        events, changes = [], []
        for item in self._query(case_pk(org_id, case_id)):
            if item["sk"].startswith("EVENT#"):
                events.append(EventItem.model_validate(item).domain())
            elif item["sk"].startswith("SUB#"):
                changes.append(SubscriberChangeItem.model_validate(item).domain())
        return Case(org_id=org_id, id=case_id, events=tuple(events), subscriber_changes=tuple(changes))

    def transition_notification(
        self,
        org_id: str,
        case_id: str,
        event_key: str,
        from_states: tuple[str, ...],
        to_state: str,
        *,
        count_attempt: bool = False,
        provider_id: str | None = None,
        error: str | None = None,
        channel: str | None = None,
        error_class: str | None = None,
        fallback: bool | None = None,
    ) -> bool:
        sets = ["n.#state = :to", "n.upd = :now"]
        values: dict[str, Any] = {":to": to_state, ":now": clock.now().isoformat().replace("+00:00", "Z")}
        if count_attempt:
            sets.append("n.att = n.att + :one")
            values[":one"] = 1
        changes = notification_fields(
            provider_id=provider_id, error=error, channel=channel, error_class=error_class, fallback=fallback,
        )
        for name, value in changes.items():
            sets.append(f"n.{name} = :{name}")
            values[f":{name}"] = value
        allowed = []
        for i, state in enumerate(from_states):
            values[f":from{i}"] = state
            allowed.append(f":from{i}")
        try:
            self._db.update_item(
                TableName=self._table,
                Key=_to_ddb({"pk": case_pk(org_id, case_id), "sk": f"EVENT#{event_key}"}),
                UpdateExpression="SET " + ", ".join(sets),
                ConditionExpression=f"n.#state IN ({', '.join(allowed)})",
                ExpressionAttributeNames={"#state": "state"},
                ExpressionAttributeValues=_to_ddb(values),
            )
        except self._db.exceptions.ConditionalCheckFailedException:
            return False
        return True

    def _delete(self, pk: str, sk: str) -> None:
        self._db.delete_item(TableName=self._table, Key=_to_ddb({"pk": pk, "sk": sk}))

    # security and privacy: client revocation, retention (TTL), erasure
    def delete_client(self, org_id: str, client_id: str) -> bool:
        response = self._db.delete_item(
            TableName=self._table, Key=_to_ddb({"pk": org_pk(org_id), "sk": f"CLIENT#{client_id}"}),
            ReturnValues="ALL_OLD",
        )
        return "Attributes" in response

    def _set_expiry(self, pk: str, sk: str, expires_at: int | None) -> None:
        kwargs: dict[str, Any] = {"TableName": self._table, "Key": _to_ddb({"pk": pk, "sk": sk}),
                                  "ConditionExpression": "attribute_exists(pk)"}
        if expires_at is None:
            kwargs["UpdateExpression"] = "REMOVE expires_at"
        else:
            kwargs["UpdateExpression"] = "SET expires_at = :e"
            kwargs["ExpressionAttributeValues"] = _to_ddb({":e": expires_at})
        try:
            self._db.update_item(**kwargs)
        except self._db.exceptions.ConditionalCheckFailedException:
            pass  # gone meanwhile (TTL or deletion): nothing to expire

    def expire_case(self, org_id: str, case_id: str, token_hash: str, expires_at: int | None) -> int:
        targets = [(i["pk"], i["sk"]) for i in self._query(case_pk(org_id, case_id))
                   if i.get("expires_at") != expires_at]
        token = self._get(token_pk(org_id, token_hash), "TOKEN")
        if token is not None and token.get("expires_at") != expires_at:
            targets.append((token["pk"], token["sk"]))
        for pk, sk in targets:
            self._set_expiry(pk, sk, expires_at)
        return len(targets)

    def erase_contact_data(self, org_id: str, case_id: str) -> int:
        written = 0
        for item in self._query(case_pk(org_id, case_id)):
            sub = item.get("sub")
            if not isinstance(sub, dict) or not ({"ph", "em"} & set(sub)):
                continue
            self._db.update_item(
                TableName=self._table, Key=_to_ddb({"pk": item["pk"], "sk": item["sk"]}),
                UpdateExpression="REMOVE #sub.ph, #sub.em", ExpressionAttributeNames={"#sub": "sub"},
                ConditionExpression="attribute_exists(pk)",
            )
            written += 1
        return written

    # delivery bookkeeping: caps, suppressions, quiet hours
    def count_recipient_message(self, org_id: str, recipient: str, day: str, limit: int) -> bool:
        pk, sk = cap_key(org_id, recipient, day)
        try:
            # One conditional ADD: counting and checking the cap cannot race.
            self._db.update_item(
                TableName=self._table,
                Key=_to_ddb({"pk": pk, "sk": sk}),
                UpdateExpression="ADD c :one SET expires_at = if_not_exists(expires_at, :exp)",
                ConditionExpression="attribute_not_exists(c) OR c < :limit",
                ExpressionAttributeValues=_to_ddb(
                    {":one": 1, ":limit": limit, ":exp": int(clock.now().timestamp()) + 2 * 86400}
                ),
            )
        except self._db.exceptions.ConditionalCheckFailedException:
            return False
        return True

    def hold_for_morning(self, day: str, org_id: str, case_id: str, event_key: str) -> None:
        pk, sk = held_key(day, org_id, case_id, event_key)
        expires = int(clock.now().timestamp()) + 3 * 86400
        self._put({"pk": pk, "sk": sk, "org": org_id, "case": case_id, "ev": event_key, "expires_at": expires})

    def release_held(self, day: str, org_id: str, case_id: str, event_key: str) -> None:
        pk, sk = held_key(day, org_id, case_id, event_key)
        self._db.delete_item(TableName=self._table, Key=_to_ddb({"pk": pk, "sk": sk}))
