"""The fields of the case-type form: inputs, text areas and check boxes, each with its label, hint
and error (`aria-describedby` names both, `aria-invalid` marks the field), a status's fieldset,
the preview's controls, and a status read-only."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape as e

from chalicelib.domain.answers import StatusOut
from chalicelib.domain.parties import ROLES
from chalicelib.web.console.case_type_form import CHECKED, TEXTS, notified_roles, row_count

PREVIEW_FIELDS = ("preview.status", "preview.language", "preview.role", "preview.description", "preview.explanation")
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "Engels"}
ROLE_NAMES = {
    "initiator": "Aanvrager",
    "co_initiator": "Mede-aanvrager",
    "representative": "Gemachtigde",
    "interested": "Belanghebbende",
    "commissioner": "Opdrachtgever (organisatie)",
    "chain_partner": "Ketenpartner (organisatie)",
}
READERS = {
    "initiator": "Burger (aanvrager)",
    "business": "Bedrijf (tekst voor bedrijven)",
    **{r: ROLE_NAMES[r] for r in ("representative", "commissioner", "chain_partner")},
}
CASE_TYPE_LABELS = {"name": "Interne naam", "public_name": "Naam voor burgers", "service_norm_days": "Servicenorm"}
STATUS_LABELS = {"code": "Code", "name": "Interne naam", "public": "Zichtbaar", "final": "Laatste status"}
PREVIEW_LABELS = {"preview.status": "Voorbeeld, status", "preview.language": "Voorbeeld, taal"}
PREVIEW_LABELS |= {"preview.role": "Voorbeeld, lezer", "preview.description": "Voorbeeld, omschrijving"}
PREVIEW_LABELS |= {"preview.explanation": "Voorbeeld, toelichting"}
TEXT_LABELS = {
    "text": "Tekst",
    "text_business": "Tekst voor bedrijven",
    "text_fallback": "Tekst als een waarde ontbreekt",
}


def fid(name: str) -> str:
    """A field's id: its name with dots as dashes."""
    return "f-" + name.replace(".", "-")


def lang_name(lang: str) -> str:
    return LANGUAGE_NAMES.get(lang, lang)


def _error(name: str, placed: Mapping[str, list[str]]) -> tuple[str, str]:
    """The error paragraph beside the field, and its id (to describe the field by)."""
    messages = placed.get(name)
    if not messages:
        return "", ""
    error_id = fid(name) + "-error"
    text = " ".join(messages)
    return f'<p class="error" id="{error_id}"><span class="visually-hidden">Fout: </span>{e(text)}</p>', error_id


def _described(hint_id: str, error_id: str) -> str:
    ids = " ".join(i for i in (hint_id, error_id) if i)
    attrs = f' aria-describedby="{ids}"' if ids else ""
    return attrs + (' aria-invalid="true"' if error_id else "")


def text_input(
    name: str,
    label: str,
    values: Mapping[str, str],
    placed: Mapping[str, list[str]],
    *,
    hint: str = "",
    numeric: bool = False,
    readonly: bool = False,
) -> str:
    error, error_id = _error(name, placed)
    hint_id = fid(name) + "-hint" if hint else ""
    hint_html = f'<p class="hint" id="{hint_id}">{e(hint)}</p>' if hint else ""
    extra = ' inputmode="numeric"' if numeric else ""
    extra += " readonly" if readonly else ""
    return (
        f'<div class="field{" invalid" if error else ""}"><label for="{fid(name)}">{e(label)}</label>{hint_html}{error}'
        f'<input type="text" id="{fid(name)}" name="{e(name)}" value="{e(values.get(name, ""))}"'
        f"{extra}{_described(hint_id, error_id)}></div>"
    )


def textarea(name: str, label: str, values: Mapping[str, str], placed: Mapping[str, list[str]]) -> str:
    error, error_id = _error(name, placed)
    return (
        f'<div class="field{" invalid" if error else ""}"><label for="{fid(name)}">{e(label)}</label>{error}'
        f'<textarea id="{fid(name)}" name="{e(name)}" rows="3"{_described("", error_id)}>'
        f"{e(values.get(name, ''))}</textarea></div>"
    )


def checkbox(name: str, label: str, values: Mapping[str, str], placed: Mapping[str, list[str]]) -> str:
    error, error_id = _error(name, placed)
    checked = " checked" if values.get(name) == CHECKED else ""
    box = f'<input type="checkbox" id="{fid(name)}" name="{e(name)}" value="{CHECKED}"{checked}'
    label = f'<label for="{fid(name)}">{e(label)}</label>'
    return f'{error}<div class="choice{" invalid" if error else ""}">{box}{_described("", error_id)}>{label}</div>'


def status_fieldset(
    i: int, values: Mapping[str, str], placed: Mapping[str, list[str]], langs: Sequence[str], new: bool
) -> str:
    p = f"statuses.{i}."
    code = values.get(p + "code", "")
    legend = "Nieuwe status (laat leeg om geen status toe te voegen)" if new else f"Status {i + 1}: {code}"
    group_error, _ = _error(f"statuses.{i}", placed)
    parts = [f'<fieldset class="status" id="{fid(f"statuses.{i}")}"><legend>{e(legend)}</legend>{group_error}']
    hint = "a-z, 0-9, _ en -, zoals het zaaksysteem hem stuurt."
    parts.append(text_input(p + "code", "Code", values, placed, hint=hint))
    parts.append(text_input(p + "name", "Interne naam", values, placed))
    parts.append(checkbox(p + "public", "Zichtbaar voor burgers", values, placed))
    parts.append(checkbox(p + "final", "Laatste status (de zaak is afgehandeld)", values, placed))
    notify_error, notify_error_id = _error(p + "notify", placed)
    described = f' aria-describedby="{notify_error_id}"' if notify_error_id else ""
    parts.append(f'<fieldset class="roles"{described}><legend>Bericht sturen aan</legend>{notify_error}')
    parts += [checkbox(f"{p}notify.{role}", ROLE_NAMES[role], values, placed) for role in ROLES]
    parts.append("</fieldset>")
    parts += [textarea(f"{p}text.{lang}", f"Tekst ({lang_name(lang)})", values, placed) for lang in langs]
    more = [f"{p}{kind}.{lang}" for kind in TEXTS[1:] for lang in langs]
    opened = " open" if any(values.get(n, "").strip() or n in placed for n in more) else ""
    parts.append(f"<details{opened}><summary>Teksten voor bedrijven en als een waarde ontbreekt</summary>")
    parts += [
        textarea(f"{p}{kind}.{lang}", f"{TEXT_LABELS[kind]} ({lang_name(lang)})", values, placed)
        for kind in TEXTS[1:]
        for lang in langs
    ]
    parts.append("</details>")
    if not new:
        parts.append(checkbox(p + "remove", "Deze status verwijderen", values, placed))
        parts.append(
            f'<button type="submit" class="secondary" name="action" value="preview-{i}">'
            f'Voorbeeld van deze status<span class="visually-hidden"> ({e(code)})</span></button>'
        )
    parts.append("</fieldset>")
    return "".join(parts)


def label_of(name: str, values: Mapping[str, str]) -> str:
    """How the error summary names a field: 'Status 2 (in_behandeling), Tekst (Nederlands)'."""
    if name in PREVIEW_LABELS:
        return PREVIEW_LABELS[name]
    parts = name.split(".")
    if parts[0] != "statuses" or len(parts) < 3 or not parts[1].isdecimal():
        return CASE_TYPE_LABELS.get(parts[0], "") + (f" ({lang_name(parts[1])})" if len(parts) > 1 else "")
    code = values.get(f"statuses.{parts[1]}.code", "")
    status = f"Status {int(parts[1]) + 1}" + (f" ({code})" if code else "")
    field, rest = parts[2], parts[3:]
    if field in TEXT_LABELS:
        return f"{status}, {TEXT_LABELS[field]}" + (f" ({lang_name(rest[0])})" if rest else "")
    if field == "notify":
        return f"{status}, Bericht sturen aan"
    return f"{status}, {STATUS_LABELS.get(field, field)}"


def preview_controls(values: Mapping[str, str], placed: Mapping[str, list[str]]) -> str:
    codes = [c for i in range(row_count(values)) if (c := values.get(f"statuses.{i}.code", "").strip())]
    parts = ['<fieldset class="preview-controls"><legend>Voorbeeld van een bericht</legend>']
    parts.append(
        '<p class="hint">Toont de sms en de e-mail van een status zoals een burger ze krijgt, met wat u nu in het '
        "formulier hebt staan (ook als het nog niet is opgeslagen).</p>"
    )
    parts.append(_select("preview.status", "Status", [(c, c) for c in codes], values, placed))
    parts.append(_select("preview.language", "Taal", [(k, v) for k, v in LANGUAGE_NAMES.items()], values, placed))
    parts.append(_select("preview.role", "Lezer", list(READERS.items()), values, placed))
    parts.append(text_input("preview.description", "Voorbeeld: omschrijving van de zaak", values, placed))
    parts.append(text_input("preview.explanation", "Voorbeeld: toelichting bij de status", values, placed))
    parts.append('<button type="submit" name="action" value="preview">Voorbeeld</button></fieldset>')
    return "".join(parts)


def _select(
    name: str, label: str, options: list[tuple[str, str]], values: Mapping[str, str], placed: Mapping[str, list[str]]
) -> str:
    error, error_id = _error(name, placed)
    chosen = values.get(name, "")
    rendered = "".join(
        f'<option value="{e(value)}"{" selected" if value == chosen else ""}>{e(text)}</option>'
        for value, text in options
    )
    return (
        f'<div class="field{" invalid" if error else ""}"><label for="{fid(name)}">{e(label)}</label>{error}'
        f'<select id="{fid(name)}" name="{e(name)}"{_described("", error_id)}>{rendered}</select></div>'
    )


def status_view(status: StatusOut) -> str:
    """A status read-only: whom it tells and its texts."""
    roles = notified_roles(status.notify)
    told = ", ".join(ROLE_NAMES[r].lower() for r in roles if r in ROLE_NAMES) or "niemand"
    rows = [("Code", status.code), ("Zichtbaar voor burgers", "ja" if status.public else "nee"), ("Bericht aan", told)]
    if status.final:
        rows.append(("Laatste status", "ja"))
    for kind, label in TEXT_LABELS.items():
        rows += [(f"{label} ({lang_name(lang)})", text) for lang, text in getattr(status, kind).items()]
    facts = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rows)
    return f'<section class="status"><h3>{e(status.name)}</h3><dl class="facts">{facts}</dl></section>'
