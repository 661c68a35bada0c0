"""A zaak's vertrouwelijkheidaanduiding becomes its case's confidentiality: a `vertrouwelijk`
zaak's SMS says only that there is news, a `geheim` zaak sends nothing and has no page."""

from __future__ import annotations

from tests.zgw.conftest import HUB_AUTH
from tests.zgw.test_notifications_flow import CALLBACK, ZAAK_ID, new_status, setup_zaak


def _status_of(zgw, level: str):
    zaaktype, zaak = setup_zaak(zgw)
    zaak["vertrouwelijkheidaanduiding"] = level
    zgw.hub.subscribe(CALLBACK, HUB_AUTH)
    zgw.hub.deliver(new_status(zgw, zaaktype, zaak, "In behandeling", "2026-11-28T10:00:00Z"))
    zgw.deliver_and_process()
    return zgw.harness.request("GET", f"/v1/cases/{ZAAK_ID}", zgw.creds).json_body


def test_a_vertrouwelijk_zaak_is_told_without_its_details(connected):
    case = _status_of(connected, "vertrouwelijk")

    [sms] = connected.sms()
    assert sms["body"] == "Er is nieuws over uw zaak bij HVC. Kijk op " + case["tracking_url"]


def test_a_geheim_zaak_sends_nothing_and_its_link_is_dead(connected):
    case = _status_of(connected, "geheim")

    assert connected.sms() == []
    assert [n["last_error"] for n in case["notifications"]] == ["confidential"]
    token = case["tracking_url"].rsplit("/", 1)[1]
    assert connected.harness.request("GET", f"/v1/track/{token}").status_code == 404
