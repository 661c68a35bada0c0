"""A loopback fake of an organisation's ZGW APIs (Zaken + Catalogi) and of its hub, for tests.

The resources are shaped as `tests/zgw/specs/*.openapi.yaml` (copies of `../shared/zgw/`) describe (Zaken API 1.5.1, Catalogi
API 1.3.1); `tests/zgw/openapi.py` validates every answer it serves against those descriptions,
so this fake cannot drift from the standard. Like Open Zaak it:
- requires an HS256 JWT of a known client, with `iat` not in the future and at most an hour old
  (no leeway), and answers 403 otherwise;
- requires `Accept-Crs: EPSG:4326` on zaken (412 otherwise);
- paginates lists (`count`, `next`, `previous`, `results`), `page_size` per page.

Failures are injected with `fail(times, status)`: the next `times` requests answer `status`.

`FakeHub` plays Open Notificaties towards a subscriber: the subscription handshake (a test
notification without Authorization, which must be refused with 401/403, then with it, which must
be accepted with 200-209) and deliveries of the same message any number of times.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt

ZAKEN = "/zaken/api/v1/"
CATALOGI = "/catalogi/api/v1/"
JWT_EXPIRY_S = 3600


class FakeZgw:
    def __init__(self, clients: dict[str, str], host: str = "127.0.0.1", port: int = 0, page_size: int = 2) -> None:
        self.clients = dict(clients)  # client_id -> secret
        self.page_size = page_size
        self._host, self._port = host, port
        self._lock = threading.Lock()
        self.resources: dict[str, dict[str, Any]] = {}  # path -> resource
        self.served: list[dict[str, Any]] = []  # every answer: template, status, body, headers
        self._failures: list[int] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.catalogus = ""

    # lifecycle

    def start(self) -> FakeZgw:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                fake._handle(self)

            def log_message(self, *_args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer((self._host, self._port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self.catalogus = self.catalogi_api + f"catalogussen/{uuid.uuid4()}"
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> FakeZgw:
        return self.start()

    def __exit__(self, *_: Any) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def zaken_api(self) -> str:
        return self.url + ZAKEN

    @property
    def catalogi_api(self) -> str:
        return self.url + CATALOGI

    def fail(self, times: int = 1, status: int = 500) -> None:
        with self._lock:
            self._failures.extend([status] * times)

    def recover(self) -> None:
        with self._lock:
            self._failures.clear()

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
        zaaktype = self._keep({
            "url": url,
            "identificatie": identificatie,
            "omschrijving": omschrijving,
            "omschrijvingGeneriek": "",
            "vertrouwelijkheidaanduiding": "openbaar",
            "doel": "Een klacht behandelen.",
            "aanleiding": "Een klacht van een inwoner.",
            "toelichting": "",
            "indicatieInternOfExtern": "extern",
            "handelingInitiator": "indienen",
            "onderwerp": "Klacht",
            "handelingBehandelaar": "behandelen",
            "doorlooptijd": "P8W",
            "servicenorm": servicenorm,
            "opschortingEnAanhoudingMogelijk": True,
            "verlengingMogelijk": False,
            "verlengingstermijn": None,
            "trefwoorden": [],
            "publicatieIndicatie": False,
            "publicatietekst": "",
            "verantwoordingsrelatie": [],
            "productenOfDiensten": [],
            "selectielijstProcestype": "",
            "referentieproces": {"naam": "Klachtbehandeling", "link": ""},
            "verantwoordelijke": "002220647",
            "zaakobjecttypen": [],
            "catalogus": self.catalogus,
            "statustypen": [],
            "resultaattypen": [],
            "eigenschappen": [],
            "informatieobjecttypen": [],
            "roltypen": [],
            "besluittypen": [],
            "deelzaaktypen": [],
            "gerelateerdeZaaktypen": [],
            "beginGeldigheid": begin,
            "eindeGeldigheid": einde,
            "beginObject": begin,
            "eindeObject": None,
            "versiedatum": begin,
            "concept": False,
        })
        for number, (name, informeren, tekst) in enumerate(statustypen, 1):
            _, st_url = self._new(self.catalogi_api, "statustypen")
            self._keep({
                "url": st_url,
                "omschrijving": name,
                "omschrijvingGeneriek": "",
                "statustekst": tekst,
                "zaaktype": url,
                "catalogus": self.catalogus,
                "zaaktypeIdentificatie": identificatie,
                "volgnummer": number,
                "isEindstatus": number == len(statustypen),
                "informeren": informeren,
                "doorlooptijd": None,
                "toelichting": None,
                "checklistitemStatustype": [],
                "eigenschappen": [],
                "beginGeldigheid": begin,
                "eindeGeldigheid": einde,
                "beginObject": begin,
                "eindeObject": None,
                "zaakobjecttype": self.catalogi_api + f"zaakobjecttypen/{uuid.uuid4()}",
            })
            zaaktype["statustypen"].append(st_url)
        return zaaktype

    def statustype(self, zaaktype: dict[str, Any], omschrijving: str) -> dict[str, Any]:
        return next(self.resources[urlsplit(u).path] for u in zaaktype["statustypen"]
                    if self.resources[urlsplit(u).path]["omschrijving"] == omschrijving)

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
        zaak = self._keep({
            "url": url,
            "uuid": uid,
            "identificatie": identificatie,
            "bronorganisatie": bronorganisatie,
            "omschrijving": omschrijving,
            "toelichting": "",
            "zaaktype": zaaktype["url"],
            "registratiedatum": "2026-11-28",
            "verantwoordelijkeOrganisatie": bronorganisatie,
            "startdatum": "2026-11-28",
            "einddatum": None,
            "einddatumGepland": einddatum_gepland,
            "uiterlijkeEinddatumAfdoening": None,
            "publicatiedatum": None,
            "communicatiekanaal": "",
            "productenOfDiensten": [],
            "vertrouwelijkheidaanduiding": "openbaar",
            "betalingsindicatie": "",
            "betalingsindicatieWeergave": "",
            "laatsteBetaaldatum": None,
            "verlenging": None,
            "opschorting": {"indicatie": False, "reden": ""},
            "selectielijstklasse": "",
            "hoofdzaak": None,
            "deelzaken": [],
            "relevanteAndereZaken": [],
            "eigenschappen": [],
            "rollen": [],
            "status": None,
            "zaakinformatieobjecten": [],
            "zaakobjecten": [],
            "kenmerken": [],
            "archiefnominatie": None,
            "archiefstatus": "nog_te_archiveren",
            "archiefactiedatum": None,
            "resultaat": None,
            "opdrachtgevendeOrganisatie": "",
        })
        if bsn:
            rol_uid, rol_url = self._new(self.zaken_api, "rollen")
            self._keep({
                "url": rol_url,
                "uuid": rol_uid,
                "zaak": url,
                "betrokkene": "",
                "betrokkeneType": "natuurlijk_persoon",
                "afwijkendeNaamBetrokkene": "",
                "roltype": self.catalogi_api + f"roltypen/{uuid.uuid4()}",
                "omschrijving": "Initiator",
                "omschrijvingGeneriek": "initiator",
                "roltoelichting": "indiener",
                "registratiedatum": "2026-11-28T09:00:00Z",
                "indicatieMachtiging": "",
                "statussen": [],
                # `allOf` + `nullable` fields (verblijfsadres, ...) are left out: the description
                # cannot say null for them in OpenAPI 3.0, and they are optional.
                "betrokkeneIdentificatie": {"inpBsn": bsn, "anpIdentificatie": "", "geslachtsnaam": "Jansen",
                                            "voorvoegselGeslachtsnaam": "", "voorletters": "J", "voornamen": "Jan",
                                            "geslachtsaanduiding": "m", "geboortedatum": ""},
            })
            zaak["rollen"].append(rol_url)
        return zaak

    def set_status(self, zaak: dict[str, Any], statustype: dict[str, Any], at: str, toelichting: str = "") -> dict[str, Any]:
        uid, url = self._new(self.zaken_api, "statussen")
        status = self._keep({
            "url": url,
            "uuid": uid,
            "zaak": zaak["url"],
            "statustype": statustype["url"],
            "datumStatusGezet": at,
            "statustoelichting": toelichting,
            "indicatieLaatstGezetteStatus": False,
            "gezetdoor": "",
            "zaakinformatieobjecten": [],
        })
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
            for path in [p for p, r in self.resources.items() if r["url"] == zaak["url"] or r.get("zaak") == zaak["url"]]:
                del self.resources[path]

    @staticmethod
    def notification(resource: str, actie: str, resource_url: str, zaak: dict[str, Any]) -> dict[str, Any]:
        """A hub message as Open Notificaties sends it for a Zaken API change."""
        return {
            "kanaal": "zaken",
            "hoofdObject": zaak["url"],
            "resource": resource,
            "resourceUrl": resource_url,
            "actie": actie,
            "aanmaakdatum": dt.datetime.now(dt.timezone.utc).isoformat().replace("+00:00", "Z"),
            "kenmerken": {
                "bronorganisatie": zaak["bronorganisatie"],
                "zaaktype": zaak["zaaktype"],
                "vertrouwelijkheidaanduiding": zaak["vertrouwelijkheidaanduiding"],
            },
        }

    # serving

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        status, body, template = self._answer(request, parts.path, query)
        headers = {"Content-Type": "application/json", "API-version": "1.5.1" if parts.path.startswith(ZAKEN) else "1.3.1"}
        if parts.path.startswith(ZAKEN + "zaken"):
            headers["Content-Crs"] = "EPSG:4326"
        if status == 200 and template.endswith("{uuid}"):
            headers["ETag"] = '"%s"' % uuid.uuid5(uuid.NAMESPACE_URL, json.dumps(body, sort_keys=True)).hex
        with self._lock:
            self.served.append({"template": template, "status": status, "body": body, "headers": headers})
        raw = json.dumps(body).encode()
        request.send_response(status)
        for name, value in headers.items():
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(raw)))
        request.end_headers()
        request.wfile.write(raw)

    def _fout(self, status: int, code: str, title: str, path: str) -> dict[str, Any]:
        return {"type": "", "code": code, "title": title, "status": status, "detail": title, "instance": f"urn:uuid:{uuid.uuid4()}"}

    def _answer(self, request: BaseHTTPRequestHandler, path: str, query: dict[str, str]) -> tuple[int, Any, str]:
        api, _, rest = (ZAKEN, None, path[len(ZAKEN):]) if path.startswith(ZAKEN) else (CATALOGI, None, path[len(CATALOGI):])
        collection, _, uid = rest.partition("/")
        template = f"{api}{collection}" + ("/{uuid}" if uid else "")
        with self._lock:
            failure = self._failures.pop(0) if self._failures else None
        if failure:
            return failure, self._fout(failure, "error", "Injected failure", path), template
        if not self._authorised(request.headers.get("Authorization", "")):
            return 403, self._fout(403, "not_authenticated", "Authenticatiegegevens zijn niet geldig.", path), template
        if api == ZAKEN and collection == "zaken" and request.headers.get("Accept-Crs") != "EPSG:4326":
            return 412, self._fout(412, "precondition_failed", "'Accept-Crs' header ontbreekt", path), template
        if uid:
            resource = self.resources.get(path)
            if resource is None:
                return 404, self._fout(404, "not_found", "Niet gevonden.", path), template
            return 200, resource, template
        return 200, self._page(api, collection, query), template

    def _page(self, api: str, collection: str, query: dict[str, str]) -> dict[str, Any]:
        prefix = self.url + api + collection + "/"
        filters = {k: v for k, v in query.items() if k not in ("page", "status")}
        with self._lock:
            found = [r for r in self.resources.values() if r["url"].startswith(prefix) and self._matches(r, filters)]
        found.sort(key=lambda r: r["url"])
        page = int(query.get("page", "1"))
        start = (page - 1) * self.page_size
        base = self.url + api + collection

        def link(number: int) -> str:
            return f"{base}?{urlencode({**query, 'page': number})}"

        return {
            "count": len(found),
            "next": link(page + 1) if start + self.page_size < len(found) else None,
            "previous": link(page - 1) if page > 1 else None,
            "results": found[start:start + self.page_size],
        }

    @staticmethod
    def _matches(resource: dict[str, Any], filters: dict[str, str]) -> bool:
        for name, value in filters.items():
            if name == "einddatum__isnull":
                if (resource.get("einddatum") is None) != (value == "true"):
                    return False
            elif name == "einddatum__gt":
                if resource.get("einddatum") is None or resource["einddatum"] <= value:
                    return False
            elif str(resource.get(name)) != value:
                return False
        return True

    def _authorised(self, authorization: str) -> bool:
        scheme, _, token = authorization.partition(" ")
        if scheme != "Bearer" or not token:
            return False
        try:
            client_id = jwt.decode(token, options={"verify_signature": False}).get("client_id")
            secret = self.clients.get(client_id)
            if secret is None:
                return False
            claims = jwt.decode(token, secret, algorithms=["HS256"], options={"require": ["iat"]})
        except jwt.PyJWTError:
            return False
        now = time.time()
        return claims["iat"] <= now and now - claims["iat"] <= JWT_EXPIRY_S


Post = Callable[[str, dict[str, str], str], int]  # (callback, headers, body) -> HTTP status


class HandshakeFailed(AssertionError):
    pass


class FakeHub:
    """Open Notificaties towards one subscriber (an abonnement), through `post`."""

    def __init__(self, post: Post) -> None:
        self._post = post
        self.callback = ""
        self.auth = ""

    def subscribe(self, callback: str, auth: str) -> None:
        test = {"kanaal": "test", "hoofdObject": "http://test.example/", "resource": "test",
                "resourceUrl": "http://test.example/", "actie": "test",
                "aanmaakdatum": dt.datetime.now(dt.timezone.utc).isoformat().replace("+00:00", "Z"), "kenmerken": {}}
        body = json.dumps(test)
        unauthenticated = self._post(callback, {"Content-Type": "application/json"}, body)
        if unauthenticated not in (401, 403):
            raise HandshakeFailed(f"without Authorization the callback answered {unauthenticated}, not 401/403")
        authenticated = self._post(callback, {"Content-Type": "application/json", "Authorization": auth}, body)
        if not 200 <= authenticated <= 209:
            raise HandshakeFailed(f"with Authorization the callback answered {authenticated}, not 200-209")
        self.callback, self.auth = callback, auth

    def deliver(self, message: dict[str, Any], times: int = 1) -> list[int]:
        """The same message, `times` times (at-least-once delivery); the statuses answered."""
        body = json.dumps(message)
        headers = {"Content-Type": "application/json", "Authorization": self.auth}
        return [self._post(self.callback, headers, body) for _ in range(times)]
