"""What a ZGW API gives that the API would refuse: a date outside the window makes that status
unresolvable (dropped and counted), a name with a line break makes its zaaktype fail the import
(counted): nothing is stored of either and no run fails on them."""

from __future__ import annotations

import pytest

from tests.zgw.conftest import HUB_AUTH, STATUSES

ZAAK_ID = "ZAAK-2026-0000000077"
CALLBACK = "/v1/zgw/notifications/hvc"


@pytest.mark.parametrize(
    ("at", "planned"),
    [
        ("9999-12-31T23:00:00-12:00", "2026-12-12"),
        ("0001-01-01T00:00:00+14:00", "2026-12-12"),
        ("2026-11-28T10:00:00Z", "9999-12-31"),
    ],
)
def test_a_status_with_a_date_outside_the_window_is_dropped_not_a_failure(connected, at: str, planned: str) -> None:
    zgw = connected
    zgw.hub.subscribe(CALLBACK, HUB_AUTH)
    zaaktype = zgw.fake.add_zaaktype("ZT-KLACHT", "Klacht afvalinzameling", STATUSES)
    zaak = zgw.fake.add_zaak(ZAAK_ID, zaaktype, einddatum_gepland=planned)
    status = zgw.fake.set_status(zaak, zgw.fake.statustype(zaaktype, "In behandeling"), at, "")
    assert zgw.hub.deliver(zgw.fake.notification("status", "create", status["url"], zaak)) == [204]
    assert zgw.resolve() == []  # handled (dropped), not a failure retried for days
    zgw.reconcile()  # the hourly run meets the same zaak: counted as unresolvable, no error
    assert zgw.harness.request("GET", f"/v1/cases/{ZAAK_ID}", zgw.creds).status_code == 404
    assert zgw.sms() == []


def test_a_zaaktype_whose_omschrijving_holds_a_line_break_is_refused_and_counted_not_stored(connected) -> None:
    connected.fake.add_zaaktype("ZT-KLACHT", "Klacht\r\nBcc: iedereen@example.org", STATUSES)
    response = connected.harness.request("POST", "/v1/zgw/catalogue/import", connected.creds, None)
    assert response.status_code == 200, response.body
    summary = response.json_body
    assert summary["counts"]["failed"] == 1 and summary["created"] == []
    assert "public_name.nl" in summary["failed"][0]["reason"]
    assert connected.harness.request("GET", "/v1/case-types/zt-klacht", connected.creds).status_code == 404
