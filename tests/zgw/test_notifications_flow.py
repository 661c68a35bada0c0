"""A ZGW hub delivering to zaakstatus: handshake, status messages (repeated, late, out of order,
lost), and what the citizen receives."""

from __future__ import annotations

import boto3

from tests.zgw.conftest import HUB_AUTH, RSIN, STATUSES

CALLBACK = "/v1/zgw/notifications/hvc"
ZAAK_ID = "ZAAK-2026-0000000001"


def setup_zaak(zgw, *, subscriber: bool = True):
    zaaktype = zgw.fake.add_zaaktype("ZT-KLACHT", "Klacht afvalinzameling", STATUSES)
    zaak = zgw.fake.add_zaak(ZAAK_ID, zaaktype)
    if subscriber:  # the case system registers the preference when the zaak is made
        response = zgw.harness.request(
            "PUT",
            f"/v1/cases/{ZAAK_ID}/subscriber",
            zgw.creds,
            {"channel": "sms", "phone": "06 12345678", "language": "nl"},
        )
        assert response.status_code == 200, response.body
    return zaaktype, zaak


def new_status(zgw, zaaktype, zaak, name: str, at: str, toelichting: str = ""):
    status = zgw.fake.set_status(zaak, zgw.fake.statustype(zaaktype, name), at, toelichting)
    return zgw.fake.notification("status", "create", status["url"], zaak)


def texts(zgw) -> list[str]:
    return [m["body"].split("\n")[0] for m in zgw.sms()]


def test_handshake_then_a_status_reaches_the_citizen_once_despite_three_deliveries_and_a_later_status(connected):
    zgw = connected
    zaaktype, zaak = setup_zaak(zgw)
    zgw.hub.subscribe(CALLBACK, HUB_AUTH)  # raises unless 401/403 without auth, then 2xx with it
    assert zgw.queued() == []  # the test notification is not work

    first = new_status(zgw, zaaktype, zaak, "In behandeling", "2026-11-28T10:00:00Z")
    assert zgw.hub.deliver(first, times=3) == [204, 204, 204]
    zgw.deliver_and_process()
    later = new_status(zgw, zaaktype, zaak, "Afgehandeld", "2026-11-29T10:00:00Z")
    zgw.hub.deliver(later)
    zgw.deliver_and_process()
    zgw.hub.deliver(first)  # a late repeat of the first, after the later status
    zgw.deliver_and_process()

    assert texts(zgw) == ["Uw klacht wordt behandeld.", "Uw klacht is afgehandeld."]
    assert {m["to"] for m in zgw.sms()} == {"+31612345678"}
    case = zgw.harness.request("GET", f"/v1/cases/{ZAAK_ID}", zgw.creds).json_body
    assert case["current_status"]["code"] == "afgehandeld"
    assert case["closed"] is True
    assert [h["status"] for h in case["history"]] == ["in-behandeling", "afgehandeld"]
    assert case["description"] == "container niet geleegd"
    assert case["expected_end_date"] == "2026-12-12"


def test_out_of_order_delivery_tells_only_the_newest_status(connected):
    zgw = connected
    zaaktype, zaak = setup_zaak(zgw)
    zgw.hub.subscribe(CALLBACK, HUB_AUTH)
    older = new_status(zgw, zaaktype, zaak, "In behandeling", "2026-11-28T10:00:00Z")
    newer = new_status(zgw, zaaktype, zaak, "Afgehandeld", "2026-11-28T11:00:00Z")

    zgw.hub.deliver(newer)
    zgw.deliver_and_process()
    zgw.hub.deliver(older)
    zgw.deliver_and_process()

    assert texts(zgw) == ["Uw klacht is afgehandeld."]
    case = zgw.harness.request("GET", f"/v1/cases/{ZAAK_ID}", zgw.creds).json_body
    assert case["current_status"]["code"] == "afgehandeld"
    assert [h["status"] for h in case["history"]] == ["in-behandeling", "afgehandeld"]


def test_a_message_the_hub_lost_is_recovered_by_the_reconciliation_once(connected):
    zgw = connected
    zaaktype, zaak = setup_zaak(zgw)
    delivered = new_status(zgw, zaaktype, zaak, "Ontvangen", "2026-11-28T09:00:00Z")
    zgw.hub.subscribe(CALLBACK, HUB_AUTH)
    zgw.hub.deliver(delivered)
    zgw.deliver_and_process()
    new_status(zgw, zaaktype, zaak, "In behandeling", "2026-11-28T10:00:00Z")  # the hub loses it

    for _ in range(2):  # the second run finds nothing new
        zgw.reconcile()
        zgw.deliver_and_process()

    assert texts(zgw) == ["Uw klacht wordt behandeld."]
    case = zgw.harness.request("GET", f"/v1/cases/{ZAAK_ID}", zgw.creds).json_body
    assert [h["status"] for h in case["history"]] == ["ontvangen", "in-behandeling"]


def test_a_lost_final_status_is_recovered_although_the_zaak_is_closed(connected):
    import datetime as dt

    zgw = connected
    zaaktype, zaak = setup_zaak(zgw)
    zgw.hub.subscribe(CALLBACK, HUB_AUTH)
    zgw.hub.deliver(new_status(zgw, zaaktype, zaak, "In behandeling", "2026-11-28T10:00:00Z"))
    zgw.deliver_and_process()
    today = dt.date.today().isoformat()
    new_status(zgw, zaaktype, zaak, "Afgehandeld", f"{today}T12:00:00Z")  # sets einddatum; the hub loses it
    assert zaak["einddatum"] == today

    zgw.reconcile()
    zgw.deliver_and_process()

    assert texts(zgw) == ["Uw klacht wordt behandeld.", "Uw klacht is afgehandeld."]


def test_reconciliation_also_finds_a_zaak_whose_every_message_was_lost(connected):
    zgw = connected
    zaaktype, zaak = setup_zaak(zgw)
    new_status(zgw, zaaktype, zaak, "In behandeling", "2026-11-28T10:00:00Z")
    other_org = zgw.fake.add_zaak("ZAAK-ANDERS-1", zaaktype, bronorganisatie="123456782")
    new_status(zgw, zaaktype, other_org, "In behandeling", "2026-11-28T10:00:00Z")

    zgw.reconcile()
    zgw.deliver_and_process()

    assert texts(zgw) == ["Uw klacht wordt behandeld."]
    assert zgw.harness.request("GET", "/v1/cases/ZAAK-ANDERS-1", zgw.creds).status_code == 404


def test_status_without_a_registered_preference_is_kept_and_notifies_nobody(connected):
    zgw = connected
    zaaktype, zaak = setup_zaak(zgw, subscriber=False)
    zgw.hub.subscribe(CALLBACK, HUB_AUTH)
    zgw.hub.deliver(new_status(zgw, zaaktype, zaak, "In behandeling", "2026-11-28T10:00:00Z"))
    zgw.deliver_and_process()

    assert zgw.sms() == []
    case = zgw.harness.request("GET", f"/v1/cases/{ZAAK_ID}", zgw.creds).json_body
    assert case["notifications"][0]["state"] == "suppressed"


def test_toelichting_and_suspension_reach_the_citizens_view(connected):
    zgw = connected
    zaaktype, zaak = setup_zaak(zgw)
    zgw.fake.suspend(zaak, "wachten op informatie")
    zgw.hub.subscribe(CALLBACK, HUB_AUTH)
    zgw.hub.deliver(
        new_status(zgw, zaaktype, zaak, "In behandeling", "2026-11-28T10:00:00Z", "Bekeken door de wijkploeg")
    )
    zgw.deliver_and_process()

    case = zgw.harness.request("GET", f"/v1/cases/{ZAAK_ID}", zgw.creds).json_body
    assert case["history"][0]["explanation"] == "Bekeken door de wijkploeg — opgeschort: wachten op informatie"


def test_zaak_destroy_removes_the_case_and_its_tracking_link(connected):
    zgw = connected
    zaaktype, zaak = setup_zaak(zgw)
    zgw.hub.subscribe(CALLBACK, HUB_AUTH)
    zgw.hub.deliver(new_status(zgw, zaaktype, zaak, "In behandeling", "2026-11-28T10:00:00Z"))
    zgw.deliver_and_process()
    tracking = zgw.harness.request("GET", f"/v1/cases/{ZAAK_ID}", zgw.creds).json_body["tracking_url"]
    token = tracking.rsplit("/", 1)[1]
    assert zgw.harness.request("GET", f"/v1/track/{token}").status_code == 200

    zgw.fake.destroy(zaak)
    zgw.hub.deliver(zgw.fake.notification("zaak", "destroy", zaak["url"], zaak))
    zgw.resolve()

    assert zgw.harness.request("GET", f"/v1/cases/{ZAAK_ID}", zgw.creds).status_code == 404
    assert zgw.harness.request("GET", f"/v1/track/{token}").status_code == 404
    items = boto3.client("dynamodb").scan(TableName="zaakstatus")["Items"]
    assert not [i for i in items if ZAAK_ID in i["pk"]["S"]]


def test_the_initiators_bsn_is_kept_only_as_a_keyed_hash(connected):
    zgw = connected
    zaaktype, zaak = setup_zaak(zgw)
    zgw.hub.subscribe(CALLBACK, HUB_AUTH)
    zgw.hub.deliver(new_status(zgw, zaaktype, zaak, "In behandeling", "2026-11-28T10:00:00Z"))
    zgw.deliver_and_process()

    dump = str(boto3.client("dynamodb").scan(TableName="zaakstatus")["Items"])
    assert "999993653" not in dump
    assert "bsn:" in dump  # chalicelib.domain.privacy.identity_hash: HMAC under the identity key
    assert RSIN in dump  # the connection's RSIN is no personal data


def test_a_status_for_an_unknown_zaaktype_imports_its_case_type_from_the_catalogue(connected):
    zgw = connected
    zaaktype, zaak = setup_zaak(zgw)
    assert zgw.harness.request("GET", "/v1/case-types/zt-klacht", zgw.creds).status_code == 404
    zgw.hub.subscribe(CALLBACK, HUB_AUTH)
    zgw.hub.deliver(new_status(zgw, zaaktype, zaak, "Ontvangen", "2026-11-28T09:00:00Z"))
    zgw.deliver_and_process()

    case_type = zgw.harness.request("GET", "/v1/case-types/zt-klacht", zgw.creds).json_body
    assert [s["code"] for s in case_type["statuses"]] == ["ontvangen", "in-behandeling", "afgehandeld"]
    assert zgw.sms() == []  # `informeren` is false for Ontvangen


def test_the_organisations_own_notify_setting_overrides_informeren(connected):
    zgw = connected
    zaaktype, zaak = setup_zaak(zgw)
    assert zgw.harness.request("POST", "/v1/zgw/catalogue/import", zgw.creds).status_code == 200
    case_type = zgw.harness.request("GET", "/v1/case-types/zt-klacht", zgw.creds).json_body
    for status in case_type["statuses"]:
        status["notify"] = False  # the organisation decides not to text about any status
    del case_type["code"]
    assert zgw.harness.request("PUT", "/v1/case-types/zt-klacht", zgw.creds, case_type).status_code == 200
    zgw.hub.subscribe(CALLBACK, HUB_AUTH)
    zgw.hub.deliver(new_status(zgw, zaaktype, zaak, "In behandeling", "2026-11-28T10:00:00Z"))
    zgw.deliver_and_process()

    assert zgw.sms() == []
