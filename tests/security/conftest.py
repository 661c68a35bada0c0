"""The whole app on moto, seeded with two organisations, for attacks from the outside."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from chalice.test import Client
from moto import mock_aws

from chalicelib import bootstrap, config
from local.resources import create_bucket, create_queue, create_table
from tests.builders import HVC_CASE_TYPE, event_body
from tests.conftest import TEST_ENV, UNSET
from tests.harness import org_token

OPERATOR = "Bearer test-admin-token"


@dataclass
class World:
    client: Client
    hvc: dict[str, Any]  # credentials of two organisations, each with a case type and a case
    other: dict[str, Any]
    hvc_token_url: str
    other_token_url: str

    def call(self, method: str, path: str, authorization: str | None = None, body: Any = None):
        headers = {"Content-Type": "application/json"}
        if authorization:
            headers["Authorization"] = authorization
        data = b"" if body is None else json.dumps(body).encode()
        return self.client.http.request(method, path, headers=headers, body=data)

    def as_org(self, creds: dict[str, Any]) -> str:
        return "Bearer " + org_token(creds)


def build_world(client: Client) -> World:
    def call(method: str, path: str, auth: str, body: Any = None):
        response = client.http.request(
            method,
            path,
            headers={"Authorization": auth, "Content-Type": "application/json"},
            body=b"" if body is None else json.dumps(body).encode(),
        )
        assert response.status_code < 300, (path, response.body)
        return response.json_body

    orgs = {}
    for org_id in ("hvc", "other"):
        creds = call("POST", "/v1/admin/organisations", OPERATOR, {"id": org_id, "name": org_id.upper()})
        bearer = "Bearer " + org_token(creds)
        call("PUT", "/v1/case-types/klacht", bearer, HVC_CASE_TYPE)
        body = event_body(subscriber={"channel": "sms", "phone": "06 12345678", "email": "jan@example.nl"})
        if org_id != "hvc":
            body["case"]["id"] = f"{org_id.upper()}-1"
        answer = call("POST", "/v1/events", bearer, body)
        orgs[org_id] = (creds, answer["tracking_url"].split("/track/")[1])
    return World(client, orgs["hvc"][0], orgs["other"][0], orgs["hvc"][1], orgs["other"][1])


@pytest.fixture(scope="module")
def aws_app() -> Iterator[Client]:
    """Module-wide: moto and the app stay up across the tests of one module (the per-test
    environment fixture only rebuilds the lazily-built clients against the same moto)."""
    with pytest.MonkeyPatch.context() as mp:
        for name, value in TEST_ENV.items():
            mp.setenv(name, value)
        mp.setenv("ZAAKSTATUS_TRACKING_PER_MINUTE", "1000000")  # limits have their own tests
        mp.setenv("ZAAKSTATUS_OPERATOR_ATTEMPTS", "1000000")
        for name in UNSET:
            mp.delenv(name, raising=False)
        with mock_aws():
            create_table(boto3.client("dynamodb"), "zaakstatus")
            create_queue(boto3.client("sqs"), "zaakstatus-notifications")
            create_queue(boto3.client("sqs"), "zaakstatus-zgw")
            create_bucket(boto3.client("s3"), "zaakstatus-documents")
            config.reset()
            bootstrap.reset()
            from app import app

            with Client(app) as client:
                yield client
            config.reset()
            bootstrap.reset()


@pytest.fixture(scope="module")
def world(aws_app: Client) -> World:
    return build_world(aws_app)
