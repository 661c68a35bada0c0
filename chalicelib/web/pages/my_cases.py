"""The "Mijn zaken" pages: signing in by link, the overview of a citizen's cases across
organisations, and the form that changes the messages of all of them at once. Server-rendered,
escaped, no script; every form of a signed-in citizen carries the session's CSRF token."""

from __future__ import annotations

import datetime as dt
from html import escape as e

from chalicelib.domain import dates
from chalicelib.domain.channels import CHANNELS
from chalicelib.domain.my_cases_answers import MyCaseOut, MyCasesOut
from chalicelib.web.pages.layout import language_links, layout
from chalicelib.web.pages.my_cases_words import my_words
from chalicelib.web.pages.words import LANGUAGES, WORDS


def _q(language: str) -> str:
    return f"?lang={language}"


def _header(language: str, path: str = "/mijn-zaken") -> str:
    w = my_words(language)
    nav_label = WORDS[language]["language_nav"] if language in WORDS else "Taal"
    return (
        f'<header class="site"><div class="wrap"><p class="org">{e(w["title"])}</p>'
        f'<nav aria-label="{e(nav_label)}"><ul>{language_links(path, language)}</ul></nav></div></header>'
    )


def _page(language: str, title: str, main: str, path: str = "/mijn-zaken") -> str:
    w = my_words(language)
    footer = f'<footer><div class="wrap"><p>{e(w["footer"])}</p></div></footer>'
    return layout(language, f"{title} - {w['title']}", main, _header(language, path), footer)


def _error(name: str, code: str | None, w: dict[str, str]) -> str:
    if not code:
        return ""
    prefix = f'<span class="visually-hidden">{e(w["error_prefix"])}: </span>'
    return f'<p class="error" id="{name}-error">{prefix}{e(w[code])}</p>'


def _summary(errors: dict[str, str], w: dict[str, str]) -> str:
    if not errors:
        return ""
    links = "".join(f'<li><a href="#{e(name)}">{e(w[code])}</a></li>' for name, code in errors.items())
    return (
        '<div class="error-summary" role="alert" aria-labelledby="h-errors">'
        f'<h2 id="h-errors">{e(w["error_title"])}</h2><ul>{links}</ul></div>'
    )


def _input(name: str, kind: str, label: str, hint: str, value: str, code: str | None, w: dict[str, str]) -> str:
    described = f"{name}-hint" + (f" {name}-error" if code else "")
    invalid = ' aria-invalid="true"' if code else ""
    extra = ' inputmode="tel"' if kind == "tel" else ' spellcheck="false"'
    return (
        f'<div class="field{" invalid" if code else ""}"><label for="{name}">{e(label)}</label>'
        f'<p class="hint" id="{name}-hint">{e(hint)}</p>{_error(name, code, w)}'
        f'<input type="{kind}" id="{name}" name="{name}" autocomplete="{kind}"{extra}'
        f' value="{e(value)}" aria-describedby="{described}"{invalid}></div>'
    )


def sign_in_page(language: str, error: str | None = None, email: str = "", phone: str = "") -> str:
    w = my_words(language)
    errors = {"email": error} if error else {}
    main = (
        f"<h1>{e(w['title'])}</h1>{_summary(errors, w)}<p>{e(w['intro'])}</p>"
        f'<form method="post" action="/mijn-zaken/sign-in{_q(language)}" novalidate>'
        + _input("email", "email", w["by_email"], w["by_email_hint"], email, error, w)
        + _input("phone", "tel", w["by_phone"], w["by_phone_hint"], phone, None, w)
        + f'<button type="submit">{e(w["send_link"])}</button></form>'
    )
    return _page(language, w["title"], main)


def link_sent_page(language: str) -> str:
    w = my_words(language)
    main = f"<h1>{e(w['sent_title'])}</h1><p>{e(w['sent'])}</p><p>{e(w['sent_none'])}</p>"
    return _page(language, w["sent_title"], main)


def confirm_page(language: str, token: str) -> str:
    # A GET only shows this button: mail scanners that open links must not use them up.
    w = my_words(language)
    main = (
        f"<h1>{e(w['confirm_title'])}</h1><p>{e(w['confirm'])}</p>"
        f'<form method="post" action="/mijn-zaken/login/{e(token)}{_q(language)}">'
        f'<button type="submit">{e(w["confirm_button"])}</button></form>'
    )
    return _page(language, w["confirm_title"], main, "")


def link_gone_page(language: str) -> str:
    """The same page for a malformed, unknown, used or expired link: it never tells which."""
    w = my_words(language)
    main = (
        f"<h1>{e(w['gone_title'])}</h1><p>{e(w['gone'])}</p>"
        f'<p><a href="/mijn-zaken{_q(language)}">{e(w["again"])}</a></p>'
    )
    return _page(language, w["gone_title"], main, "")


def _case(case: MyCaseOut, w: dict[str, str], language: str) -> str:
    since = dates.long_datetime(dt.datetime.fromisoformat(case.current_status.since), language)
    rows = [
        (w["organisation"], case.organisation_name),
        (w["case_id"], case.case_id),
        (w["status"], case.current_status.text),
        (w["since"], since),
    ]
    if case.expected_end_date and not case.closed:
        rows.append((w["expected"], dates.long_date(dt.date.fromisoformat(case.expected_end_date), language)))
    facts = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rows)
    link = f'<a href="{e(case.tracking_url)}">{e(w["view"].format(case_id=case.case_id))}</a>'
    return f'<li class="my-case"><h3>{e(case.case_type_name)}</h3><dl>{facts}</dl><p>{link}</p></li>'


def _cases(answer: MyCasesOut, w: dict[str, str], language: str) -> str:
    if not answer.cases:
        return f"<p>{e(w['none'])}</p>"
    parts = []
    for closed, heading, anchor in ((False, w["open"], "h-open"), (True, w["closed_cases"], "h-closed")):
        group = [c for c in answer.cases if c.closed is closed]
        if group:
            items = "".join(_case(c, w, language) for c in group)
            parts.append(
                f'<section aria-labelledby="{anchor}"><h2 id="{anchor}">{e(heading)}</h2>'
                f'<ul class="my-cases">{items}</ul></section>'
            )
    return "".join(parts)


def _channel_label(channel: str, w: dict[str, str], language: str) -> str:
    spec = CHANNELS.get(channel)
    return (spec.labels.get(language) or spec.labels["nl"]) if spec else w["channel_" + channel]


def _change_form(csrf: str, w: dict[str, str], language: str, errors: dict[str, str], values: dict[str, str]) -> str:
    chosen = values.get("channel", "")
    code = errors.get("channel")
    options = "".join(
        f'<div class="choice"><input type="radio" name="channel" id="channel-{c}" value="{c}"'
        + (" checked" if c == chosen else "")
        + f'><label for="channel-{c}">{e(_channel_label(c, w, language))}</label></div>'
        for c in CHANNELS.choices()
    )
    described = ' aria-describedby="channel-error"' if code else ""
    langs = "".join(
        f'<option value="{c}" lang="{c}"' + (" selected" if c == values.get("language", language) else "") + ">"
        f"{e(WORDS[c]['language_name'])}</option>"
        for c in LANGUAGES
    )
    summary = _summary({("channel-" + CHANNELS.choices()[0] if k == "channel" else k): v for k, v in errors.items()}, w)
    return (
        f'<section aria-labelledby="h-all" id="voor-alle-zaken"><h2 id="h-all">{e(w["all_title"])}</h2>'
        f"<p>{e(w['all_intro'])}</p>{summary}"
        f'<form method="post" action="/mijn-zaken/preferences{_q(language)}" novalidate>'
        f'<input type="hidden" name="csrf" value="{e(csrf)}">'
        + ('<fieldset class="invalid"' if code else "<fieldset")
        + f"{described}><legend>{e(w['channel_legend'])}</legend>"
        f"{_error('channel', code, w)}{options}</fieldset>"
        + _input("phone", "tel", w["phone"], w["phone_hint"], values.get("phone", ""), errors.get("phone"), w)
        + _input("email", "email", w["email"], w["email_hint"], values.get("email", ""), errors.get("email"), w)
        + f'<div class="field"><label for="language">{e(w["msg_language"])}</label>'
        f'<select id="language" name="language">{langs}</select></div>'
        f'<button type="submit">{e(w["save"])}</button></form></section>'
    )


def overview_page(
    language: str,
    answer: MyCasesOut,
    csrf: str,
    saved: int | None = None,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
) -> str:
    w = my_words(language)
    notice = f'<div class="notice" role="status"><p>{e(w["saved"].format(n=saved))}</p></div>' if saved else ""
    sign_out = (
        f'<form method="post" action="/mijn-zaken/sign-out{_q(language)}">'
        f'<input type="hidden" name="csrf" value="{e(csrf)}">'
        f'<button type="submit">{e(w["sign_out"])}</button></form>'
    )
    form = _change_form(csrf, w, language, errors or {}, values or {}) if answer.cases else ""
    main = f"<h1>{e(w['title'])}</h1>{notice}{_cases(answer, w, language)}{form}{sign_out}"
    return _page(language, w["title"], main)


def message_page(what: str, language: str = "nl") -> str:
    """A short page for an answer that is not the page asked for (refused, too many, failed)."""
    w = my_words(language)
    main = (
        f"<h1>{e(w[what + '_title'])}</h1><p>{e(w[what])}</p>"
        f'<p><a href="/mijn-zaken{_q(language)}">{e(w["back"])}</a></p>'
    )
    return _page(language, w[what + "_title"], main, "")
