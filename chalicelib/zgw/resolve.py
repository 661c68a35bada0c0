"""A ZGW status becomes a zaakstatus event, fed through the same pipeline as `POST /v1/events`.

The event's identity is its status URL (unique per status; the hub delivers at least once and
unordered), hashed into `event_id` because a URL may be longer than an `event_id` may be.
`datumStatusGezet` orders, so a late or repeated delivery neither notifies twice nor goes back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from types import SimpleNamespace
from typing import Any

from pydantic import ValidationError

from chalicelib import ingest
from chalicelib.models.domain import CaseType
from chalicelib.models.inbound import CASE_ID, CaseRefIn, CaseTypeIn, EventIn, InitiatorIn, StatusIn
from chalicelib.problems import Conflict, Problem
from chalicelib.wiring import Services
from chalicelib.zgw import catalogue
from chalicelib.zgw.client import ZgwClient
from chalicelib.zgw.models import Connection, ZaakLink

# The initiator's number per betrokkeneType, as `chalicelib.models.inbound.InitiatorIn` takes it
# (BSN or KvK; an RSIN of a niet-natuurlijk persoon has no place there and is not used).
INITIATOR_NUMBERS = {"natuurlijk_persoon": ("bsn", "inpBsn"), "vestiging": ("kvk", "kvkNummer")}


class Unresolvable(Exception):
    """The status cannot become an event (no matching case type status): retrying will not help."""


def case_id_of(identificatie: str) -> str:
    """The zaak's `identificatie` as the case id when it is one (`ZAAK-2026-0000000001`);
    otherwise its characters outside [A-Za-z0-9._-] become '-' and a short hash keeps it unique."""
    if re.match(CASE_ID, identificatie):
        return identificatie
    digest = hashlib.sha256(identificatie.encode()).hexdigest()[:8]
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", identificatie).strip("-._")[:55]
    return f"{cleaned or 'zaak'}-{digest}"


def event_id_of(status_url: str) -> str:
    return "zgw-" + hashlib.sha256(status_url.encode()).hexdigest()


def zaak_hash(zaak_url: str) -> str:
    return hashlib.sha256(zaak_url.rstrip("/").encode()).hexdigest()[:32]


def event_key_of(status_url: str) -> str:
    """The key ingest gives the event of this status (its identity is the event_id alone)."""
    return ingest.identity_key(SimpleNamespace(event_id=event_id_of(status_url)))


def _aware(value: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def explanation_of(status: dict[str, Any], zaak: dict[str, Any]) -> str | None:
    parts = [(status.get("statustoelichting") or "").strip()]
    opschorting = zaak.get("opschorting") or {}
    if opschorting.get("indicatie"):
        parts.append(f"opgeschort: {(opschorting.get('reden') or '').strip()}".strip())
    text = " — ".join(p for p in parts if p)
    return text[:1000] or None


def initiator_of(client: ZgwClient, zaak_url: str) -> InitiatorIn | None:
    """The initiator's BSN or KvK number, for ingest to keep as a keyed hash (never the number)."""
    rollen = client.get(client.zaken_api + "rollen", {"zaak": zaak_url, "omschrijvingGeneriek": "initiator"})
    for rol in rollen.get("results", []):
        kind, field = INITIATOR_NUMBERS.get(rol.get("betrokkeneType"), (None, None))
        number = (rol.get("betrokkeneIdentificatie") or {}).get(field or "")
        if kind and number:
            try:
                return InitiatorIn(**{kind: number})
            except ValidationError:  # a number that fails its check is not used (nor logged)
                return None
    return None


def _with_status(case_type: CaseType, new: StatusIn, volgnummer: int) -> CaseTypeIn:
    """The case type plus a status it lacks (a newer zaaktype version), placed by volgnummer."""
    statuses = [
        StatusIn(code=s.code, name=s.name, notify=s.notify, final=s.final, public=s.public, text=s.text)
        for s in case_type.statuses
    ]
    if new.final and any(s.final for s in statuses):
        new = new.model_copy(update={"final": False})
    statuses.insert(min(max(volgnummer - 1, 0), len(statuses)), new)
    return CaseTypeIn(
        name=case_type.name,
        public_name=case_type.public_name,
        service_norm_days=case_type.service_norm_days,
        retention_days=case_type.retention_days,
        statuses=statuses,
    )


def ensure_case_type(svc: Services, org_id: str, client: ZgwClient, statustype: dict[str, Any]) -> tuple[str, str]:
    """The (case type, status) codes of a statustype, importing the zaaktype when zaakstatus
    does not know it yet. An existing case type is the organisation's: its `notify` and texts
    govern, and only a missing status is added to it."""
    from chalicelib import case_types

    code = catalogue.code_of(statustype["zaaktypeIdentificatie"])
    status_code = catalogue.code_of(statustype["omschrijving"])
    case_type = svc.store.get_case_type(org_id, code)
    try:
        if case_type is None:
            summary = catalogue.Summary()
            catalogue.import_zaaktype(svc, org_id, client, client.get(statustype["zaaktype"]), summary)
            if summary.failed:
                raise Unresolvable(f"zaaktype could not be imported: {summary.failed[0]['reason']}")
        elif case_type.status(status_code) is None:
            new = catalogue.status_in(statustype, None)
            case_types.put(svc, org_id, code, _with_status(case_type, new, statustype["volgnummer"]))
    except Problem as problem:
        raise Unresolvable(problem.detail) from None
    case_type = svc.store.get_case_type(org_id, code)
    if case_type is None or case_type.status(status_code) is None:
        raise Unresolvable(f"case type '{code}' has no status '{status_code}'")
    return code, status_code


def resolve_status(svc: Services, connection: Connection, client: ZgwClient, status_url: str) -> dict[str, Any] | None:
    """Feed one status to ingest; None when it is not for this connection's organisations."""
    org_id = connection.org_id
    status = client.get(status_url)
    zaak = client.get(status["zaak"])
    if zaak.get("bronorganisatie") not in connection.rsins:
        return None
    statustype = client.get(status["statustype"])
    code, status_code = ensure_case_type(svc, org_id, client, statustype)
    case_id = case_id_of(zaak["identificatie"])
    svc.store.put_zgw_zaak(org_id, zaak_hash(zaak["url"]), ZaakLink(case_id=case_id))
    data = EventIn(
        event_id=event_id_of(status["url"]),
        case=CaseRefIn(
            id=case_id,
            case_type=code,
            description=(zaak.get("omschrijving") or "").strip()[:500] or None,
            expected_end_date=zaak.get("einddatumGepland"),
            initiator=initiator_of(client, zaak["url"]),
        ),
        status=status_code,
        occurred_at=_aware(status["datumStatusGezet"]),
        explanation=explanation_of(status, zaak),
    )
    try:
        return ingest.accept(svc, org_id, data)
    except Conflict:
        # The same status seen again after the zaak changed (omschrijving, opschorting): the
        # event is known, and its first version stands.
        return {"event_id": data.event_id, "case_id": case_id, "duplicate": True}
    except Problem as problem:
        raise Unresolvable(problem.detail) from None
