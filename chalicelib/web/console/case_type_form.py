"""A case type as a console form, and the submitted form back as a case type (`CaseTypeIn`).

Every field is named by its path in the JSON (`statuses.2.text.nl`), so an error the API would
name `statuses.2.text.nl` lands beside that very field. The form shows what staff edit (names,
public names, the service norm, each status's code, name, visibility, finality, whom it tells and
its texts per language); the rest of the case type (retention, key dates, confidentiality, its
contact) is kept as stored. A blank row at the end adds a status; a ticked "remove" drops one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from chalicelib.domain.case_types import problems_of
from chalicelib.domain.errors import FieldError
from chalicelib.domain.inbound import CaseTypeIn
from chalicelib.domain.parties import PERSON_ROLES, ROLES

LANGUAGES = ("nl", "en")  # always shown; a case type's other languages are shown beside them
TEXTS = ("text", "text_business", "text_fallback")
STATUS_FIELDS = ("code", "name", "public", "final")
MAX_ROWS = 51  # 50 statuses (the most a case type has) and the blank row
CHECKED = "1"
NUMBER = re.compile(r"[0-9]{1,6}")  # ASCII digits only: str.isdigit() also takes '²', which int() refuses
LANGUAGE_KEY = re.compile(r"^(?:public_name|statuses\.\d+\.text(?:_business|_fallback)?)\.([a-z]{2})$")


@dataclass
class Parsed:
    """The submitted form: the case type when it is valid, else the errors by form field."""

    data: CaseTypeIn | None
    errors: dict[str, list[str]] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)  # the form row of each status in `data`


def values_of(case_type: Mapping[str, Any]) -> dict[str, str]:
    """The form's values for a stored case type (the JSON of `CaseTypeOut`)."""
    values = {"name": case_type["name"], "service_norm_days": _str(case_type.get("service_norm_days"))}
    values |= {f"public_name.{lang}": text for lang, text in case_type.get("public_name", {}).items()}
    statuses = case_type["statuses"]
    for i, status in enumerate(statuses):
        p = f"statuses.{i}."
        values |= {p + "code": status["code"], p + "name": status["name"]}
        values |= {p + flag: CHECKED for flag in ("public", "final") if status.get(flag)}
        values |= {f"{p}notify.{role}": CHECKED for role in notified_roles(status.get("notify", False))}
        values |= {f"{p}{kind}.{lang}": text for kind in TEXTS for lang, text in status.get(kind, {}).items()}
    values["statuses"] = str(len(statuses) + 1)  # and the blank row for a new status
    values[f"statuses.{len(statuses)}.public"] = CHECKED
    return values


def notified_roles(notify: bool | list[str]) -> tuple[str, ...]:
    """`notify: true` tells every person and business party: those roles ticked."""
    if isinstance(notify, bool):
        return PERSON_ROLES if notify else ()
    return tuple(notify)


def languages(values: Mapping[str, str]) -> list[str]:
    found = {m.group(1) for name in values if (m := LANGUAGE_KEY.match(name))}
    return [*LANGUAGES, *sorted(found - set(LANGUAGES))]


def row_count(values: Mapping[str, str]) -> int:
    raw = values.get("statuses", "")
    return min(int(raw), MAX_ROWS) if NUMBER.fullmatch(raw) else 0


def status_fields(i: int, langs: Iterable[str]) -> list[str]:
    """The fields of status row `i`, in the order the form shows them."""
    p = f"statuses.{i}."
    texts = [f"{p}{kind}.{lang}" for lang in langs for kind in TEXTS]
    return [*(p + f for f in STATUS_FIELDS), *(f"{p}notify.{role}" for role in ROLES), *texts, p + "remove"]


def field_names(values: Mapping[str, str]) -> list[str]:
    langs = languages(values)
    names = ["name", *(f"public_name.{lang}" for lang in langs), "service_norm_days"]
    for i in range(row_count(values)):
        names += status_fields(i, langs)
    return names


def parse(values: Mapping[str, str], stored: Mapping[str, Any]) -> Parsed:
    """The case type the form describes: the stored one with the form's fields put in."""
    data = {k: v for k, v in stored.items() if k not in ("code", "name", "public_name", "service_norm_days")}
    data["name"] = values.get("name", "")
    data["public_name"] = _texts(values, "public_name.")
    errors: dict[str, list[str]] = {}
    norm = values.get("service_norm_days", "").strip()
    if norm and not NUMBER.fullmatch(norm):
        errors["service_norm_days"] = ["Vul een heel aantal dagen in, of laat het veld leeg."]
    data["service_norm_days"] = int(norm) if NUMBER.fullmatch(norm) else None
    rows = [i for i in range(row_count(values)) if _kept(values, i)]
    data["statuses"] = [_status(values, i) for i in rows]
    if errors:
        return Parsed(None, errors, rows)
    try:
        parsed = CaseTypeIn.model_validate(data)
    except ValidationError as exc:
        return Parsed(None, errors_by_field(_validation_errors(exc), rows), rows)
    problems = problems_of(parsed)
    return Parsed(None, errors_by_field(problems, rows), rows) if problems else Parsed(parsed, {}, rows)


def errors_by_field(problems: Iterable[FieldError], rows: list[int]) -> dict[str, list[str]]:
    """Errors named as the API names them, renamed to the form's rows (a removed row shifts the
    statuses after it) and worded in Dutch."""
    errors: dict[str, list[str]] = {}
    for problem in problems:
        name = re.sub(r"^statuses\.(\d+)", lambda m: f"statuses.{_row(rows, int(m.group(1)))}", problem.name)
        errors.setdefault(name, []).append(dutch(problem.reason))
    return errors


def place(errors: Mapping[str, list[str]], names: list[str]) -> dict[str, list[str]]:
    """Each error beside the field it names, or the first field of the group it names (a status's
    `text` beside its Dutch text); an error the form has no field for goes under `form`."""
    placed: dict[str, list[str]] = {}
    for name, messages in errors.items():
        target = name if name in names else next((n for n in names if n.startswith(name + ".")), "form")
        placed.setdefault(target, []).extend(messages)
    return placed


def _row(rows: list[int], index: int) -> int:
    return rows[index] if 0 <= index < len(rows) else index


def _kept(values: Mapping[str, str], i: int) -> bool:
    """A row counts unless it is removed, or is the blank row left blank."""
    p = f"statuses.{i}."
    if values.get(p + "remove") == CHECKED:
        return False
    filled = [name for name, v in values.items() if name.startswith(p) and v.strip() and name != p + "public"]
    return bool(filled)


def _status(values: Mapping[str, str], i: int) -> dict[str, Any]:
    p = f"statuses.{i}."
    roles = [role for role in ROLES if values.get(f"{p}notify.{role}") == CHECKED]
    notify: bool | list[str] = True if sorted(roles) == sorted(PERSON_ROLES) else roles or False
    # A person typed it: a stray space is forgiven here, while the API takes codes exactly as sent.
    status: dict[str, Any] = {"code": values.get(p + "code", "").strip(), "name": values.get(p + "name", "")}
    status |= {flag: values.get(p + flag) == CHECKED for flag in ("public", "final")}
    status["notify"] = notify
    status |= {kind: _texts(values, f"{p}{kind}.") for kind in TEXTS}
    return status


def _texts(values: Mapping[str, str], prefix: str) -> dict[str, str]:
    """Per language, the filled ones (an emptied field removes that language's text)."""
    return {name.removeprefix(prefix): v for name, v in values.items() if name.startswith(prefix) and v.strip()}


def _validation_errors(exc: ValidationError) -> list[FieldError]:
    found = []
    for item in exc.errors(include_url=False, include_input=False):
        loc = [str(part) for part in item["loc"]]
        found.append(FieldError(".".join(loc) or "form", _reason(item)))
    return found


def _reason(item: Any) -> str:
    kind, msg = item["type"], item["msg"].removeprefix("Value error, ")
    return {
        "missing": "Vul dit veld in.",
        "string_too_short": "Vul dit veld in.",
        "string_too_long": f"Dit is te lang: hoogstens {item.get('ctx', {}).get('max_length')} tekens.",
        "string_pattern_mismatch": "Gebruik alleen a-z, 0-9, _ en - (begin met een letter of cijfer).",
        "too_short": "Een zaaktype heeft minstens één status.",
        "too_long": "Een zaaktype heeft hoogstens 50 statussen.",
        "less_than_equal": "Dit getal is te groot.",
    }.get(kind, msg)


DUTCH = (
    (re.compile(r"^a public status needs a Dutch text"), "Een openbare status heeft een Nederlandse tekst nodig."),
    (re.compile(r"^'(.+)' is listed twice$"), "De code '{0}' komt twee keer voor."),
    (re.compile(r"^unknown placeholder \(\((.*)\)\)$"), "Onbekende placeholder (({0}))."),
    (re.compile(r"^only one status can be final$"), "Maar één status kan de laatste zijn."),
    (re.compile(r"^text in '(.+)' must be 1 to 1000 characters$"), "Een tekst is 1 tot 1000 tekens lang."),
    (re.compile(r"^must be one line without control"), "Eén regel, zonder regeleinden of stuurtekens."),
    (re.compile(r"^must not contain control characters"), "Gebruik geen stuurtekens (regeleinden mogen wel)."),
)


def dutch(reason: str) -> str:
    """The rules' reasons (in English for the API) as the console says them."""
    for pattern, words in DUTCH:
        if m := pattern.match(reason):
            return words.format(*m.groups())
    return reason


def _str(value: object) -> str:
    return "" if value is None else str(value)
