"""The case look-up page: what a contact-centre agent needs to answer a caller. Contact data is
masked; tracking links are left out (staff must not act as the citizen)."""

from __future__ import annotations

import datetime as dt
from html import escape as e

from chalicelib.domain.answers import CaseView, NotificationOut, PartyOut
from chalicelib.domain.dates import long_date, long_datetime
from chalicelib.domain.staff import StaffSession
from chalicelib.services.console_cases import CaseLookup
from chalicelib.web.console.layout import console_page

PATH = "/console/cases"
STATES = {
    "created": ("Klaar om te versturen", ""),
    "sending": ("Wordt verstuurd", ""),
    "sent": ("Verstuurd", "state-good"),
    "delivered": ("Afgeleverd", "state-good"),
    "temporary-failure": ("Tijdelijk mislukt, wordt opnieuw geprobeerd", "state-bad"),
    "permanent-failure": ("Mislukt", "state-bad"),
    "technical-failure": ("Niet verstuurd door een storing", "state-bad"),
    "suppressed": ("Niet verstuurd", "state-bad"),
}
ERROR_CLASSES = {
    "retryable": "De aanbieder was tijdelijk niet bereikbaar.",
    "permanent": "Het nummer of adres werkt niet (geweigerd of onbestelbaar).",
    "unconfirmed": "De aanbieder bevestigde het bericht niet; het kan zijn aangekomen.",
    "technical": "Een storing bij ons of bij de aanbieder.",
    "limit": "De ontvanger kreeg vandaag al het maximale aantal berichten.",
}
ROLES = {
    "initiator": "Aanvrager",
    "co_initiator": "Mede-aanvrager",
    "representative": "Gemachtigde",
    "interested": "Belanghebbende",
    "commissioner": "Opdrachtgever",
    "chain_partner": "Ketenpartner",
}
KINDS = {"person": "persoon", "business": "onderneming", "organisation": "organisatie"}
CHANNELS = {"sms": "sms", "email": "e-mail", "portal": "berichtenbox/portaal", "none": "geen berichten"}


def _when(iso: str | None) -> str:
    if not iso:
        return "–"
    try:
        return long_datetime(dt.datetime.fromisoformat(iso), "nl")
    except ValueError:
        return iso


def _day(iso: str | None) -> str:
    if not iso:
        return "niet bekend"
    try:
        return long_date(dt.date.fromisoformat(iso[:10]), "nl")
    except ValueError:
        return iso


def search_form(value: str = "", invalid: bool = False) -> str:
    described = ' aria-describedby="case-error" aria-invalid="true"' if invalid else ""
    error = '<p class="error" id="case-error">Vul een zaaknummer in.</p>' if invalid else ""
    return (
        f'<form class="search" method="get" action="{PATH}" role="search">'
        f'<div class="field{" invalid" if invalid else ""}"><label for="case_id">Zaaknummer</label>{error}'
        f'<input type="search" id="case_id" name="case_id" value="{e(value)}" autocomplete="off"'
        f' spellcheck="false"{described}></div><button type="submit">Zoeken</button></form>'
    )


def search_page(staff: StaffSession, value: str = "", invalid: bool = False, missing: bool = False) -> str:
    found = ""
    if missing:
        found = (
            f'<div class="not-found" role="status"><h2>Niet gevonden</h2><p>Er is geen zaak met nummer '
            f"<strong>{e(value)}</strong> bij uw organisatie. Controleer het nummer.</p></div>"
        )
    body = f"<h1>Zaak zoeken</h1>{search_form(value, invalid)}{found}"
    return console_page("Niet gevonden" if missing else "Zaak zoeken", body, staff=staff, current=PATH)


def case_page(staff: StaffSession, found: CaseLookup) -> str:
    v = found.view
    body = (
        f"<h1>Zaak {e(v.id)}</h1>{search_form(v.id)}"
        f"{_summary(v, found.case_type_name)}{_history(v, found.internal)}{_parties(v.parties)}"
        f"{_notifications(v, found.internal)}"
    )
    return console_page(f"Zaak {v.id}", body, staff=staff, current=PATH)


def _summary(v: CaseView, case_type_name: str | None) -> str:
    current = v.current_status
    status = f"{current.name} (sinds {_when(current.since)})" if current else "Nog geen status ontvangen"
    rows = [
        ("Zaaktype", f"{case_type_name or v.case_type or '–'}"),
        ("Omschrijving", v.description or "–"),
        ("Huidige status", status),
        ("Afgerond", "ja" if v.closed else "nee"),
        ("Verwachte einddatum", _day(v.expected_end_date)),
    ]
    facts = "".join(f"<dt>{e(k)}</dt><dd>{e(val)}</dd>" for k, val in rows)
    return f'<h2>Stand van zaken</h2><dl class="facts">{facts}</dl>'


def _scroll(name: str) -> str:
    """A table's box: it scrolls sideways on a narrow screen, so keyboards must reach it too."""
    return f'<div class="table-scroll" role="region" tabindex="0" aria-labelledby="{name}-caption">'


def _history(v: CaseView, internal: frozenset[str]) -> str:
    if not v.history:
        return "<h2>Geschiedenis</h2><p>Nog geen statussen.</p>"
    rows = "".join(
        f"<tr><td>{e(_when(h.occurred_at))}</td><td>{e(h.name)}"
        + (' <span class="tag">intern</span>' if h.status in internal else "")
        + f"</td><td>{e(h.explanation or '')}</td></tr>"
        for h in v.history
    )
    return (
        f'<h2>Geschiedenis</h2>{_scroll("history")}<table><caption id="history-caption">Alle statussen, oudste eerst; '
        '<span class="tag">intern</span> = niet zichtbaar voor de burger</caption>'
        '<thead><tr><th scope="col">Wanneer</th><th scope="col">Status</th><th scope="col">Toelichting</th></tr>'
        f"</thead><tbody>{rows}</tbody></table></div>"
    )


def _parties(parties: list[PartyOut]) -> str:
    if not parties:
        return "<h2>Betrokkenen</h2><p>Geen betrokkenen bekend.</p>"
    rows = "".join(
        f"<tr><td>{e(ROLES.get(p.role, p.role))}</td><td>{e(KINDS.get(p.kind, p.kind))}"
        + (f" – {e(p.name)}" if p.name else "")
        + f"</td><td>{e(CHANNELS.get(p.channel, p.channel))}</td><td>{e(p.phone or p.email or '–')}</td></tr>"
        for p in parties
    )
    return (
        f'<h2>Betrokkenen</h2>{_scroll("parties")}<table><caption id="parties-caption">Contactgegevens gemaskeerd'
        "</caption>"
        '<thead><tr><th scope="col">Rol</th><th scope="col">Soort</th><th scope="col">Kanaal</th>'
        f'<th scope="col">Telefoon / e-mail</th></tr></thead><tbody>{rows}</tbody></table></div>'
    )


def _outcome(n: NotificationOut) -> str:
    words, style = STATES.get(n.state, (n.state, ""))
    why = ERROR_CLASSES.get(n.last_error_class or "", "") if n.last_error else ""
    code = f" (code: {n.last_error})" if n.last_error else ""
    extra = " Verstuurd via het andere kanaal." if n.fallback else ""
    cls = f' class="{style}"' if style else ""
    return f"<span{cls}>{e(words)}</span>" + (f"<br>{e(why + code + extra)}" if why or code or extra else "")


def _notifications(v: CaseView, internal: frozenset[str]) -> str:
    if not v.notifications:
        return "<h2>Berichten</h2><p>Er zijn geen berichten verstuurd voor deze zaak.</p>"
    names = {h.status: h.name for h in v.history}
    roles = {p.party_id: ROLES.get(p.role, p.role) for p in v.parties}
    rows = "".join(
        f"<tr><td>{e(names.get(n.status, n.status))}{' (herinnering)' if n.reminder else ''}</td>"
        f"<td>{e(roles.get(n.party_id, n.party_id))}</td><td>{e(CHANNELS.get(n.channel, n.channel))}</td>"
        f'<td>{_outcome(n)}</td><td class="number">{n.attempts}</td><td>{e(_when(n.updated_at))}</td></tr>'
        for n in v.notifications
    )
    return (
        f'<h2>Berichten</h2>{_scroll("messages")}<table><caption id="messages-caption">Per status en betrokkene'
        "</caption>"
        '<thead><tr><th scope="col">Status</th><th scope="col">Aan</th><th scope="col">Kanaal</th>'
        '<th scope="col">Uitkomst</th><th scope="col" class="number">Pogingen</th>'
        '<th scope="col">Laatst bijgewerkt</th>'
        f"</tr></thead><tbody>{rows}</tbody></table></div>"
    )
