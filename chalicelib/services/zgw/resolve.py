"""A ZGW status becomes a zaakstatus event, fed through the same pipeline as `POST /v1/events`
(the mapping is `chalicelib/domain/zgw/statuses.py`)."""

from __future__ import annotations

from itertools import islice
from typing import Any

from pydantic import ValidationError

from chalicelib.domain.confidentiality import level_of
from chalicelib.domain.errors import DomainError, EventConflict
from chalicelib.domain.inbound import CaseRefIn, EventIn, EventPartyIn, InitiatorIn
from chalicelib.domain.zgw.catalogue import code_of, status_in, with_status
from chalicelib.domain.zgw.errors import Unresolvable
from chalicelib.domain.zgw.models import Connection, ZaakLink
from chalicelib.domain.zgw.roles import initiator_rollen, parties_of
from chalicelib.domain.zgw.statuses import (
    aware,
    case_id_of,
    event_id_of,
    event_key_of,
    explanation_of,
    initiator_in,
    zaak_hash,
)
from chalicelib.ports import ZgwApi
from chalicelib.services import case_types, ingest, phone_countries
from chalicelib.services.deps import Deps
from chalicelib.services.zgw.catalogue import Summary, import_zaaktype

MAX_ROLLEN = 300  # three of Open Zaak's pages: a zaak's parties are a handful, its rollen a few more


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
    except ValueError as exc:  # a statustype the API would refuse (a line break in its name)
        raise Unresolvable(f"statustype refused: {type(exc).__name__}") from None
    case_type = deps.case_types.get_case_type(org_id, code)
    if case_type is None or case_type.status(status_code) is None:
        raise Unresolvable(f"case type '{code}' has no status '{status_code}'")
    return code, status_code


def _rollen(
    deps: Deps, client: ZgwApi, org_id: str, case_id: str, zaak: dict[str, Any], status_url: str
) -> tuple[InitiatorIn | None, list[EventPartyIn]]:
    """The initiator's number (as before parties) and the parties the zaak's rollen name
    (`chalicelib/domain/zgw/roles.py`). A party the case already knew before this status (the
    case system's registration, the citizen's own change, an erasure) is not registered again;
    a party this very status registered is, so a repeated status carries the same parties."""
    listed = islice(client.pages(client.zaken_api + "rollen", {"zaak": zaak["url"]}), MAX_ROLLEN)
    rollen = [r for r in listed if isinstance(r, dict)]
    case = deps.cases.load_case(org_id, case_id)
    key = event_key_of(status_url)
    before = case.model_copy(update={"events": tuple(e for e in case.events if e.key != key)})
    known = {change.party_id for change in before.preference_trail}
    return initiator_in(initiator_rollen(rollen)), phone_countries.reachable(deps, org_id, parties_of(rollen, known))


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
    initiator, parties = _rollen(deps, client, org_id, case_id, zaak, status["url"])
    try:
        data = _event_of(status, zaak, case_id, code, status_code, initiator, parties)
    except ValueError as exc:  # pydantic's too: a date outside the window, a malformed date
        names = exc.errors() if isinstance(exc, ValidationError) else []
        fields = sorted({".".join(map(str, e["loc"])) for e in names}) or ["datumStatusGezet"]
        raise Unresolvable(f"the status cannot be taken in: {', '.join(fields)}") from None
    try:
        ingest.accept(deps, org_id, data)
    except EventConflict:
        # The same status seen again after the zaak changed (omschrijving, opschorting): the
        # event is known, and its first version stands.
        return "duplicate"
    except DomainError as error:
        raise Unresolvable(error.detail) from None
    return "accepted"


def _event_of(
    status: dict[str, Any],
    zaak: dict[str, Any],
    case_id: str,
    code: str,
    status_code: str,
    initiator: InitiatorIn | None,
    parties: list[EventPartyIn],
) -> EventIn:
    """The event a status makes, checked as the API checks one (dates within the window too)."""
    return EventIn(
        event_id=event_id_of(status["url"]),
        case=CaseRefIn(
            id=case_id,
            case_type=code,
            description=(zaak.get("omschrijving") or "").strip()[:500] or None,
            expected_end_date=zaak.get("einddatumGepland"),
            initiator=initiator,
            confidentiality=level_of(zaak.get("vertrouwelijkheidaanduiding")),
        ),
        status=status_code,
        occurred_at=aware(status["datumStatusGezet"]),
        explanation=explanation_of(status, zaak),
        parties=parties,
    )
