"""Catalogue import: an organisation's ZaakTypen and StatusTypen become zaakstatus case types.

Mapping (one case type per zaaktype `identificatie`, from the version valid today):
- case type code: the zaaktype's `identificatie`, as a code (`code_of`); name: `omschrijving`
- statuses in `volgnummer` order; code from the statustype's `omschrijving`; `isEindstatus` →
  final; `informeren` → notify; `statustekst` (fallback `omschrijving`) → the Dutch text
- service norm: `servicenorm`, else `doorlooptijd`, when given in days or weeks

Re-importing writes the catalogue's values again (the catalogue is the source), but keeps what
only zaakstatus has: texts in other languages, other public names and the retention period.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from chalicelib import case_types
from chalicelib.models.domain import CaseType
from chalicelib.models.inbound import CaseTypeIn, StatusIn
from chalicelib.problems import Problem
from chalicelib.wiring import Services
from chalicelib.zgw.client import ZgwClient

Progress = Callable[[int, int, str], None]


def code_of(text: str) -> str:
    """A case-type or status code (`[a-z0-9][a-z0-9_-]{0,63}`) from a ZGW identificatie or
    omschrijving; stable, so the same statustype always resolves to the same code."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()  # Één -> Een
    slug = re.sub(r"[^a-z0-9_-]+", "-", plain.strip().lower()).strip("-_")[:64].rstrip("-_")
    if slug:
        return slug
    return "z-" + hashlib.sha256(text.encode()).hexdigest()[:16]


def norm_days(duration: str | None) -> int | None:
    match = re.fullmatch(r"P(?:(\d+)W)?(?:(\d+)D)?", duration or "")
    if not match or not any(match.groups()):
        return None
    weeks, days = (int(g or 0) for g in match.groups())
    return min(weeks * 7 + days, 3650)


def current_versions(zaaktypen: Iterable[dict[str, Any]], today: dt.date) -> list[dict[str, Any]]:
    """Per identificatie the version valid today, else the newest."""
    by_id: dict[str, list[dict[str, Any]]] = {}
    for zt in zaaktypen:
        by_id.setdefault(zt["identificatie"], []).append(zt)

    def valid(zt: dict[str, Any]) -> bool:
        begin = dt.date.fromisoformat(zt["beginGeldigheid"])
        end = zt.get("eindeGeldigheid")
        return begin <= today and (end is None or dt.date.fromisoformat(end) >= today)

    chosen = []
    for versions in by_id.values():
        versions.sort(key=lambda zt: zt["beginGeldigheid"])
        chosen.append(next((zt for zt in reversed(versions) if valid(zt)), versions[-1]))
    return sorted(chosen, key=lambda zt: zt["identificatie"])


def status_in(statustype: dict[str, Any], existing: CaseType | None) -> StatusIn:
    code = code_of(statustype["omschrijving"])
    old = existing.status(code) if existing else None
    texts = dict(old.text) if old else {}
    texts["nl"] = (statustype.get("statustekst") or "").strip() or statustype["omschrijving"]
    return StatusIn(
        code=code,
        name=statustype["omschrijving"],
        notify=bool(statustype.get("informeren", False)),
        final=bool(statustype.get("isEindstatus", False)),
        text=texts,
    )


def case_type_in(zaaktype: dict[str, Any], statustypen: list[dict[str, Any]], existing: CaseType | None) -> CaseTypeIn:
    ordered = sorted(statustypen, key=lambda s: s["volgnummer"])
    public_name = dict(existing.public_name) if existing else {}
    public_name["nl"] = zaaktype["omschrijving"]
    return CaseTypeIn(
        name=zaaktype["omschrijving"][:200],
        public_name=public_name,
        service_norm_days=norm_days(zaaktype.get("servicenorm")) or norm_days(zaaktype.get("doorlooptijd")),
        retention_days=existing.retention_days if existing else 365,
        statuses=[status_in(s, existing) for s in ordered],
    )


@dataclass
class Summary:
    created: list[str] = field(default_factory=list)
    updated: list[dict[str, Any]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "counts": {k: len(getattr(self, k)) for k in ("created", "updated", "unchanged", "failed")},
        }


def changes(before: CaseType, after: CaseType) -> list[str]:
    """What an update changed, in words an operator reads in the summary."""
    out = []
    old = {s.code: s for s in before.statuses}
    new = {s.code: s for s in after.statuses}
    out += [f"status '{c}' added" for c in new if c not in old]
    out += [f"status '{c}' removed" for c in old if c not in new]
    if [s.code for s in before.statuses if s.code in new] != [s.code for s in after.statuses if s.code in old]:
        out.append("order changed")
    for code in new.keys() & old.keys():
        for attr in ("notify", "final", "name", "text"):
            if getattr(old[code], attr) != getattr(new[code], attr):
                out.append(f"status '{code}': {attr} changed")
    if before.name != after.name:
        out.append("name changed")
    if before.service_norm_days != after.service_norm_days:
        out.append("service norm changed")
    return sorted(out)


def import_zaaktype(svc: Services, org_id: str, client: ZgwClient, zaaktype: dict[str, Any], summary: Summary) -> None:
    code = code_of(zaaktype["identificatie"])
    existing = svc.store.get_case_type(org_id, code)
    statustypen = list(client.pages(client.catalogi_api + "statustypen", {"zaaktype": zaaktype["url"]}))
    if not statustypen:
        summary.failed.append({"zaaktype": zaaktype["identificatie"], "reason": "it has no statustypen"})
        return
    try:
        data = case_type_in(zaaktype, statustypen, existing)
        after = case_types.to_domain(code, data)
        if existing is not None and existing == after:
            summary.unchanged.append(code)
            return
        case_types.put(svc, org_id, code, data)
    except ValidationError as exc:
        reason = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors(include_url=False, include_input=False))
        summary.failed.append({"zaaktype": zaaktype["identificatie"], "reason": reason})
        return
    except Problem as problem:
        summary.failed.append({"zaaktype": zaaktype["identificatie"], "reason": problem.detail})
        return
    if existing is None:
        summary.created.append(code)
    else:
        summary.updated.append({"code": code, "changes": changes(existing, after)})


def import_catalogue(
    svc: Services,
    org_id: str,
    client: ZgwClient,
    *,
    catalogus: str | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> Summary:
    params = {"catalogus": catalogus} if catalogus else None
    zaaktypen = current_versions(client.pages(client.catalogi_api + "zaaktypen", params), today or dt.date.today())
    summary = Summary()
    for i, zaaktype in enumerate(zaaktypen, 1):
        import_zaaktype(svc, org_id, client, zaaktype, summary)
        if progress:
            progress(i, len(zaaktypen), zaaktype["identificatie"])
    return summary


def import_for(svc: Services, org_id: str, catalogus: str | None = None, progress: Progress | None = None) -> Summary:
    """Through the organisation's stored connection: the one call of the endpoint and the command."""
    from chalicelib.zgw import connection

    client = connection.client(svc, connection.require(svc, org_id))
    return import_catalogue(svc, org_id, client, catalogus=catalogus, progress=progress)
