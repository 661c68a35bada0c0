"""The ZGW resources the fake serves, shaped as the official descriptions say
(`tests/zgw/specs/*.openapi.yaml`: Zaken API 1.5.1, Catalogi API 1.3.1): a zaaktype, its
statustypen, a zaak, its rollen, a status, the hub's message about a change, and the
APIs' error answer ("Fout"). Plain dicts, built from the values a test chooses.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any


def zaaktype(
    url: str,
    identificatie: str,
    omschrijving: str,
    catalogus: str,
    begin: str,
    einde: str | None,
    servicenorm: str | None,
) -> dict[str, Any]:
    """A published zaaktype; its `statustypen` are added one by one."""
    return {
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
        "catalogus": catalogus,
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
    }


def statustype(
    url: str,
    zaaktype: dict[str, Any],
    number: int,
    name: str,
    informeren: bool,
    tekst: str,
    *,
    last: bool,
    catalogi_api: str,
) -> dict[str, Any]:
    """Statustype `number` (from 1) of the zaaktype; the `last` one is the final status."""
    begin, einde = zaaktype["beginGeldigheid"], zaaktype["eindeGeldigheid"]
    return {
        "url": url,
        "omschrijving": name,
        "omschrijvingGeneriek": "",
        "statustekst": tekst,
        "zaaktype": zaaktype["url"],
        "catalogus": zaaktype["catalogus"],
        "zaaktypeIdentificatie": zaaktype["identificatie"],
        "volgnummer": number,
        "isEindstatus": last,
        "informeren": informeren,
        "doorlooptijd": None,
        "toelichting": None,
        "checklistitemStatustype": [],
        "eigenschappen": [],
        "beginGeldigheid": begin,
        "eindeGeldigheid": einde,
        "beginObject": begin,
        "eindeObject": None,
        "zaakobjecttype": catalogi_api + f"zaakobjecttypen/{uuid.uuid4()}",
    }


def zaak(
    url: str,
    uid: str,
    identificatie: str,
    zaaktype: dict[str, Any],
    bronorganisatie: str,
    omschrijving: str,
    einddatum_gepland: str | None,
) -> dict[str, Any]:
    return {
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
    }


def initiator(url: str, uid: str, zaak_url: str, bsn: str, catalogi_api: str) -> dict[str, Any]:
    """The rol of the natural person who started the zaak."""
    return rol(url, uid, zaak_url, catalogi_api, "natuurlijk_persoon", "initiator", person(bsn))


def person(bsn: str, geslachtsnaam: str = "Jansen", voornamen: str = "Jan") -> dict[str, Any]:
    """`betrokkeneIdentificatie` of a natuurlijk_persoon."""
    return {
        "inpBsn": bsn,
        "anpIdentificatie": "",
        "geslachtsnaam": geslachtsnaam,
        "voorvoegselGeslachtsnaam": "",
        "voorletters": voornamen[:1],
        "voornamen": voornamen,
        "geslachtsaanduiding": "",
        "geboortedatum": "",
    }


def rol(
    url: str,
    uid: str,
    zaak_url: str,
    catalogi_api: str,
    betrokkene_type: str,
    omschrijving_generiek: str,
    identificatie: dict[str, Any],
    *,
    machtiging: str = "",
    contact: dict[str, str] | None = None,
    registered: str = "2026-11-28T09:00:00Z",
) -> dict[str, Any]:
    """A rol at the zaak: `identificatie` is its `betrokkeneIdentificatie` (see `person`;
    niet_natuurlijk_persoon: innNnpId, statutaireNaam, ...; vestiging: vestigingsNummer,
    handelsnaam, kvkNummer; medewerker: identificatie, achternaam), `contact` its
    `contactpersoonRol` (naam, emailadres, telefoonnummer)."""
    document: dict[str, Any] = {
        "url": url,
        "uuid": uid,
        "zaak": zaak_url,
        "betrokkene": "",
        "betrokkeneType": betrokkene_type,
        "afwijkendeNaamBetrokkene": "",
        "roltype": catalogi_api + f"roltypen/{uuid.uuid4()}",
        "omschrijving": omschrijving_generiek.replace("_", " ").capitalize(),
        "omschrijvingGeneriek": omschrijving_generiek,
        "roltoelichting": "",
        "registratiedatum": registered,
        "indicatieMachtiging": machtiging,
        "statussen": [],
        # `allOf` + `nullable` fields (verblijfsadres, ...) are left out: the description
        # cannot say null for them in OpenAPI 3.0, and they are optional.
        "betrokkeneIdentificatie": identificatie,
    }
    if contact is not None:
        document["contactpersoonRol"] = {"functie": "", **contact}  # an empty `emailadres` is no `email`
    return document


def status(
    url: str, uid: str, zaak: dict[str, Any], statustype: dict[str, Any], at: str, toelichting: str
) -> dict[str, Any]:
    return {
        "url": url,
        "uuid": uid,
        "zaak": zaak["url"],
        "statustype": statustype["url"],
        "datumStatusGezet": at,
        "statustoelichting": toelichting,
        "indicatieLaatstGezetteStatus": False,
        "gezetdoor": "",
        "zaakinformatieobjecten": [],
    }


def notification(resource: str, actie: str, resource_url: str, zaak: dict[str, Any]) -> dict[str, Any]:
    """A hub message as Open Notificaties sends it for a Zaken API change."""
    return {
        "kanaal": "zaken",
        "hoofdObject": zaak["url"],
        "resource": resource,
        "resourceUrl": resource_url,
        "actie": actie,
        "aanmaakdatum": dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z"),
        "kenmerken": {
            "bronorganisatie": zaak["bronorganisatie"],
            "zaaktype": zaak["zaaktype"],
            "vertrouwelijkheidaanduiding": zaak["vertrouwelijkheidaanduiding"],
        },
    }


def fout(status: int, code: str, title: str) -> dict[str, Any]:
    """The APIs' problem answer."""
    return {
        "type": "",
        "code": code,
        "title": title,
        "status": status,
        "detail": title,
        "instance": f"urn:uuid:{uuid.uuid4()}",
    }
