"""The pieces the OpenAPI paths are written with: answers, problems, bodies, parameters, examples."""

from __future__ import annotations

from typing import Any

REF = "#/components/schemas/{model}"
PROBLEM = "application/problem+json"


def json_answer(ref: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": REF.format(model=ref)}}}}


def problem(description: str, *, retry_after: bool = False, allow: bool = False) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {PROBLEM: {"schema": {"$ref": REF.format(model="ProblemDetails")}}},
    }
    if retry_after:
        response["headers"] = {
            "Retry-After": {
                "description": "seconds to wait",
                "required": True,
                "schema": {"type": "string", "pattern": "^[0-9]+$"},
            }
        }
    return response


PROBLEMS = {
    "400": lambda: problem("The request is not valid; `invalid_params` names each bad field."),
    "401": lambda: problem("Missing, malformed, expired or revoked credentials."),
    "403": lambda: problem("Not allowed for this organisation (a sub-case's parent does not allow it)."),
    "404": lambda: problem("There is no such resource (for these credentials)."),
    "409": lambda: problem("Conflicts with what exists."),
    "413": lambda: problem("The body is larger than 64 KiB."),
    "415": lambda: problem("The body is not `application/json`."),
    "429": lambda: problem("Over the rate limit; retry after `Retry-After` seconds.", retry_after=True),
    "502": lambda: problem("The organisation's own system (its ZGW APIs) failed, refused us, or was not allowed."),
    "503": lambda: problem("A dependency is busy; retry after `Retry-After` seconds.", retry_after=True),
}


def errors(*codes: str) -> dict[str, Any]:
    return {code: PROBLEMS[code]() for code in (*codes, "503")}


EXAMPLES: dict[str, dict[str, Any]] = {
    "OrganisationIn": {"id": "hvc", "name": "HVC", "email_from": "noreply@hvc.example", "sms_from": "HVC"},
    "OrganisationSettingsIn": {"name": "HVC", "email_from": "noreply@hvc.example", "sms_from": "HVC"},
    "CaseTypeIn": {
        "name": "Klacht afvalinzameling",
        "retention_days": 365,
        "statuses": [
            {"code": "ontvangen", "name": "Klacht ontvangen", "text": {"nl": "We hebben uw klacht ontvangen."}},
            {
                "code": "in_behandeling",
                "name": "In behandeling",
                "notify": True,
                "text": {"nl": "Uw klacht is in behandeling.", "en": "Your complaint is being handled."},
            },
            {
                "code": "afgehandeld",
                "name": "Afgehandeld",
                "notify": True,
                "final": True,
                "text": {"nl": "Uw klacht over ((case.description)) is afgehandeld."},
            },
        ],
    },
    "EventIn": {
        "event_id": "evt-1",
        "status": "in_behandeling",
        "occurred_at": "2026-11-28T10:00:00+01:00",
        "case": {
            "id": "HVC-2026-000123",
            "case_type": "klacht",
            "description": "container niet geleegd",
            "initiator": {"bsn": "111222333"},
        },
        "subscriber": {"channel": "sms", "phone": "06 12345678", "language": "nl"},
    },
    "SubscriberIn": {"channel": "email", "email": "jan@example.nl", "language": "nl"},
    "PreferencesIn": {"channel": "portal"},
    "PartyIn": {
        "role": "representative",
        "kind": "person",
        "name": "Mr. A. de Vries",
        "channel": "email",
        "email": "advocaat@example.nl",
        "language": "nl",
    },
    "PartnerIn": {"subcases": True},
    "DocumentIn": {"title": "Besluit op uw aanvraag", "type": "besluit", "date": "2026-12-01"},
    "WebhookIn": {
        "url": "https://hooks.hvc.example/zaakstatus",
        "events": ["case.status_changed", "case.closed"],
        "cases": "own",
    },
}
PATH_EXAMPLES = {
    "code": "klacht",
    "case_id": "HVC-2026-000123",
    "org_id": "hvc",
    "party_id": "gemachtigde",
    "owner": "hvc",
    "partner": "gouda",
    "doc_id": "besluit",
}


def body(model: str) -> dict[str, Any]:
    media: dict[str, Any] = {"schema": {"$ref": REF.format(model=model)}}
    if model in EXAMPLES:
        media["example"] = EXAMPLES[model]
    return {"required": True, "content": {"application/json": media}}


def path_param(name: str, pattern: str | None = None) -> dict[str, Any]:
    # Path parameters are described as any string: a value that cannot exist is a 404 (or 400
    # where the path names a thing to create), so every string is a valid request.
    param: dict[str, Any] = {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": "string", "minLength": 1},
        "description": f"pattern {pattern}" if pattern else "",
    }
    if name in PATH_EXAMPLES:
        param["example"] = PATH_EXAMPLES[name]
    return param


ORG: list[dict[str, list[str]]] = [{"organisationJWT": []}]
OPERATOR: list[dict[str, list[str]]] = [{"operatorToken": []}]
HTML = {"text/html": {"schema": {"type": "string"}}}
LANG = {
    "name": "lang",
    "in": "query",
    "required": False,
    "schema": {"type": "string"},
    "description": "a language code of the page (nl, en); others are ignored",
}
