"""A zaak's Rollen (Zaken API 1.5, `Rol`) as the parties of its case.

| Rol | party id | role |
|---|---|---|
| `indicatieMachtiging` `gemachtigde` (whatever its `omschrijvingGeneriek`) | `rol-<uuid>` | representative |
| `omschrijvingGeneriek` `initiator`, the earliest registered | `initiator` | initiator |
| `initiator` (any further one), `mede_initiator` | `rol-<uuid>` | co_initiator |
| `belanghebbende` | `rol-<uuid>` | interested |
| adviseur, behandelaar, beslisser, klantcontacter, zaakcoordinator | no party | |

| betrokkeneType | kind | identifier (kept only as a keyed hash) | name |
|---|---|---|---|
| natuurlijk_persoon | person | `inpBsn` | none kept |
| niet_natuurlijk_persoon | business | `kvkNummer` (+ `vestigingsNummer`), else `innNnpId` (1) | (2), `statutaireNaam` |
| vestiging | business | `kvkNummer` + `vestigingsNummer` | (2), the first `handelsnaam` |
| organisatorische_eenheid, medewerker, anything else | no party | | |

(1) 8 digits: a KvK number (some case systems keep it there), 9: the RSIN. (2) The rol's
`afwijkendeNaamBetrokkene`.

The party id is the rol's own `uuid` (no personal data), so the case system can address the
party (`PUT /v1/cases/{id}/parties/rol-<uuid>`). Contact comes from `contactpersoonRol`: its
e-mail address (channel `email`), else a mobile number (`sms`), else the website only (`portal`).
A value that fails its check is left out, never echoed; a rol that still does not fit is skipped.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from chalicelib.domain.channels import EMAIL, SMS, WEBSITE_ONLY
from chalicelib.domain.inbound import EventPartyIn, IdentifierIn
from chalicelib.domain.parties import INITIATOR

MAX_PARTIES = 20  # what one event may carry (`EventIn.parties`)
GEMACHTIGDE = "gemachtigde"
ROLES = {"initiator": "co_initiator", "mede_initiator": "co_initiator", "belanghebbende": "interested"}
KINDS = {"natuurlijk_persoon": "person", "niet_natuurlijk_persoon": "business", "vestiging": "business"}
CONTACT_CHANNELS = (EMAIL, SMS)  # in order of preference: an e-mail costs nothing and carries the whole text
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _digits(value: Any, n: int) -> str | None:
    text = _text(value)
    return text if re.fullmatch(f"[0-9]{{{n}}}", text) else None


def _ordered(rollen: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    # Registration order, whatever order the API lists them in, so a repeated status maps alike.
    return sorted(rollen, key=lambda r: (_text(r.get("registratiedatum")), _text(r.get("url"))))


def _is_initiator(rol: Mapping[str, Any]) -> bool:
    return rol.get("omschrijvingGeneriek") == "initiator" and rol.get("indicatieMachtiging") != GEMACHTIGDE


def initiator_rollen(rollen: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The initiator rollen, earliest first (a gemachtigde acts for an initiator, it is none)."""
    return [r for r in _ordered(rollen) if _is_initiator(r)]


def party_id_of(rol: Mapping[str, Any]) -> str:
    try:
        return f"rol-{uuid.UUID(_text(rol.get('uuid')))}"
    except ValueError:
        return "rol-" + hashlib.sha256(_text(rol.get("url")).encode()).hexdigest()[:32]


def role_of(rol: Mapping[str, Any]) -> str | None:
    """The role of a rol other than the case's initiator; None: the rol is no party."""
    if rol.get("indicatieMachtiging") == GEMACHTIGDE:
        return "representative"
    return ROLES.get(_text(rol.get("omschrijvingGeneriek")))


def identifier_of(rol: Mapping[str, Any]) -> IdentifierIn | None:
    ident = rol.get("betrokkeneIdentificatie")
    if not isinstance(ident, Mapping):
        return None
    fields: dict[str, str] = {}
    if rol.get("betrokkeneType") == "natuurlijk_persoon":
        if bsn := _digits(ident.get("inpBsn"), 9):
            fields = {"bsn": bsn}
    elif kvk := _digits(ident.get("kvkNummer"), 8):
        branch = _digits(ident.get("vestigingsNummer"), 12)
        fields = {"kvk": kvk, **({"branch": branch} if branch else {})}
    elif kvk := _digits(ident.get("innNnpId"), 8):  # some case systems keep the KvK number here
        fields = {"kvk": kvk}
    elif rsin := _digits(ident.get("innNnpId"), 9):
        fields = {"rsin": rsin}
    if not fields:
        return None
    try:
        return IdentifierIn.model_validate(fields)
    except ValidationError:  # a BSN failing the eleven-test is not used (nor logged)
        return None


def name_of(rol: Mapping[str, Any]) -> str | None:
    """A business's display name; a person's name is not kept."""
    if KINDS.get(_text(rol.get("betrokkeneType"))) != "business":
        return None
    ident = rol.get("betrokkeneIdentificatie")
    ident = ident if isinstance(ident, Mapping) else {}
    handelsnamen = ident.get("handelsnaam")
    candidates = [rol.get("afwijkendeNaamBetrokkene"), ident.get("statutaireNaam"), ident.get("naam")]
    candidates += list(handelsnamen) if isinstance(handelsnamen, list) else []
    for candidate in candidates:
        name = _CONTROL.sub(" ", _text(candidate)).strip()[:200].strip()
        if name:
            return name
    return None


def contact_of(rol: Mapping[str, Any]) -> dict[str, str]:
    """Channel and contact fields from the rol's contact person; `portal` without any."""
    person = rol.get("contactpersoonRol")
    person = person if isinstance(person, Mapping) else {}
    raw = {"email": person.get("emailadres"), "phone": person.get("telefoonnummer")}
    contact: dict[str, str] = {}
    for spec in CONTACT_CHANNELS:
        field = spec.contact
        try:
            if value := _text(raw.get(field.name)):
                contact[field.name] = field.normalise(value)
        except ValueError:  # a landline, a malformed address: not a way to reach the party
            continue
    channel = next((s.name for s in CONTACT_CHANNELS if s.contact.name in contact), WEBSITE_ONLY)
    return {"channel": channel, **contact}


def party_of(rol: Mapping[str, Any], party_id: str, role: str) -> EventPartyIn | None:
    kind = KINDS.get(_text(rol.get("betrokkeneType")))
    if kind is None:
        return None
    fields = {"party_id": party_id, "role": role, "kind": kind, "name": name_of(rol), **contact_of(rol)}
    try:
        return EventPartyIn.model_validate({**fields, "identifier": identifier_of(rol)})
    except ValidationError:
        return None


def parties_of(rollen: Iterable[Mapping[str, Any]], known: Collection[str] = ()) -> list[EventPartyIn]:
    """The parties the zaak's rollen name, in registration order, at most `MAX_PARTIES`.

    A party id in `known` (registered by the case system, changed by the citizen, or erased) is
    not registered again: an event would otherwise undo those. The initiator comes only with
    contact data: without it, its preference stays the case system's to register, as before."""
    ordered = _ordered(rollen)
    first = next(iter(initiator_rollen(ordered)), None)
    parties = []
    for rol in ordered:
        is_first = rol is first
        party_id, role = (INITIATOR, INITIATOR) if is_first else (party_id_of(rol), role_of(rol))
        if role is None or party_id in known:
            continue
        party = party_of(rol, party_id, role)
        if party is None or (is_first and party.channel == WEBSITE_ONLY):
            continue
        parties.append(party)
    return parties[:MAX_PARTIES]
