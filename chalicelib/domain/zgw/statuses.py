"""A ZGW status as a zaakstatus event, and the hub's messages that name one.

The event's identity is its status URL (unique per status; the hub delivers at least once and
unordered), hashed into `event_id` because a URL may be longer than an `event_id` may be.
`datumStatusGezet` orders, so a late or repeated delivery neither notifies twice nor goes back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from chalicelib.domain.events import identity_key_of
from chalicelib.domain.inbound import CASE_ID, InitiatorIn

STATUS_CREATE = ("zaken", "status", "create")
ZAAK_DESTROY = ("zaken", "zaak", "destroy")
HANDLED = (STATUS_CREATE, ZAAK_DESTROY)

# The initiator's number per betrokkeneType, as `InitiatorIn` takes it (BSN or KvK; an RSIN of a
# niet-natuurlijk persoon has no place there and is not used).
INITIATOR_NUMBERS = {"natuurlijk_persoon": ("bsn", "inpBsn"), "vestiging": ("kvk", "kvkNummer")}


def message_key(message: dict[str, Any]) -> str:
    # The hub sends no message id; a repeated delivery is the same JSON (same aanmaakdatum).
    return hashlib.sha256(json.dumps(message, sort_keys=True).encode()).hexdigest()[:32]


def case_id_of(identificatie: str) -> str:
    """The zaak's `identificatie` as the case id when it is one (`ZAAK-2026-0000000001`);
    otherwise its characters outside [A-Za-z0-9._-] become '-' and a short hash keeps it unique."""
    if re.fullmatch(CASE_ID, identificatie):
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
    return identity_key_of(event_id_of(status_url))


def aware(value: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def explanation_of(status: dict[str, Any], zaak: dict[str, Any]) -> str | None:
    parts = [(status.get("statustoelichting") or "").strip()]
    opschorting = zaak.get("opschorting") or {}
    if opschorting.get("indicatie"):
        parts.append(f"opgeschort: {(opschorting.get('reden') or '').strip()}".strip())
    text = " — ".join(p for p in parts if p)
    return text[:1000] or None


def initiator_in(rollen: Iterable[Mapping[str, Any]]) -> InitiatorIn | None:
    """The initiator's BSN or KvK number from the zaak's initiator roles, for ingest to keep as a
    keyed hash (never the number)."""
    for rol in rollen:
        kind, field = INITIATOR_NUMBERS.get(rol.get("betrokkeneType") or "", (None, None))
        number = (rol.get("betrokkeneIdentificatie") or {}).get(field or "")
        if kind and number:
            try:
                return InitiatorIn.model_validate({kind: number})
            except ValidationError:  # a number that fails its check is not used (nor logged)
                return None
    return None
