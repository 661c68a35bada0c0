"""The hourly reconciliation runs for every connected organisation: one organisation's failure,
whatever its kind, and one malformed zaak are logged, counted and skipped, and the run goes on."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest

from chalicelib import bootstrap
from chalicelib.adapters.memory_metrics import RecordedMetrics
from chalicelib.services.zgw import reconcile
from tests.zgw.conftest import CLIENT_ID, CLIENT_SECRET, HUB_AUTH, RSIN
from tests.zgw.test_notifications_flow import new_status, setup_zaak, texts


class Failing:
    """The ZGW client factory, with one organisation whose connection fails unforeseen."""

    def __init__(self, real: Any, org_id: str, error: Exception) -> None:
        self.real, self.org_id, self.error = real, org_id, error

    def connect(self, connection: Any, secret: str) -> Any:
        if connection.org_id == self.org_id:
            raise self.error
        return self.real.connect(connection, secret)


class WithMalformedZaak:
    """The real client, whose lists of zaken start with one zaak that has no `identificatie`."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def connect(self, connection: Any, secret: str) -> Any:
        client = self.real.connect(connection, secret)
        pages = client.pages

        def with_malformed(url: str, params: dict[str, str] | None = None) -> Iterator[dict[str, Any]]:
            if url.endswith("/zaken"):
                yield {"url": client.zaken_api + "zaken/broken", "status": client.zaken_api + "statussen/x"}
            yield from pages(url, params)

        client.pages = with_malformed
        return client


@pytest.fixture
def two_organisations(connected):
    """`aaa` (reconciled first) and `hvc`, both connected; hvc's hub lost a status."""
    creds = connected.harness.create_organisation("aaa", sms_from="AAA", quiet_hours=False)
    body = {
        "zaken_api": connected.fake.zaken_api,
        "catalogi_api": connected.fake.catalogi_api,
        "client_id": CLIENT_ID,
        "secret": CLIENT_SECRET,
        "rsins": [RSIN],
        "notifications_authorization": HUB_AUTH + "-aaa",
    }
    assert connected.harness.request("PUT", "/v1/zgw/connection", creds, body).status_code == 200
    zaaktype, zaak = setup_zaak(connected)
    new_status(connected, zaaktype, zaak, "In behandeling", "2026-11-28T10:00:00Z")  # the hub loses it
    return connected


def use(**changes: Any) -> RecordedMetrics:
    metrics = RecordedMetrics()
    bootstrap.use(dataclasses.replace(bootstrap.deps(), metrics=metrics, **changes))
    return metrics


@pytest.mark.parametrize("error", [KeyError("identificatie"), RuntimeError("a bug"), TypeError("odd answer")])
def test_one_organisations_failure_of_any_kind_is_counted_and_the_others_are_reconciled(
    two_organisations, error, caplog
):
    zgw = two_organisations
    metrics = use(zgw_apis=Failing(bootstrap.deps().zgw_apis, "aaa", error))

    results = reconcile.reconcile_all(bootstrap.deps())
    zgw.deliver_and_process()

    assert results["aaa"] == {"failed": 1}
    assert results["hvc"]["recovered"] == 1
    assert texts(zgw) == ["Uw klacht wordt behandeld."]
    kind = type(error).__name__
    assert metrics.counted == [("ScheduledRunFailures", 1, {"job": "zgw-reconcile", "error": kind})]
    [logged] = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert logged == f"zgw reconciliation of aaa failed: {kind}"  # the id and the type, nothing the error says


def test_a_malformed_zaak_is_counted_and_skipped_and_the_organisations_run_goes_on(two_organisations):
    zgw = two_organisations
    use(zgw_apis=WithMalformedZaak(bootstrap.deps().zgw_apis))

    results = reconcile.reconcile_all(bootstrap.deps())
    zgw.deliver_and_process()

    assert results["hvc"]["skipped"] == 2  # once in the open zaken, once in the recently closed
    assert results["hvc"]["recovered"] == 1
    assert texts(zgw) == ["Uw klacht wordt behandeld."]
