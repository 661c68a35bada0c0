"""A ZGW status becomes a zaakstatus event, fed through the same pipeline as `POST /v1/events`
(the mapping is `chalicelib/domain/zgw/statuses.py`)."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.errors import DomainError, EventConflict
from chalicelib.domain.inbound import CaseRefIn, EventIn
from chalicelib.domain.zgw.catalogue import code_of, status_in, with_status
from chalicelib.domain.zgw.errors import Unresolvable
from chalicelib.domain.zgw.models import Connection, ZaakLink
from chalicelib.domain.zgw.statuses import aware, case_id_of, event_id_of, explanation_of, initiator_in, zaak_hash
from chalicelib.ports import ZgwApi
from chalicelib.services import case_types, ingest
from chalicelib.services.deps import Deps
from chalicelib.services.zgw.catalogue import Summary, import_zaaktype


def ensure_case_type(deps: Deps, org_id: str, client: ZgwApi, statustype: dict[str, Any]) -> tuple[str, str]:
    """The (case type, status) codes of a statustype, importing the zaaktype when zaakstatus
    does not know it yet. An existing case type is the organisation's: its `notify` and texts
    govern, and only a missing status is added to it."""
    code = code_of(statustype["zaaktypeIdentificatie"])
    status_code = code_of(statustype["omschrijving"])
    case_type = deps.case_types.get_case_type(org_id, code)
    try:
        if case_type is None:
            summary = Summary()
            import_zaaktype(deps, org_id, client, client.get(statustype["zaaktype"]), summary)
            if summary.failed:
                raise Unresolvable(f"zaaktype could not be imported: {summary.failed[0].reason}")
        elif case_type.status(status_code) is None:
            new = status_in(statustype, None)
            case_types.put(deps, org_id, code, with_status(case_type, new, statustype["volgnummer"]))
    except DomainError as error:
        raise Unresolvable(error.detail) from None
    case_type = deps.case_types.get_case_type(org_id, code)
    if case_type is None or case_type.status(status_code) is None:
        raise Unresolvable(f"case type '{code}' has no status '{status_code}'")
    return code, status_code


def resolve_status(deps: Deps, connection: Connection, client: ZgwApi, status_url: str) -> str:
    """Feed one status to ingest: 'accepted', 'duplicate', or 'not ours' when the zaak belongs
    to an organisation outside this connection."""
    org_id = connection.org_id
    status = client.get(status_url)
    zaak = client.get(status["zaak"])
    if zaak.get("bronorganisatie") not in connection.rsins:
        return "not ours"
    code, status_code = ensure_case_type(deps, org_id, client, client.get(status["statustype"]))
    case_id = case_id_of(zaak["identificatie"])
    deps.zgw.put_zgw_zaak(org_id, zaak_hash(zaak["url"]), ZaakLink(case_id=case_id))
    rollen = client.get(client.zaken_api + "rollen", {"zaak": zaak["url"], "omschrijvingGeneriek": "initiator"})
    data = EventIn(
        event_id=event_id_of(status["url"]),
        case=CaseRefIn(
            id=case_id,
            case_type=code,
            description=(zaak.get("omschrijving") or "").strip()[:500] or None,
            expected_end_date=zaak.get("einddatumGepland"),
            initiator=initiator_in(rollen.get("results", [])),
        ),
        status=status_code,
        occurred_at=aware(status["datumStatusGezet"]),
        explanation=explanation_of(status, zaak),
    )
    try:
        ingest.accept(deps, org_id, data)
    except EventConflict:
        # The same status seen again after the zaak changed (omschrijving, opschorting): the
        # event is known, and its first version stands.
        return "duplicate"
    except DomainError as error:
        raise Unresolvable(error.detail) from None
    return "accepted"
