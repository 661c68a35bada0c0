"""The status page of one case, with the form that changes the citizen's preference."""

from __future__ import annotations

import datetime as dt
from html import escape as e
from typing import Any
from urllib.parse import quote

from chalicelib.domain import dates
from chalicelib.domain.channels import CHANNELS
from chalicelib.domain.contacts import ContactField
from chalicelib.web.pages import notices, progress
from chalicelib.web.pages.documents import documents_section
from chalicelib.web.pages.layout import language_links, layout
from chalicelib.web.pages.reader import heading, introduction
from chalicelib.web.pages.subcases import parent_sentence, subcases_section
from chalicelib.web.pages.words import LANGUAGES, WORDS, words

FORM_ANCHOR = "berichten"


def _when(iso: str, language: str) -> str:
    return dates.long_datetime(dt.datetime.fromisoformat(iso), language)


def _day(iso: str, language: str) -> str:
    return dates.long_date(dt.date.fromisoformat(iso), language)


def page_url(token: str, language: str) -> str:
    return f"/track/{quote(token, safe='')}?lang={language}"


def form_action(token: str, language: str) -> str:
    return f"/track/{quote(token, safe='')}/preferences?lang={language}#{FORM_ANCHOR}"


def status_page(
    view: dict[str, Any],
    token: str,
    form_token: str,
    *,
    saved: bool = False,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
) -> str:
    lang = view["language"]
    w = words(lang)
    errors = errors or {}
    case = view["case"]
    title = f"{case['case_type']} – {heading('title', view['reader'], w)} – {view['organisation']['name']}"
    if errors:
        title = f"{w['error_prefix']}: {title}"
    main = (
        f"<h1{progress.dutch(view, 'case.case_type')}>{e(case['case_type'])}</h1>"
        + notices.action_section(view, lang)  # what the citizen must do comes first
        + introduction(view, w)
        + progress.language_note(view, lang)
        + parent_sentence(view, w)
        + progress.result_section(view, lang)
        + _facts(view, w, lang)
        + _current(view, w, lang)
        + progress.steps_section(view, lang)
        + progress.dates_section(view, lang)
        + subcases_section(view, w, lang)
        + _timeline(view, w, lang)
        + documents_section(view, lang)
        + notices.contact_section(view, lang)
        # A closed case changes no more: nothing more to be told of, so no form.
        + ("" if view["closed"] else _preferences(view, w, lang, token, form_token, saved, errors, values or {}))
    )
    return layout(lang, title, main, _header(view, token, lang), _footer(w))


def _header(view: dict[str, Any], token: str, lang: str) -> str:
    links = language_links(f"/track/{quote(token, safe='')}", lang)
    return (
        f'<header class="site"><div class="wrap"><p class="org">{e(view["organisation"]["name"])}</p>'
        f'<nav aria-label="{e(words(lang)["language_nav"])}"><ul>{links}</ul></nav></div></header>'
    )


def _facts(view: dict[str, Any], w: dict[str, str], lang: str) -> str:
    case = view["case"]
    rows = [(w["case_id"], e(case["id"]))]
    if case["description"]:
        rows.append((w["description"], e(case["description"])))
    if view["expected_end_date"] and not view["closed"]:
        day = view["expected_end_date"]
        rows.append((w["expected"], f'<time datetime="{e(day)}">{e(_day(day, lang))}</time>'))
    return '<dl class="facts">' + "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _current(view: dict[str, Any], w: dict[str, str], lang: str) -> str:
    current = view["current_status"]
    html = (
        f'<section class="current" aria-labelledby="h-current"><h2 id="h-current">{e(w["current"])}</h2>'
        f"<p{progress.dutch(view, 'current_status.text')}>{e(current['text'])}</p>"
        f'<p class="meta">{e(w["since"])} <time datetime="{e(current["since"])}">'
        f"{e(_when(current['since'], lang))}</time></p></section>"
    )
    if view["closed"]:
        closed = w["closed"].format(date=_day(view["closed_on"], lang))
        html += f'<div class="closed"><p><strong>{e(closed)}</strong></p>'
        if view["visible_until"]:
            html += f"<p>{e(w['visible_until'].format(date=_day(view['visible_until'], lang)))}</p>"
        html += "</div>"
    return html


def _timeline(view: dict[str, Any], w: dict[str, str], lang: str) -> str:
    items = []
    last = len(view["history"]) - 1
    for i, h in enumerate(view["history"]):
        marker = f' <span class="meta">({e(w["current_marker"])})</span>' if i == last else ""
        explanation = (  # not again below a text that already says it (`((status.explanation))`)
            f'<p class="explanation"><strong>{e(w["explanation"])}:</strong> {e(h["explanation"])}</p>'
            if h["explanation"] and h["explanation"] not in h["text"]
            else ""
        )
        now = ' class="now"' if i == last else ""
        items.append(
            f"<li{now}>"
            f'<p class="when"><time datetime="{e(h["at"])}">{e(_when(h["at"], lang))}</time>{marker}</p>'
            f'<p class="text"{progress.dutch(view, f"history.{i}.text")}>{e(h["text"])}</p>{explanation}</li>'
        )
    return (
        f'<section aria-labelledby="h-history"><h2 id="h-history">{e(heading("history", view["reader"], w))}</h2>'
        f'<ol class="timeline">{"".join(items)}</ol></section>'
    )


def _now(prefs: dict[str, Any], w: dict[str, str], lang: str) -> str:
    spec = CHANNELS.get(prefs["channel"])
    if spec is None:
        return w.get(f"now_{prefs['channel']}", w["now_none"])
    contact = prefs.get(spec.contact.name) or ""
    return (spec.now.get(lang) or spec.now["nl"]).format(contact=contact)


def _label(channel: str, w: dict[str, str], lang: str) -> str:
    spec = CHANNELS.get(channel)
    return (spec.labels.get(lang) or spec.labels["nl"]) if spec else w["channel_" + channel]


def _preferences(
    view: dict[str, Any],
    w: dict[str, str],
    lang: str,
    token: str,
    form_token: str,
    saved: bool,
    errors: dict[str, str],
    values: dict[str, str],
) -> str:
    prefs = view["preferences"]
    chosen = values.get("channel", prefs["channel"]) if errors else prefs["channel"]
    parts = [f'<section aria-labelledby="h-prefs" id="{FORM_ANCHOR}"><h2 id="h-prefs">{e(w["prefs"])}</h2>']
    if saved:
        parts.append(f'<div class="notice" role="status"><p>{e(w["saved"])}</p></div>')
    parts.append(f"<p><strong>{e(_now(prefs, w, lang))}</strong></p>")
    parts.append(f'<form method="post" action="{e(form_action(token, lang))}" novalidate>')
    if errors:
        links = "".join(f'<li><a href="#{_field_id(name)}">{e(w[code])}</a></li>' for name, code in errors.items())
        parts.append(
            '<div class="error-summary" role="alert" aria-labelledby="h-errors">'
            f'<h3 id="h-errors">{e(w["error_title"])}</h3><ul>{links}</ul></div>'
        )
    parts.append(f'<input type="hidden" name="form_token" value="{e(form_token)}">')
    parts.append(_channels(w, lang, chosen, errors.get("channel")))
    parts += [_contact_field(field, w, prefs.get(field.name), values, errors) for field in CHANNELS.contact_fields()]
    parts.append(_language_field(w, values.get("language") if errors else None, prefs["language"], errors))
    parts.append(f'<button type="submit">{e(w["save"])}</button></form></section>')
    return "".join(parts)


def _field_id(name: str) -> str:
    first = f"channel-{CHANNELS.choices()[0]}"  # the group's first radio button
    return {"channel": first, "form": first}.get(name, name)


def _error(name: str, code: str | None, w: dict[str, str]) -> str:
    if not code:
        return ""
    prefix = f'<span class="visually-hidden">{e(w["error_prefix"])}: </span>'
    return f'<p class="error" id="{name}-error">{prefix}{e(w[code])}</p>'


def _channels(w: dict[str, str], lang: str, chosen: str, error: str | None) -> str:
    described = ' aria-describedby="channel-error"' if error else ""
    options = "".join(
        f'<div class="choice"><input type="radio" name="channel" id="channel-{c}" value="{c}"'
        + (" checked" if c == chosen else "")
        + f'><label for="channel-{c}">{e(_label(c, w, lang))}</label></div>'
        for c in CHANNELS.choices()
    )
    cls = ' class="invalid"' if error else ""
    return (
        f"<fieldset{cls}{described}><legend>{e(w['channel_legend'])}</legend>"
        f"{_error('channel', error, w)}{options}</fieldset>"
    )


def _contact_field(
    field: ContactField, w: dict[str, str], stored: str | None, values: dict[str, str], errors: dict[str, str]
) -> str:
    name, kind = field.name, field.kind
    code = errors.get(name)
    hint = w[f"{name}_hint"] + (" " + w["keep"].format(contact=stored) if stored else "")
    described = f"{name}-hint" + (f" {name}-error" if code else "")
    value = values.get(name, "") if errors else ""
    invalid = ' aria-invalid="true"' if code else ""
    extra = ' inputmode="tel"' if kind == "tel" else ' spellcheck="false"'
    return (
        f'<div class="field{" invalid" if code else ""}"><label for="{name}">{e(w[name])}</label>'
        f'<p class="hint" id="{name}-hint">{e(hint)}</p>{_error(name, code, w)}'
        f'<input type="{kind}" id="{name}" name="{name}" autocomplete="{kind}"{extra}'
        f' value="{e(value)}" aria-describedby="{described}"{invalid}></div>'
    )


def _language_field(w: dict[str, str], entered: str | None, stored: str, errors: dict[str, str]) -> str:
    code = errors.get("language")
    chosen = entered or stored
    options = "".join(
        f'<option value="{c}" lang="{c}"'
        + (" selected" if c == chosen else "")
        + f">{e(WORDS[c]['language_name'])}</option>"
        for c in LANGUAGES
    )
    described = ' aria-describedby="language-error"' if code else ""
    invalid = ' aria-invalid="true"' if code else ""
    return (
        f'<div class="field{" invalid" if code else ""}"><label for="language">{e(w["msg_language"])}</label>'
        f"{_error('language', code, w)}"
        f'<select id="language" name="language"{described}{invalid}>{options}</select></div>'
    )


def _footer(w: dict[str, str]) -> str:
    return f'<footer><div class="wrap"><p>{e(w["footer"])}</p></div></footer>'
