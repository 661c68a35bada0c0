"""The console's case-type pages: the list, the edit form (admin) or the read-only view (agent,
viewer), and the preview of a status's SMS and e-mail shown above the form.

Errors stand beside the field they name (`aria-describedby`, `aria-invalid`) and are listed in a
summary at the top whose links lead to the fields. Values are escaped with `html.escape` (`e`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape as e
from urllib.parse import quote

from chalicelib.domain.answers import CaseTypeOut
from chalicelib.domain.preview import PreviewAnswer
from chalicelib.domain.rendering import KNOWN_PLACEHOLDERS
from chalicelib.domain.staff import StaffSession
from chalicelib.web.console import case_type_fields as fields
from chalicelib.web.console.case_type_form import field_names, languages, place, row_count
from chalicelib.web.console.layout import console_page
from chalicelib.web.console.session import csrf_field

PATH = "/console/case-types"


def list_page(staff: StaffSession, case_types: Sequence[CaseTypeOut]) -> str:
    rows = "".join(
        f'<tr><td><a href="{PATH}/{quote(ct.code)}">{e(ct.public_name.get("nl") or ct.name)}</a></td>'
        f'<td>{e(ct.code)}</td><td class="number">{len(ct.statuses)}</td>'
        f'<td class="number">{e(_norm(ct.service_norm_days))}</td></tr>'
        for ct in case_types
    )
    table = (
        '<div class="table-scroll"><table><caption>Zaaktypen van uw organisatie</caption><thead><tr>'
        '<th scope="col">Naam</th><th scope="col">Code</th><th scope="col" class="number">Statussen</th>'
        f'<th scope="col" class="number">Servicenorm</th></tr></thead><tbody>{rows}</tbody></table></div>'
    )
    empty = "<p>Uw organisatie heeft nog geen zaaktypen. Ze worden aangemaakt via de API.</p>"
    return console_page("Zaaktypen", "<h1>Zaaktypen</h1>" + (table if case_types else empty), staff=staff, current=PATH)


def edit_page(
    staff: StaffSession,
    code: str,
    values: Mapping[str, str],
    errors: Mapping[str, list[str]],
    previews: Mapping[str, PreviewAnswer] | None = None,
    saved: bool = False,
) -> str:
    """The form (admin), with each error beside its field; `previews` by channel."""
    names = field_names(values)
    placed = place(errors, [*names, *fields.PREVIEW_FIELDS])
    langs = languages(values)
    title = f"Zaaktype {values.get('public_name.nl') or values.get('name') or code}"
    parts = [f"<h1>{e(title)}</h1>", _summary(placed, [*fields.PREVIEW_FIELDS, *names], values)]
    if saved:
        parts.append('<div class="notice" role="status"><p>Het zaaktype is opgeslagen.</p></div>')
    parts.append(preview_section(values, previews))
    parts.append(f'<form method="post" action="{PATH}/{quote(code)}#voorbeeld" novalidate>{csrf_field(staff)}')
    parts.append(fields.preview_controls(values, placed))
    parts.append(_case_type_fieldset(values, placed, langs))
    parts.append(f'<p class="hint">Placeholders in teksten: {e(", ".join(_placeholders(values)))}.</p>')
    count = row_count(values)
    parts.append(f'<input type="hidden" name="statuses" value="{count}">')
    parts += [fields.status_fieldset(i, values, placed, langs, new=i == count - 1) for i in range(count)]
    parts.append('<button type="submit" name="action" value="save">Opslaan</button></form>')
    return console_page(title, "".join(parts), staff=staff, current=PATH)


def view_page(
    staff: StaffSession,
    case_type: CaseTypeOut,
    values: Mapping[str, str],
    previews: Mapping[str, PreviewAnswer] | None,
    errors: Mapping[str, list[str]] | None = None,
) -> str:
    """Read-only (agent, viewer): the statuses and their texts, and the preview of a status."""
    title = f"Zaaktype {case_type.public_name.get('nl') or case_type.name}"
    statuses = "".join(fields.status_view(s) for s in case_type.statuses)
    facts = (
        f'<dl class="facts"><dt>Code</dt><dd>{e(case_type.code)}</dd><dt>Interne naam</dt><dd>{e(case_type.name)}</dd>'
        f"<dt>Servicenorm</dt><dd>{e(_norm(case_type.service_norm_days))}</dd></dl>"
    )
    form = (
        f'<form method="post" action="{PATH}/{quote(case_type.code)}#voorbeeld" novalidate>{csrf_field(staff)}'
        f"{fields.preview_controls(values, errors or {})}</form>"
    )
    summary = _summary(errors or {}, fields.PREVIEW_FIELDS, values)
    body = (
        f"<h1>{e(title)}</h1>{summary}"
        f"<p>U kunt dit zaaktype bekijken; alleen een beheerder kan het wijzigen.</p>{facts}"
        f"{preview_section(values, previews)}{form}<h2>Statussen</h2>{statuses}"
    )
    return console_page(title, body, staff=staff, current=PATH)


def preview_section(values: Mapping[str, str], previews: Mapping[str, PreviewAnswer] | None) -> str:
    if not previews:
        return ""
    status = values.get("preview.status", "")
    parts = [
        f'<section class="current preview" id="voorbeeld" aria-labelledby="voorbeeld-titel" tabindex="-1">'
        f'<h2 id="voorbeeld-titel">Voorbeeld: status {e(status)}</h2>'
    ]
    if any(not p.notifies for p in previews.values()):
        parts.append("<p>Let op: deze status stuurt deze lezer geen bericht. Zo zou het bericht luiden.</p>")
    if sms := previews.get("sms"):
        count = sms.sms
        facts = (
            f'<dl class="facts"><dt>Codering</dt><dd>{e(count.encoding)}</dd><dt>Tekens</dt><dd>{count.characters}</dd>'
            f"<dt>Sms-delen</dt><dd>{count.fragments}</dd></dl>"
            if count
            else ""
        )
        parts.append(f'<h3>Sms</h3><div class="message" id="voorbeeld-sms">{_lines(sms.body)}</div>{facts}')
    if email := previews.get("email"):
        parts.append(
            f'<h3>E-mail</h3><p><span class="label">Onderwerp:</span> <span id="voorbeeld-onderwerp">'
            f'{e(email.subject or "")}</span></p><div class="message" id="voorbeeld-email">{_lines(email.body)}</div>'
        )
    parts.append("</section>")
    return "".join(parts)


def _case_type_fieldset(values: Mapping[str, str], placed: Mapping[str, list[str]], langs: Sequence[str]) -> str:
    parts = ["<fieldset><legend>Zaaktype</legend>"]
    parts.append(fields.text_input("name", "Interne naam", values, placed))
    for lang in langs:
        parts.append(
            fields.text_input(f"public_name.{lang}", f"Naam voor burgers ({fields.lang_name(lang)})", values, placed)
        )
    hint = "Binnen hoeveel dagen de zaak af is; leeg: geen norm."
    parts.append(
        fields.text_input("service_norm_days", "Servicenorm in dagen", values, placed, hint=hint, numeric=True)
    )
    parts.append("</fieldset>")
    return "".join(parts)


def _summary(placed: Mapping[str, list[str]], names: Sequence[str], values: Mapping[str, str]) -> str:
    """Every error, named by its field and linked to it, at the top of the page."""
    if not placed:
        return ""
    items = "".join(
        f'<li><a href="#{fields.fid(name)}">{e(fields.label_of(name, values))}: {e(message)}</a></li>'
        if name in names
        else f"<li>{e(message)}</li>"
        for name in [n for n in names if n in placed] + (["form"] if "form" in placed else [])
        for message in placed[name]
    )
    return (
        '<div class="error-summary" role="alert" aria-labelledby="fouten" tabindex="-1">'
        f'<h2 id="fouten">Er is een probleem</h2><ul>{items}</ul></div>'
    )


def _placeholders(values: Mapping[str, str]) -> list[str]:
    return [f"(({name}))" for name in sorted(KNOWN_PLACEHOLDERS)] + ["((dates.<code>))"]


def _lines(text: str) -> str:
    return "".join(f"<p>{e(line)}</p>" for line in text.split("\n") if line.strip())


def _norm(days: int | None) -> str:
    return "geen" if days is None else f"{days} dagen"
