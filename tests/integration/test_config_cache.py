"""The configuration cache per warm container (chalicelib/adapters/config_cache.py) on DynamoDB
(moto): two containers share one table, as two Lambda containers do. A change made through one
is seen by the other's next request; an unchanged configuration costs one read per request."""

from __future__ import annotations

import copy
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import boto3
import jwt
import pytest
from moto import mock_aws

from chalicelib import bootstrap
from chalicelib.adapters.memory_queue import ListQueue
from chalicelib.adapters.secretbox import FernetBox
from chalicelib.adapters.senders import LazySenders
from chalicelib.domain.errors import InvalidFields, Unauthorized
from chalicelib.domain.inbound import OrganisationIn
from chalicelib.domain.messages import parse_job
from chalicelib.domain.webhook_jobs import WebhookFanOut
from chalicelib.domain.webhooks import WebhookIn
from chalicelib.services import auth, ingest, organisations, webhooks
from chalicelib.services.deps import Deps
from local.resources import create_table
from tests.builders import HVC_CASE_TYPE, event_in, put_case_type


def container(table: Any) -> Deps:
    """One warm container's dependencies: its own caches, the shared table."""
    return bootstrap.build(table, LazySenders({}), FernetBox("k"), queue=ListQueue())


@pytest.fixture
def table() -> Iterator[Any]:
    with mock_aws():
        create_table(boto3.client("dynamodb"), "zaakstatus")
        yield bootstrap.deps().cases.table  # type: ignore[attr-defined]  # the configured DynamoDB table


@pytest.fixture
def calls(table: Any) -> Counter[str]:
    counted: Counter[str] = Counter()
    client = table._db  # the table's own boto3 client: every request of every container
    client.meta.events.register("after-call.dynamodb", lambda model, **_: counted.update([model.name]))
    return counted


def bearer(client_id: str, secret: str) -> str:
    return "Bearer " + jwt.encode({"client_id": client_id, "iat": int(time.time())}, secret, algorithm="HS256")


def onboard(deps: Deps) -> str:
    made = organisations.create(deps, OrganisationIn(id="hvc", name="HVC", sms_from="HVC"))
    put_case_type(deps, "hvc", "klacht")
    return bearer(made.client_id, made.client_secret)


def request(deps: Deps, authorization: str, **event: Any) -> Any:
    """What the API does for `POST /v1/events`, in one request scope."""
    assert deps.config_scope is not None
    with deps.config_scope.request():
        org_id = auth.organisation_of(deps, authorization)
        return ingest.accept(deps, org_id, event_in(**event))


def test_a_client_revoked_in_one_container_is_refused_by_the_next_request_of_another(table: Any) -> None:
    a, b = container(table), container(table)
    token = onboard(b)
    client_id = jwt.decode(token.split()[1], options={"verify_signature": False})["client_id"]
    request(a, token)  # container a now holds the client
    organisations.revoke_client(b, "hvc", client_id)
    with pytest.raises(Unauthorized):
        request(a, token, status="afgehandeld", at="2026-11-28T11:00:00+01:00")


def test_a_case_type_changed_in_one_container_is_used_by_the_next_event_of_another(table: Any) -> None:
    a, b = container(table), container(table)
    token = onboard(b)
    request(a, token)
    with pytest.raises(InvalidFields):
        request(a, token, status="heropend", at="2026-11-28T11:00:00+01:00")
    statuses = copy.deepcopy(HVC_CASE_TYPE["statuses"])
    statuses.append({"code": "heropend", "name": "Heropend", "notify": False, "text": {"nl": "Weer open."}})
    put_case_type(b, "hvc", "klacht", statuses=statuses)
    accepted = request(a, token, status="heropend", at="2026-11-28T11:00:00+01:00")
    assert accepted.status == "heropend"


def test_a_webhook_added_in_one_container_is_told_of_the_next_event_of_another(table: Any) -> None:
    a, b = container(table), container(table)
    token = onboard(b)
    request(a, token, subscriber=None)

    def fan_outs() -> int:
        return sum(isinstance(parse_job(body), WebhookFanOut) for body in a.queue.messages)  # type: ignore[attr-defined]

    assert fan_outs() == 0  # nobody to tell: nothing queued for webhooks
    hook = WebhookIn(url="https://hooks.hvc.example/zaakstatus", events=["case.status_changed"], cases="own")
    webhooks.put(b, "hvc", "zaaksysteem", hook)
    request(a, token, status="afgehandeld", at="2026-11-28T11:00:00+01:00", subscriber=None)
    assert fan_outs() == 1


def test_an_unchanged_configuration_costs_one_read_per_request(table: Any, calls: Counter[str]) -> None:
    a = container(table)
    token = onboard(container(table))
    request(a, token, subscriber=None)  # the first request of a container reads what it needs
    calls.clear()
    request(a, token, status="afgehandeld", at="2026-11-28T11:00:00+01:00", subscriber=None)
    # The version item, then the case: no client, case type or webhook list read again.
    assert calls["GetItem"] == 1
    assert calls["Query"] == 1


def test_outside_a_request_every_read_checks_the_version(table: Any, calls: Counter[str]) -> None:
    a, b = container(table), container(table)
    onboard(b)
    assert a.case_types.get_case_type("hvc", "klacht") is not None
    assert a.organisations.get_organisation("hvc") is not None
    calls.clear()
    assert a.case_types.get_case_type("hvc", "klacht") is not None
    assert a.organisations.get_organisation("hvc") is not None
    assert calls["GetItem"] == 2  # the version, once per read; the items themselves from the cache
    put_case_type(b, "hvc", "klacht")  # any change through the stores bumps the version
    calls.clear()
    assert a.case_types.get_case_type("hvc", "klacht") is not None
    assert calls["GetItem"] == 2  # the version, then the case type read again


def test_a_message_naming_its_version_spares_the_sender_the_version_read(table: Any, calls: Counter[str]) -> None:
    sender, api = container(table), container(table)
    onboard(api)
    assert sender.config_scope is not None and api.config_scope is not None
    version = api.config_scope.current("hvc")
    with sender.config_scope.request():
        sender.config_scope.hint("hvc", version)
        assert sender.case_types.get_case_type("hvc", "klacht") is not None  # a cold container reads it
    calls.clear()
    with sender.config_scope.request():
        sender.config_scope.hint("hvc", version)
        assert sender.case_types.get_case_type("hvc", "klacht") is not None
    assert calls["GetItem"] == 0  # neither the version nor the case type
    put_case_type(api, "hvc", "klacht", name="Klacht over de inzameling")
    calls.clear()
    with sender.config_scope.request():
        sender.config_scope.hint("hvc", api.config_scope.current("hvc"))  # a message of a later event
        held = sender.case_types.get_case_type("hvc", "klacht")
    assert held is not None and held.name == "Klacht over de inzameling"
    assert calls["GetItem"] == 2  # the api's version read above, and the case type again
