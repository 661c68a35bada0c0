"""A zaak whose `identificatie` has whitespace around it (a trailing newline passed Python's `$`)
is one case under one id from its first status to its destruction: `zaak/destroy` leaves nothing
of it behind, neither the case, its link, nor the e-mail address its Rol gave."""

from __future__ import annotations

import json

import boto3
import pytest

from local import zgw_documents
from tests.zgw.conftest import HUB_AUTH, STATUSES
from tests.zgw.test_notifications_flow import CALLBACK, new_status

ZAAK_ID = "ZAAK-2026-0000000009"
EMAIL = "jan.destroy@example.nl"


@pytest.mark.parametrize(
    "identificatie",
    [ZAAK_ID + "\n", ZAAK_ID + "\r\n", ZAAK_ID + " ", ZAAK_ID + "\t", " " + ZAAK_ID],
    ids=["trailing LF", "trailing CRLF", "trailing space", "trailing tab", "leading space"],
)
def test_a_destroyed_zaak_with_whitespace_in_its_identificatie_leaves_nothing_behind(connected, identificatie):
    zgw = connected
    zaaktype = zgw.fake.add_zaaktype("ZT-KLACHT", "Klacht afvalinzameling", STATUSES)
    zaak = zgw.fake.add_zaak(identificatie, zaaktype, bsn=None)
    person = zgw_documents.person("999993653")
    zgw.fake.add_rol(zaak, "natuurlijk_persoon", "initiator", person, contact={"naam": "Jan", "emailadres": EMAIL})
    zgw.hub.subscribe(CALLBACK, HUB_AUTH)
    zgw.hub.deliver(new_status(zgw, zaaktype, zaak, "In behandeling", "2026-11-28T10:00:00Z"))
    zgw.deliver_and_process()
    stored = json.dumps(boto3.client("dynamodb").scan(TableName="zaakstatus")["Items"])
    assert ZAAK_ID in stored and EMAIL in stored  # the zaak became a case with the Rol's address

    zgw.fake.destroy(zaak)
    zgw.hub.deliver(zgw.fake.notification("zaak", "destroy", zaak["url"], zaak))
    assert zgw.resolve() == []

    items = boto3.client("dynamodb").scan(TableName="zaakstatus")["Items"]
    left = [i for i in items if ZAAK_ID in json.dumps(i) or EMAIL in json.dumps(i)]
    assert left == [], [(i["pk"]["S"], i["sk"]["S"]) for i in left]
    assert zgw.harness.request("GET", "/v1/cases/" + ZAAK_ID, zgw.creds).status_code == 404
