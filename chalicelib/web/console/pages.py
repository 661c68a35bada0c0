"""The console's own pages: sign-in, the e-mail sent, the link confirmation, the home page."""

from __future__ import annotations

from html import escape as e
from urllib.parse import quote

from chalicelib.domain.staff import StaffSession
from chalicelib.web.console.layout import NAV, console_page

SENT = (
    "Als dit adres toegang heeft tot de console, ontvangt u binnen enkele minuten een e-mail met een "
    "aanmeldlink. De link werkt één keer en is 15 minuten geldig."
)
SECTION_TEXT = {
    "/console/cases": "Zoek een zaak op nummer: status, geschiedenis, betrokkenen en berichten.",
    "/console/case-types": "Bekijk en bewerk zaaktypen, statussen en teksten, met voorbeeld.",
    "/console/reports": "Doorlooptijden, achterstanden en bezorging van berichten.",
}


def sign_in_page(error: str | None = None, value: str = "") -> str:
    summary = field_error = ""
    invalid = ""
    if error == "email":
        text = "Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."
        summary = (
            '<div class="error-summary" role="alert" aria-labelledby="fouten"><h2 id="fouten">Er is een probleem</h2>'
            f'<ul><li><a href="#email">{e(text)}</a></li></ul></div>'
        )
        field_error = f'<p class="error" id="email-error"><span class="visually-hidden">Fout: </span>{e(text)}</p>'
        invalid = " invalid"
    elif error == "form":
        summary = '<div class="error-summary" role="alert"><p>Het formulier kwam niet van deze site.</p></div>'
    described = (
        ' aria-describedby="email-hint email-error" aria-invalid="true"'
        if field_error
        else (' aria-describedby="email-hint"')
    )
    body = (
        f"<h1>Aanmelden</h1>{summary}"
        "<p>De console is voor medewerkers van organisaties die Zaakstatus gebruiken.</p>"
        '<form method="post" action="/console/sign-in" novalidate>'
        f'<div class="field{invalid}"><label for="email">E-mailadres</label>'
        '<p class="hint" id="email-hint">U krijgt een link per e-mail; daarmee meldt u zich aan.</p>'
        f'{field_error}<input type="email" id="email" name="email" autocomplete="email" spellcheck="false"'
        f' value="{e(value)}"{described}></div>'
        '<button type="submit">Stuur mij een aanmeldlink</button></form>'
    )
    return console_page("Aanmelden", body)


def link_sent_page() -> str:
    body = (
        f'<h1>Kijk in uw e-mail</h1><p role="status">{e(SENT)}</p>'
        "<p>Geen e-mail ontvangen? Kijk ook in de map met ongewenste e-mail, of "
        '<a href="/console">vraag een nieuwe link aan</a>.</p>'
    )
    return console_page("Kijk in uw e-mail", body)


def link_gone_page() -> str:
    """The same page for a used, expired or made-up link: it never tells which."""
    body = (
        "<h1>Deze link werkt niet (meer)</h1>"
        "<p>Een aanmeldlink werkt één keer en 15 minuten lang.</p>"
        '<p><a href="/console">Vraag een nieuwe link aan</a>.</p>'
    )
    return console_page("Link werkt niet", body)


def confirm_page(token: str, org_name: str) -> str:
    body = (
        f"<h1>Aanmelden bij {e(org_name)}</h1>"
        f'<form method="post" action="/console/login/{e(quote(token, safe=""))}">'
        '<button type="submit">Aanmelden</button></form>'
    )
    return console_page("Aanmelden", body)


def home_page(staff: StaffSession) -> str:
    items = "".join(
        f'<li><a href="{e(path)}">{e(nl)}</a><p>{e(SECTION_TEXT.get(path, ""))}</p></li>' for path, nl, _ in NAV
    )
    body = f'<h1>Console van {e(staff.org_name)}</h1><ul class="sections">{items}</ul>'
    return console_page("Start", body, staff=staff)
