"""The item table on DynamoDB (low-level client, so the IAM policy names every action)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from chalicelib.adapters.table import Change, Condition, Item

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


def _to_ddb(item: Item) -> dict[str, Any]:
    return {k: _serializer.serialize(v) for k, v in item.items()}


def _from_ddb(item: dict[str, Any]) -> Item:
    return {k: _plain(_deserializer.deserialize(v)) for k, v in item.items()}


def _plain(value: Any) -> Any:
    """DynamoDB numbers come back as Decimal; ours are all integers."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return int(value)
    return value


def _unless_condition_fails(write: Callable[[], Any]) -> bool:
    """True when the conditional write was made, False when its condition did not hold. Told by
    the error code, not by `client.exceptions`: two clients may carry two classes of the error."""
    try:
        write()
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
            return False
        raise
    return True


class DynamoDBTable:
    def __init__(self, client_factory: Callable[[], Any], table_name: str) -> None:
        self._client_factory = client_factory
        self._table = table_name

    @property
    def _db(self) -> Any:
        return self._client_factory()

    def put(self, item: Item, *, only_if_new: bool = False) -> bool:
        kwargs: dict[str, Any] = {"TableName": self._table, "Item": _to_ddb(item)}
        if only_if_new:
            kwargs["ConditionExpression"] = "attribute_not_exists(pk)"
        return _unless_condition_fails(lambda: self._db.put_item(**kwargs))

    def replace(self, item: Item) -> bool:
        response = self._db.put_item(TableName=self._table, Item=_to_ddb(item), ReturnValues="ALL_OLD")
        return "Attributes" not in response

    def get(self, pk: str, sk: str) -> Item | None:
        response = self._db.get_item(TableName=self._table, Key=_to_ddb({"pk": pk, "sk": sk}), ConsistentRead=True)
        return _from_ddb(response["Item"]) if "Item" in response else None

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
            raise ValueError("a query takes a prefix or an upper bound, not both (one key condition on sk)")
        if limit is not None and limit <= 0:
            return []
        condition = "pk = :pk"
        values: dict[str, Any] = {":pk": pk}
        if sk_prefix:
            condition += " AND begins_with(sk, :prefix)"
            values[":prefix"] = sk_prefix
        if below is not None:
            condition += " AND sk < :below"
            values[":below"] = below
        kwargs: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": condition,
            "ExpressionAttributeValues": _to_ddb(values),
            "ConsistentRead": True,
            "ScanIndexForward": not newest_first,
        }
        items: list[Item] = []
        while True:
            if limit is not None:
                kwargs["Limit"] = limit - len(items)
            response = self._db.query(**kwargs)
            items.extend(_from_ddb(i) for i in response["Items"])
            if "LastEvaluatedKey" not in response or (limit is not None and len(items) >= limit):
                return items
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    def delete(self, pk: str, sk: str) -> bool:
        response = self._db.delete_item(
            TableName=self._table, Key=_to_ddb({"pk": pk, "sk": sk}), ReturnValues="ALL_OLD"
        )
        return "Attributes" in response

    def update(self, pk: str, sk: str, change: Change, condition: Condition | None = None) -> bool:
        expression = _Expression()
        kwargs: dict[str, Any] = {
            "TableName": self._table,
            "Key": _to_ddb({"pk": pk, "sk": sk}),
            "UpdateExpression": expression.update(change),
        }
        if condition is not None:
            kwargs["ConditionExpression"] = expression.condition(condition)
        kwargs["ExpressionAttributeNames"] = expression.names
        if expression.values:
            kwargs["ExpressionAttributeValues"] = _to_ddb(expression.values)
        return _unless_condition_fails(lambda: self._db.update_item(**kwargs))


class _Expression:
    """Builds one request's update and condition expressions with placeholder names and values."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.values: dict[str, Any] = {}

    def path(self, dotted: str) -> str:
        parts = []
        for name in dotted.split("."):
            placeholder = next((k for k, v in self.names.items() if v == name), f"#n{len(self.names)}")
            self.names[placeholder] = name
            parts.append(placeholder)
        return ".".join(parts)

    def value(self, value: Any) -> str:
        placeholder = f":v{len(self.values)}"
        self.values[placeholder] = value
        return placeholder

    def update(self, change: Change) -> str:
        sets = [f"{self.path(p)} = {self.value(v)}" for p, v in change.set.items()]
        sets += [
            f"{self.path(p)} = if_not_exists({self.path(p)}, {self.value(v)})" for p, v in change.set_if_absent.items()
        ]
        sets += [
            f"{self.path(p)} = if_not_exists({self.path(p)}, {self.value(0)}) + {self.value(n)}"
            for p, n in change.add.items()
        ]
        clauses = ["SET " + ", ".join(sets)] if sets else []
        if change.remove:
            clauses.append("REMOVE " + ", ".join(self.path(p) for p in change.remove))
        return " ".join(clauses)

    def condition(self, condition: Condition) -> str:
        parts = []
        if condition.exists:
            parts.append("attribute_exists(pk)")
        if condition.one_of is not None:
            path, allowed = condition.one_of
            parts.append(f"{self.path(path)} IN ({', '.join(self.value(v) for v in allowed)})")
        if condition.below is not None:
            path, limit = condition.below
            parts.append(f"(attribute_not_exists({self.path(path)}) OR {self.path(path)} < {self.value(limit)})")
        return " AND ".join(parts) or "attribute_exists(pk) OR attribute_not_exists(pk)"
