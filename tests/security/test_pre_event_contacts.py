"""Contact data registered for a case before its first event (a ZGW zaak is registered before its
first status): it can be read and erased like any other, and it does not stay for ever when the
first event never comes; when it does come, the case's own retention takes over."""

from __future__ import annotations

import json
import time

import boto3

from chalicelib.domain.retention import PRE_EVENT_DAYS
from tests.builders import event_body

CASE = "HVC-2026-000123"  # the builders' case id, so event_body() is this case's first event
PATH = f"/v1/cases/{CASE}"
INITIATOR = {"channel": "sms", "phone": "06 12345678", "email": "jan.jansen@example.nl"}
NEIGHBOUR = {"role": "interested", "kind": "person", "channel": "email", "email": "buur@example.org"}
PARTNER = {"role": "chain_partner", "kind": "organisation", "channel": "none", "identifier": {"organisation": "other"}}
TRACES = ("612345678", "jan.jansen@example.nl", "buur@example.org")


def _items() -> list[dict]:
    return boto3.client("dynamodb").scan(TableName="zaakstatus")["Items"]


def _of_case(items: list[dict]) -> list[dict]:
    """The items of the case: its partition, its token lookups, the citizen index and its shares."""

    def ours(item: dict) -> bool:
        pk, sk = item["pk"]["S"], item["sk"]["S"]
        return pk == f"ORG#hvc#CASE#{CASE}" or item.get("case", {}).get("S") == CASE or sk.endswith(f"hvc#{CASE}")

    return [i for i in items if ours(i)]


def _register(harness, hvc) -> None:
    harness.create_organisation("other")
    assert harness.request("PUT", f"{PATH}/subscriber", hvc, INITIATOR).status_code == 200
    assert harness.request("PUT", f"{PATH}/parties/buurman", hvc, NEIGHBOUR).status_code == 201
    assert harness.request("PUT", f"{PATH}/parties/partner", hvc, PARTNER).status_code == 201
    assert _left() == list(TRACES)  # every trace is there, none of it after an event


def _left() -> list[str]:
    dump = json.dumps(_items()).lower()
    return [t for t in TRACES if t in dump]


def test_a_contact_registered_before_the_first_event_can_be_read(harness, hvc):
    _register(harness, hvc)

    case = harness.request("GET", PATH, hvc)
    initiator = harness.request("GET", f"{PATH}/parties/initiator", hvc)
    neighbour = harness.request("GET", f"{PATH}/parties/buurman", hvc)

    assert case.status_code == initiator.status_code == neighbour.status_code == 200
    assert case.json_body["subscriber"]["phone"] == "+316******78" and case.json_body["history"] == []
    assert initiator.json_body["email"] == "j*********@example.nl" and initiator.json_body["tracking_url"]
    assert neighbour.json_body["email"] == "b***@example.org"


def test_erasing_a_contact_registered_before_the_first_event_removes_it_from_the_table(harness, hvc):
    _register(harness, hvc)

    assert harness.request("DELETE", f"{PATH}/subscriber", hvc).status_code == 204
    assert _left() == ["buur@example.org"]  # the initiator's number and address are gone, not masked
    assert harness.request("DELETE", f"{PATH}/parties", hvc).status_code == 204

    assert _left() == []
    assert not [i for i in _items() if i["pk"]["S"].startswith(("CITIZEN#", "SHARED#"))]  # index and share gone
    assert harness.request("GET", f"{PATH}/parties/initiator", hvc).status_code == 404  # nothing kept to show
    assert harness.request("GET", PATH, hvc).json_body["subscriber"] is None
    harness.request("POST", "/v1/events", hvc, event_body(subscriber=None))
    assert _left() == []  # the first event brings nothing back


def test_a_contact_registered_before_the_first_event_expires_with_every_item_of_it(harness, hvc):
    before = int(time.time())
    _register(harness, hvc)
    harness.request("DELETE", f"{PATH}/parties/buurman", hvc)  # a removal is an item of the case too

    items = _of_case(_items())

    assert {i["pk"]["S"].split("#")[0] for i in items} == {"ORG", "CITIZEN", "SHARED"}
    assert any("#TOKEN#" in i["pk"]["S"] for i in items) and any("#CASE#" in i["pk"]["S"] for i in items)
    expiries = {int(i.get("expires_at", {}).get("N", 0)) for i in items}
    assert len(expiries) == 1, "every item expires at once: the one registered first"
    (expiry,) = expiries
    assert before + PRE_EVENT_DAYS * 86400 <= expiry <= int(time.time()) + PRE_EVENT_DAYS * 86400


def test_the_first_event_hands_pre_event_contacts_to_the_case_retention(harness, hvc):
    _register(harness, hvc)
    assert all("expires_at" in i for i in _of_case(_items()))

    assert harness.request("POST", "/v1/events", hvc, event_body(subscriber=None)).status_code == 202
    harness.run_worker_until_empty()  # the sweep the first event asked for

    open_case = _of_case(_items())
    assert [i["sk"]["S"] for i in open_case if "expires_at" in i] == []  # an open case does not expire
    assert harness.request("GET", f"{PATH}/parties/initiator", hvc).json_body["phone"] == "+316******78"

    harness.request("POST", "/v1/events", hvc, event_body("afgehandeld", "2026-11-29T10:00:00+01:00"))
    harness.run_worker_until_empty()
    closed = {i.get("expires_at", {}).get("N") for i in _of_case(_items())}
    assert len(closed) == 1 and None not in closed  # from now on the case type's retention counts
