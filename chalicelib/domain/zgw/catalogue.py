"""ZaakTypen and StatusTypen as zaakstatus case types.

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
from collections.abc import Iterable
from typing import Any

from chalicelib.domain.inbound import CaseTypeIn, StatusIn
from chalicelib.domain.models import CaseType


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


def with_status(case_type: CaseType, new: StatusIn, volgnummer: int) -> CaseTypeIn:
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
        confidentiality=case_type.confidentiality.model_dump(),
        contact=case_type.contact.model_dump() if case_type.contact else None,
    )


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
