"""The local run's moto answers a Query from its partition, as DynamoDB does (moto itself lists
and sorts the whole table for every Query, so a long local run or `make bench` measured moto's
sort), and answers exactly as before: the same items, order, conditions, filter and pages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from local import aws
from local.resources import create_table

REGION = "eu-west-1"
TABLE = "zaakstatus-queries"


@pytest.fixture
def table(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, list[str]]]:
    from moto.dynamodb.models.table import Table

    whole_table: list[str] = []
    listed = Table.all_items

    def all_items(self: Any) -> Any:
        whole_table.append(self.name)
        return listed(self)

    # The change is the local run's, for its whole process; here it is undone after the test.
    monkeypatch.setattr(Table, "query", Table.query)
    monkeypatch.setattr(Table, "all_items", all_items)
    monkeypatch.setattr(Table, "zaakstatus_by_partition", False, raising=False)
    aws.query_by_partition()
    with mock_aws():
        dynamodb = boto3.client("dynamodb", region_name=REGION)
        create_table(dynamodb, TABLE)
        for pk, count in (("ORG#a#CASE#1", 5), ("ORG#a#CASE#2", 40), ("ORG#b#CASE#1", 3)):
            for i in range(count):
                item = {"pk": {"S": pk}, "sk": {"S": f"{'EVT' if i % 2 else 'PARTY'}#{i:03d}"}, "n": {"N": str(i)}}
                dynamodb.put_item(TableName=TABLE, Item=item)
        whole_table.clear()
        yield dynamodb, whole_table


def _query(dynamodb: Any, pk: str, **extra: Any) -> list[tuple[str, int]]:
    answer = dynamodb.query(
        TableName=TABLE,
        KeyConditionExpression="pk = :pk" + extra.pop("and_sk", ""),
        ExpressionAttributeValues={":pk": {"S": pk}, **extra.pop("values", {})},
        **extra,
    )
    return [(i["sk"]["S"], int(i["n"]["N"])) for i in answer["Items"]]


def test_a_query_reads_its_partition_and_not_the_whole_table(table):
    dynamodb, whole_table = table
    assert len(_query(dynamodb, "ORG#a#CASE#1")) == 5
    assert whole_table == []
    dynamodb.scan(TableName=TABLE)  # a Scan reads the whole table, as on DynamoDB
    assert whole_table == [TABLE]


def test_a_query_answers_the_same_items_order_conditions_filter_and_pages(table):
    dynamodb, _ = table
    case = "ORG#a#CASE#1"
    assert _query(dynamodb, case) == [
        ("EVT#001", 1),
        ("EVT#003", 3),
        ("PARTY#000", 0),
        ("PARTY#002", 2),
        ("PARTY#004", 4),
    ]
    assert _query(dynamodb, case, ScanIndexForward=False)[0] == ("PARTY#004", 4)
    events = _query(dynamodb, case, and_sk=" AND begins_with(sk, :p)", values={":p": {"S": "EVT#"}})
    assert events == [("EVT#001", 1), ("EVT#003", 3)]
    filtered = _query(dynamodb, case, FilterExpression="n > :n", values={":n": {"N": "2"}})
    assert filtered == [("EVT#003", 3), ("PARTY#004", 4)]
    assert _query(dynamodb, "ORG#nobody") == []

    pages, start = [], None
    while True:
        extra = {"ExclusiveStartKey": start} if start else {}
        answer = dynamodb.query(
            TableName=TABLE,
            KeyConditionExpression="pk = :pk",
            ExpressionAttributeValues={":pk": {"S": "ORG#a#CASE#2"}},
            Limit=7,
            **extra,
        )
        pages.append([int(i["n"]["N"]) for i in answer["Items"]])
        start = answer.get("LastEvaluatedKey")
        if not start:
            break
    assert sorted(n for page in pages for n in page) == list(range(40))
    assert [len(page) for page in pages][:5] == [7] * 5

    assert dynamodb.scan(TableName=TABLE, Select="COUNT")["Count"] == 48  # no partition made by a Query
