"""Catalogue import: an organisation's ZaakTypen and StatusTypen become zaakstatus case types
(the mapping is `chalicelib/domain/zgw/catalogue.py`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from chalicelib.domain.case_types import to_domain
from chalicelib.domain.errors import DomainError, UpstreamFailed
from chalicelib.domain.zgw.answers import CatalogueImported, FailedZaaktype, ImportCounts, UpdatedCaseType
from chalicelib.domain.zgw.catalogue import case_type_in, changes, code_of, current_versions
from chalicelib.domain.zgw.errors import ForeignUrl, ZgwError
from chalicelib.ports import ZgwApi
from chalicelib.services import case_types
from chalicelib.services.deps import Deps
from chalicelib.services.zgw.connection import api, require

Progress = Callable[[int, int, str], None]


class Summary:
    """What an import did, case type by case type."""

    def __init__(self) -> None:
        self.created: list[str] = []
        self.updated: list[UpdatedCaseType] = []
        self.unchanged: list[str] = []
        self.failed: list[FailedZaaktype] = []

    def answer(self) -> CatalogueImported:
        counts = ImportCounts(
            created=len(self.created), updated=len(self.updated), unchanged=len(self.unchanged), failed=len(self.failed)
        )
        return CatalogueImported(
            created=self.created, updated=self.updated, unchanged=self.unchanged, failed=self.failed, counts=counts
        )


def import_zaaktype(deps: Deps, org_id: str, client: ZgwApi, zaaktype: dict[str, Any], summary: Summary) -> None:
    code = code_of(zaaktype["identificatie"])
    existing = deps.case_types.get_case_type(org_id, code)
    statustypen = list(client.pages(client.catalogi_api + "statustypen", {"zaaktype": zaaktype["url"]}))
    if not statustypen:
        summary.failed.append(FailedZaaktype(zaaktype=zaaktype["identificatie"], reason="it has no statustypen"))
        return
    try:
        data = case_type_in(zaaktype, statustypen, existing)
        after = to_domain(code, data)
        if existing is not None and existing == after:
            summary.unchanged.append(code)
            return
        case_types.put(deps, org_id, code, data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False)
        reason = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors)
        summary.failed.append(FailedZaaktype(zaaktype=zaaktype["identificatie"], reason=reason))
        return
    except DomainError as error:
        summary.failed.append(FailedZaaktype(zaaktype=zaaktype["identificatie"], reason=error.detail))
        return
    if existing is None:
        summary.created.append(code)
    else:
        summary.updated.append(UpdatedCaseType(code=code, changes=changes(existing, after)))


def import_catalogue(
    deps: Deps,
    org_id: str,
    client: ZgwApi,
    *,
    catalogus: str | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> CatalogueImported:
    params = {"catalogus": catalogus} if catalogus else None
    zaaktypen = current_versions(client.pages(client.catalogi_api + "zaaktypen", params), today or dt.date.today())
    summary = Summary()
    for i, zaaktype in enumerate(zaaktypen, 1):
        import_zaaktype(deps, org_id, client, zaaktype, summary)
        if progress:
            progress(i, len(zaaktypen), zaaktype["identificatie"])
    return summary.answer()


def import_for(
    deps: Deps, org_id: str, catalogus: str | None = None, progress: Progress | None = None
) -> CatalogueImported:
    """Through the organisation's stored connection: the one call of the endpoint and the command.
    An API that cannot be reached, refuses us or answers what we do not use is a clean problem
    (502) naming only what kind of failure it was."""
    client = api(deps, require(deps, org_id))
    try:
        return import_catalogue(deps, org_id, client, catalogus=catalogus, progress=progress)
    except (ZgwError, ForeignUrl) as exc:
        raise UpstreamFailed(f"The ZGW import stopped: {exc}.") from None
    except KeyError as exc:
        raise UpstreamFailed(f"The ZGW import stopped: the ZGW API answered a resource without {exc}.") from None
