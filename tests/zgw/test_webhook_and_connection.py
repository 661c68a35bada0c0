"""The hub's callback and the connection: who may call, what is validated, what is kept."""

from __future__ import annotations

import json

import boto3
import pytest

from local.fake_hub import FakeHub, HandshakeFailed
from tests.zgw.conftest import CLIENT_SECRET, HUB_AUTH, RSIN

CALLBACK = "/v1/zgw/notifications/hvc"


def message(**changes):
    body = {
        "kanaal": "zaken",
        "hoofdObject": "http://127.0.0.1:1/zaken/api/v1/zaken/1b0f1c5e-0000-4000-8000-000000000001",
        "resource": "status",
        "resourceUrl": "http://127.0.0.1:1/zaken/api/v1/statussen/1b0f1c5e-0000-4000-8000-000000000002",
        "actie": "create",
        "aanmaakdatum": "2026-11-28T10:00:00Z",
        "kenmerken": {
            "bronorganisatie": RSIN,
            "zaaktype": "http://127.0.0.1:1/zt",
            "vertrouwelijkheidaanduiding": "openbaar",
        },
    }
    body.update(changes)
    return body


def post(zgw, body, authorization: str | None = HUB_AUTH, org: str = "hvc"):
    headers = {"Content-Type": "application/json"}
    if authorization is not None:
        headers["Authorization"] = authorization
    data = body if isinstance(body, str) else json.dumps(body)
    return zgw.harness.client.http.post(f"/v1/zgw/notifications/{org}", headers=headers, body=data)


def test_without_authorization_401_with_a_wrong_one_or_for_an_unknown_organisation_403(connected):
    assert post(connected, message(), authorization=None).status_code == 401
    assert post(connected, message(), authorization="Bearer guess").status_code == 403
    assert post(connected, message(), org="nobody").status_code == 403
    assert connected.queued() == []


def test_the_handshake_fails_for_an_organisation_without_connection(zgw):
    with pytest.raises(HandshakeFailed):
        FakeHub(zgw.hub._post).subscribe(CALLBACK, HUB_AUTH)


def test_a_status_message_is_kept_and_only_its_key_is_queued(connected):
    response = post(connected, message())
    assert response.status_code == 204 and response.body in (b"", "")
    [queued] = connected.queued()
    assert set(json.loads(queued["Body"])) == {"org", "zgw"}


def test_test_messages_other_channels_and_other_organisations_are_acknowledged_and_ignored(connected):
    for body in (
        message(kanaal="test"),
        message(kanaal="documenten", resource="enkelvoudiginformatieobject"),
        message(resource="zaak", actie="update"),
        message(kenmerken={"bronorganisatie": "123456782"}),
    ):
        assert post(connected, body).status_code == 204
    assert connected.queued() == []


@pytest.mark.parametrize(
    "body, field",
    [
        (message(kanaal=""), "kanaal"),
        (message(resourceUrl="not a url"), "resourceUrl"),
        ({k: v for k, v in message().items() if k != "actie"}, "actie"),
        (message(aanmaakdatum="yesterday"), "aanmaakdatum"),
        (message(kenmerken={"bronorganisatie": ""}), "kenmerken"),
    ],
)
def test_an_invalid_notification_is_400_naming_the_field(connected, body, field):
    response = post(connected, body)
    assert response.status_code == 400
    assert any(p["name"].startswith(field) for p in json.loads(response.body)["invalid_params"])


def test_the_connection_keeps_its_secrets_out_of_answers_and_the_table(connected):
    answer = connected.harness.request("GET", "/v1/zgw/connection", connected.creds).json_body
    assert answer["callback_url"] == "https://zaakstatus.test/v1/zgw/notifications/hvc"
    assert answer["rsins"] == [RSIN]
    dump = json.dumps(answer) + str(boto3.client("dynamodb").scan(TableName="zaakstatus")["Items"])
    assert CLIENT_SECRET not in dump
    assert HUB_AUTH.split()[1] not in dump


def test_the_connection_needs_an_organisation_token_and_valid_fields(zgw):
    no_token = zgw.harness.client.http.put(
        "/v1/zgw/connection", headers={"Content-Type": "application/json"}, body="{}"
    )
    assert no_token.status_code == 401
    response = zgw.connect(rsins=["12"], zaken_api="http://zaken.example/api/v1/")
    assert response.status_code == 400
    names = {p["name"] for p in response.json_body["invalid_params"]}
    assert "rsins" in names
    plain_http = zgw.connect(zaken_api="http://zaken.example/api/v1/")
    assert plain_http.status_code == 400  # only https, except a loopback server in the local run
    assert plain_http.json_body["invalid_params"][0]["name"] == "zaken_api"
