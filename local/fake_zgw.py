"""A loopback fake of an organisation's ZGW APIs (Zaken + Catalogi), for tests and the local run's tests.

What a test builds here (zaaktypen with statustypen, zaken with an initiator and other rollen,
statuses, a suspension, a destroyed zaak) is served over HTTP as Open Zaak serves it (`local/zgw_server.py`:
JWT, `Accept-Crs`, pagination, injected failures with `fail(times, status)`). The resources are
shaped as `tests/zgw/specs/*.openapi.yaml` (the official descriptions, vendored in the repository)
describe (Zaken API 1.5.1, Catalogi API 1.3.1; `local/zgw_documents.py`); `tests/zgw/openapi.py`
validates every answer the fake serves against those descriptions, so it cannot drift from the
standard.

The hub that tells zaakstatus about a change is `local.fake_hub.FakeHub`; `notification(...)`
builds the message it delivers.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlsplit

from local import zgw_documents
from local.zgw_server import CATALOGI, ZAKEN, ZgwServer

__all__ = ["CATALOGI", "ZAKEN", "FakeZgw"]


class FakeZgw(ZgwServer):
    def __init__(self, clients: dict[str, str], host: str = "127.0.0.1", port: int = 0, page_size: int = 2) -> None:
        super().__init__(clients, host, port, page_size)
        self.catalogus = ""

    def start(self) -> FakeZgw:
        super().start()
        self.catalogus = self.catalogi_api + f"catalogussen/{uuid.uuid4()}"
        return self

    def __enter__(self) -> FakeZgw:
        return self.start()

    def __exit__(self, *_: Any) -> None:
        self.stop()

    # building the organisation's data

    def _new(self, root: str, collection: str) -> tuple[str, str]:
        uid = str(uuid.uuid4())
        return uid, f"{root}{collection}/{uid}"

    def _keep(self, resource: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            self.resources[urlsplit(resource["url"]).path] = resource
        return resource

    def add_zaaktype(
        self,
        identificatie: str,
        omschrijving: str,
        statustypen: list[tuple[str, bool, str]],
        *,
        begin: str = "2024-01-01",
        einde: str | None = None,
        servicenorm: str | None = "P14D",
    ) -> dict[str, Any]:
        """A published zaaktype with statustypen (omschrijving, informeren, statustekst) in order;
        the last is the final status."""
        _, url = self._new(self.catalogi_api, "zaaktypen")
        zaaktype = self._keep(
            zgw_documents.zaaktype(url, identificatie, omschrijving, self.catalogus, begin, einde, servicenorm)
        )
        for number, (name, informeren, tekst) in enumerate(statustypen, 1):
            _, st_url = self._new(self.catalogi_api, "statustypen")
            self._keep(
                zgw_documents.statustype(
                    st_url,
                    zaaktype,
                    number,
                    name,
                    informeren,
                    tekst,
                    last=number == len(statustypen),
                    catalogi_api=self.catalogi_api,
                )
            )
            zaaktype["statustypen"].append(st_url)
        return zaaktype

    def statustype(self, zaaktype: dict[str, Any], omschrijving: str) -> dict[str, Any]:
        return next(
            self.resources[urlsplit(u).path]
            for u in zaaktype["statustypen"]
            if self.resources[urlsplit(u).path]["omschrijving"] == omschrijving
        )

    def add_zaak(
        self,
        identificatie: str,
        zaaktype: dict[str, Any],
        *,
        bronorganisatie: str = "002220647",
        omschrijving: str = "container niet geleegd",
        einddatum_gepland: str | None = "2026-12-12",
        bsn: str | None = "999993653",
    ) -> dict[str, Any]:
        uid, url = self._new(self.zaken_api, "zaken")
        zaak = self._keep(
            zgw_documents.zaak(url, uid, identificatie, zaaktype, bronorganisatie, omschrijving, einddatum_gepland)
        )
        if bsn:
            rol_uid, rol_url = self._new(self.zaken_api, "rollen")
            self._keep(zgw_documents.initiator(rol_url, rol_uid, url, bsn, self.catalogi_api))
            zaak["rollen"].append(rol_url)
        return zaak

    def add_rol(
        self,
        zaak: dict[str, Any],
        betrokkene_type: str,
        omschrijving_generiek: str,
        identificatie: dict[str, Any],
        **details: Any,
    ) -> dict[str, Any]:
        """Another rol at the zaak (`zgw_documents.rol`: `machtiging`, `contact`, `registered`)."""
        uid, url = self._new(self.zaken_api, "rollen")
        document = zgw_documents.rol(
            url, uid, zaak["url"], self.catalogi_api, betrokkene_type, omschrijving_generiek, identificatie, **details
        )
        self._keep(document)
        with self._lock:
            zaak["rollen"].append(url)
        return document

    def set_status(
        self, zaak: dict[str, Any], statustype: dict[str, Any], at: str, toelichting: str = ""
    ) -> dict[str, Any]:
        """A new status of the zaak: the latest by `datumStatusGezet` becomes the zaak's status, and
        a final one that is the latest ends the zaak."""
        uid, url = self._new(self.zaken_api, "statussen")
        status = self._keep(zgw_documents.status(url, uid, zaak, statustype, at, toelichting))
        with self._lock:
            statussen = [r for r in self.resources.values() if "/statussen/" in r["url"] and r["zaak"] == zaak["url"]]
            latest = max(statussen, key=lambda s: s["datumStatusGezet"])
            for s in statussen:
                s["indicatieLaatstGezetteStatus"] = s is latest
            zaak["status"] = latest["url"]
            if statustype["isEindstatus"] and latest is status:
                zaak["einddatum"] = at[:10]
        return status

    def suspend(self, zaak: dict[str, Any], reden: str) -> None:
        with self._lock:
            zaak["opschorting"] = {"indicatie": True, "reden": reden}

    def destroy(self, zaak: dict[str, Any]) -> None:
        with self._lock:
            gone = [p for p, r in self.resources.items() if r["url"] == zaak["url"] or r.get("zaak") == zaak["url"]]
            for path in gone:
                del self.resources[path]

    @staticmethod
    def notification(resource: str, actie: str, resource_url: str, zaak: dict[str, Any]) -> dict[str, Any]:
        """A hub message as Open Notificaties sends it for a Zaken API change."""
        return zgw_documents.notification(resource, actie, resource_url, zaak)
