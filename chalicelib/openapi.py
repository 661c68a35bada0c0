"""The OpenAPI 3.1 description of the HTTP API, served at `GET /openapi.json`.

Request bodies come from the inbound pydantic models (`model_json_schema`), answers from the
`Out` models below, so what the description says and what the code validates cannot drift
apart unnoticed: the Schemathesis run in `tests/security/test_fuzz.py` sends thousands of
generated requests and checks every answer against this document (status code, content type,
headers, body). Answers are described exactly (`additionalProperties: false`): a new field in
an answer is a change of the description too.
"""

from __future__ import annotations

import functools
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from pydantic.json_schema import models_json_schema

from chalicelib.models.inbound import CASE_ID, CODE, ORG_ID, CaseTypeIn, EventIn, OrganisationIn, SubscriberIn

REF = "#/components/schemas/{model}"
PROBLEM = "application/problem+json"


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Health(Out):
    status: Literal["ok"]


class OrganisationCreated(Out):
    id: str
    name: str
    client_id: str
    client_secret: str


class ClientIssued(Out):
    organisation_id: str
    client_id: str
    client_secret: str


class StatusOut(Out):
    code: str
    name: str
    notify: bool
    final: bool
    public: bool
    text: dict[str, str]


class CaseTypeOut(Out):
    code: str
    name: str
    public_name: dict[str, str]
    service_norm_days: int | None
    retention_days: int
    statuses: list[StatusOut]


class CaseTypeList(Out):
    case_types: list[CaseTypeOut]


class NotificationRef(Out):
    id: str
    channel: str
    state: str


class EventAccepted(Out):
    event_id: str
    case_id: str
    status: str
    current_status: str
    notification: NotificationRef | None
    tracking_url: str


class MaskedSubscriber(Out):
    channel: str
    language: str
    phone: str | None
    email: str | None


class PreferenceChangeOut(MaskedSubscriber):
    at: str
    origin: str


class CurrentStatusOut(Out):
    code: str
    name: str
    since: str


class HistoryEntryOut(Out):
    status: str
    name: str
    occurred_at: str
    explanation: str | None


class NotificationOut(Out):
    id: str
    status: str
    channel: str
    state: str
    attempts: int
    last_error: str | None
    updated_at: str
    last_error_class: str | None
    final: bool
    fallback: bool
    note: str | None


class CaseView(Out):
    id: str
    case_type: str | None
    description: str | None
    current_status: CurrentStatusOut
    closed: bool
    history: list[HistoryEntryOut]
    expected_end_date: str | None
    subscriber: MaskedSubscriber | None
    preference_changes: list[PreferenceChangeOut]
    notifications: list[NotificationOut]
    tracking_url: str


class OrganisationName(Out):
    name: str


class TrackedCase(Out):
    id: str
    description: str | None
    case_type: str


class TrackedStatus(Out):
    text: str
    since: str


class TrackedHistoryEntry(Out):
    text: str
    at: str
    explanation: str | None


class TrackingView(Out):
    language: str
    organisation: OrganisationName
    case: TrackedCase
    current_status: TrackedStatus
    history: list[TrackedHistoryEntry]
    expected_end_date: str | None
    closed: bool
    closed_on: str | None
    visible_until: str | None
    preferences: MaskedSubscriber


class Outbox(Out):
    messages: list[dict[str, Any]]


class InvalidParam(Out):
    name: str
    reason: str


class Problem(Out):
    """RFC 9457 problem details: every error of this API."""

    type: str
    title: str
    status: int
    detail: str
    invalid_params: list[InvalidParam] | None = None


def _preferences_in() -> type[BaseModel] | None:
    try:  # the citizen's self-service (another part of the service); described when present
        from chalicelib.preferences import PreferencesIn
    except ImportError:
        return None
    return PreferencesIn


def _zgw_models() -> list[type[BaseModel]]:
    try:  # the ZGW integration (another part of the service); described when present
        from chalicelib.zgw.models import CatalogueImportIn, ConnectionIn, NotificationIn
    except ImportError:
        return []
    return [ConnectionIn, NotificationIn, CatalogueImportIn]


def _schemas() -> dict[str, Any]:
    models: list[tuple[type[BaseModel], Literal["validation", "serialization"]]] = [
        (m, "validation") for m in (OrganisationIn, CaseTypeIn, EventIn, SubscriberIn)
    ]
    if _preferences_in() is not None:
        models.append((_preferences_in(), "validation"))
    models += [(m, "validation") for m in _zgw_models()]
    models += [(m, "serialization") for m in (
        Health, OrganisationCreated, ClientIssued, CaseTypeOut, CaseTypeList, EventAccepted,
        MaskedSubscriber, CaseView, TrackingView, Outbox, Problem)]
    keyed, top = models_json_schema(models, ref_template=REF)
    schemas = dict(top.get("$defs", {}))
    for (model, _), schema in keyed.items():
        schemas.setdefault(model.__name__, schema)
    return schemas


def _json(ref: str, description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": REF.format(model=ref)}}}}


def _problem(description: str, *, retry_after: bool = False, allow: bool = False) -> dict[str, Any]:
    response: dict[str, Any] = {"description": description,
                                "content": {PROBLEM: {"schema": {"$ref": REF.format(model="Problem")}}}}
    if retry_after:
        response["headers"] = {"Retry-After": {"description": "seconds to wait", "required": True,
                                                "schema": {"type": "string", "pattern": "^[0-9]+$"}}}
    return response


PROBLEMS = {
    "400": lambda: _problem("The request is not valid; `invalid_params` names each bad field."),
    "401": lambda: _problem("Missing, malformed, expired or revoked credentials."),
    "404": lambda: _problem("There is no such resource (for these credentials)."),
    "409": lambda: _problem("Conflicts with what exists."),
    "413": lambda: _problem("The body is larger than 64 KiB."),
    "415": lambda: _problem("The body is not `application/json`."),
    "429": lambda: _problem("Over the rate limit; retry after `Retry-After` seconds.", retry_after=True),
    "503": lambda: _problem("A dependency is busy; retry after `Retry-After` seconds.", retry_after=True),
}


def _errors(*codes: str) -> dict[str, Any]:
    return {code: PROBLEMS[code]() for code in (*codes, "503")}


EXAMPLES: dict[str, dict[str, Any]] = {
    "OrganisationIn": {"id": "hvc", "name": "HVC", "email_from": "noreply@hvc.example", "sms_from": "HVC"},
    "CaseTypeIn": {"name": "Klacht afvalinzameling", "retention_days": 365, "statuses": [
        {"code": "ontvangen", "name": "Klacht ontvangen", "text": {"nl": "We hebben uw klacht ontvangen."}},
        {"code": "in_behandeling", "name": "In behandeling", "notify": True,
         "text": {"nl": "Uw klacht is in behandeling.", "en": "Your complaint is being handled."}},
        {"code": "afgehandeld", "name": "Afgehandeld", "notify": True, "final": True,
         "text": {"nl": "Uw klacht over ((case.description)) is afgehandeld."}}]},
    "EventIn": {"event_id": "evt-1", "status": "in_behandeling", "occurred_at": "2026-11-28T10:00:00+01:00",
                "case": {"id": "HVC-2026-000123", "case_type": "klacht", "description": "container niet geleegd",
                         "initiator": {"bsn": "111222333"}},
                "subscriber": {"channel": "sms", "phone": "06 12345678", "language": "nl"}},
    "SubscriberIn": {"channel": "email", "email": "jan@example.nl", "language": "nl"},
    "PreferencesIn": {"channel": "portal"},
}
PATH_EXAMPLES = {"code": "klacht", "case_id": "HVC-2026-000123", "org_id": "hvc"}


def _body(model: str) -> dict[str, Any]:
    media: dict[str, Any] = {"schema": {"$ref": REF.format(model=model)}}
    if model in EXAMPLES:
        media["example"] = EXAMPLES[model]
    return {"required": True, "content": {"application/json": media}}


def _path_param(name: str, pattern: str | None = None) -> dict[str, Any]:
    # Path parameters are described as any string: a value that cannot exist is a 404 (or 400
    # where the path names a thing to create), so every string is a valid request.
    param: dict[str, Any] = {"name": name, "in": "path", "required": True,
                             "schema": {"type": "string", "minLength": 1},
                             "description": f"pattern {pattern}" if pattern else ""}
    if name in PATH_EXAMPLES:
        param["example"] = PATH_EXAMPLES[name]
    return param


ORG = [{"organisationJWT": []}]
OPERATOR = [{"operatorToken": []}]
HTML = {"text/html": {"schema": {"type": "string"}}}
LANG = {"name": "lang", "in": "query", "required": False, "schema": {"type": "string"},
        "description": "a language code of the page (nl, en); others are ignored"}


def _paths() -> dict[str, Any]:
    paths: dict[str, Any] = {
        "/health": {"get": {"operationId": "health", "security": [],
                            "responses": {"200": _json("Health", "The API answers.")}}},
        "/openapi.json": {"get": {"operationId": "openapi", "security": [],
                                  "responses": {"200": {"description": "This document.", "content": {
                                      "application/json": {"schema": {"type": "object"}}}}}}},
        "/v1/admin/organisations": {"post": {
            "operationId": "createOrganisation", "security": OPERATOR, "requestBody": _body("OrganisationIn"),
            "responses": {"201": _json("OrganisationCreated", "Created, with its first client (secret shown once)."),
                          **_errors("400", "401", "409", "413", "415")}}},
        "/v1/admin/organisations/{org_id}/clients": {"post": {
            "operationId": "addClient", "security": OPERATOR,
            "parameters": [_path_param("org_id", ORG_ID)],
            "responses": {"201": _json("ClientIssued", "A new client (secret shown once)."),
                          **_errors("401", "404")}}},
        "/v1/admin/organisations/{org_id}/clients/{client_id}": {"delete": {
            "operationId": "revokeClient", "security": OPERATOR,
            "parameters": [_path_param("org_id", ORG_ID), _path_param("client_id", r"<org>.<16 hex>")],
            "responses": {"204": {"description": "Revoked: its tokens get 401 from now on."},
                          **_errors("401", "404")}}},
        "/v1/case-types": {"get": {
            "operationId": "listCaseTypes", "security": ORG,
            "responses": {"200": _json("CaseTypeList", "The organisation's case types."), **_errors("401")}}},
        "/v1/case-types/{code}": {
            "get": {"operationId": "getCaseType", "security": ORG, "parameters": [_path_param("code", CODE)],
                    "responses": {"200": _json("CaseTypeOut", "The case type."), **_errors("401", "404")}},
            "put": {"operationId": "putCaseType", "security": ORG, "parameters": [_path_param("code", CODE)],
                    "requestBody": _body("CaseTypeIn"),
                    "responses": {"200": _json("CaseTypeOut", "Replaced."), "201": _json("CaseTypeOut", "Created."),
                                  **_errors("400", "401", "413", "415")}},
        },
        "/v1/events": {"post": {
            "operationId": "postEvent", "security": ORG, "requestBody": _body("EventIn"),
            "responses": {"202": _json("EventAccepted", "Accepted (or the same event again: the same answer)."),
                          **_errors("400", "401", "409", "413", "415", "429")}}},
        "/v1/cases/{case_id}": {"get": {
            "operationId": "getCase", "security": ORG, "parameters": [_path_param("case_id", CASE_ID)],
            "responses": {"200": _json("CaseView", "The case."), **_errors("401", "404")}}},
        "/v1/cases/{case_id}/subscriber": {
            "put": {"operationId": "putSubscriber", "security": ORG, "parameters": [_path_param("case_id", CASE_ID)],
                    "requestBody": _body("SubscriberIn"),
                    "responses": {"200": _json("MaskedSubscriber", "The subscriber, masked."),
                                  **_errors("400", "401", "404", "413", "415")}},
            "delete": {"operationId": "eraseSubscriber", "security": ORG,
                       "parameters": [_path_param("case_id", CASE_ID)],
                       "responses": {"204": {"description": "Every phone number and e-mail address of the case "
                                                            "is erased; nothing is sent until a new subscriber."},
                                     **_errors("401", "404")}},
        },
        "/v1/track/{token}": {"get": {
            "operationId": "track", "security": [], "parameters": [_path_param("token"), LANG],
            "responses": {"200": _json("TrackingView", "The case as the citizen sees it."),
                          **_errors("404", "429")}}},
        "/track/{token}": {"get": {
            "operationId": "trackPage", "security": [], "parameters": [_path_param("token"), LANG],
            "responses": {"200": {"description": "The citizen's page.", "content": HTML},
                          "404": {"description": "An unknown link: a page that says so.", "content": HTML},
                          **_errors("429")}}},
        "/dev/outbox": {"get": {
            "operationId": "devOutbox", "security": [],
            "responses": {"200": _json("Outbox", "Local run and tests only: messages handed to providers."),
                          **_errors("404")}}},
    }
    if _preferences_in() is not None:
        paths["/v1/track/{token}/preferences"] = {"put": {
            "operationId": "putTrackPreferences", "security": [], "parameters": [_path_param("token")],
            "requestBody": _body("PreferencesIn"),
            "responses": {"200": _json("MaskedSubscriber", "The citizen's new preference, masked."),
                          **_errors("400", "404", "413", "415", "429")}}}
    paths.update(_citizen_form_and_static())
    if _zgw_models():
        paths.update(_zgw_and_webhooks())
    return paths


ANY_JSON = {"application/json": {"schema": {"type": "object"}}}
FORM_FIELDS = {"type": "object", "additionalProperties": {"type": "string"}}


def _citizen_form_and_static() -> dict[str, Any]:
    html_or_problem = {**HTML, PROBLEM: {"schema": {"$ref": REF.format(model="Problem")}}}
    return {
        "/track/{token}/preferences": {"post": {
            "operationId": "submitTrackPreferences", "security": [], "parameters": [_path_param("token"), LANG],
            "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": {
                "type": "object", "properties": {k: {"type": "string"} for k in
                                                 ("channel", "phone", "email", "language", "form_token")}}}}},
            "responses": {
                "303": {"description": "Saved: back to the page.", "headers": {"Location": {
                    "required": True, "schema": {"type": "string"}}}},
                "400": {"description": "The page with the form's errors, or an unreadable form.",
                        "content": html_or_problem},
                "403": {"description": "Sent from another site.", "content": HTML},
                "404": {"description": "An unknown link.", "content": HTML},
                **{c: PROBLEMS[c]() for c in ("413", "415", "429", "503")}}}},
        "/static/{name}": {"get": {
            "operationId": "staticFile", "security": [], "parameters": [_path_param("name")],
            "responses": {"200": {"description": "The page's stylesheet (immutable, by content hash).",
                                  "content": {"text/css": {"schema": {"type": "string"}}}},
                          **_errors("404")}}},
    }


def _zgw_and_webhooks() -> dict[str, Any]:
    return {
        "/v1/zgw/connection": {
            "put": {"operationId": "putZgwConnection", "security": ORG, "requestBody": _body("ConnectionIn"),
                    "responses": {"200": {"description": "The connection (secrets not shown).", "content": ANY_JSON},
                                  **_errors("400", "401", "413", "415")}},
            "get": {"operationId": "getZgwConnection", "security": ORG,
                    "responses": {"200": {"description": "The connection (secrets not shown).", "content": ANY_JSON},
                                  **_errors("401", "404")}},
        },
        "/v1/zgw/notifications/{organisation}": {"post": {
            "operationId": "zgwNotification", "security": [{"hubAuthorization": []}],
            "parameters": [_path_param("organisation", ORG_ID)], "requestBody": _body("NotificationIn"),
            "responses": {"204": {"description": "Taken (queued, or not about a case)."},
                          "403": PROBLEMS["404"]() | {"description": "Not the Authorization agreed with the hub."},
                          **_errors("400", "401", "404", "413", "415")}}},
        "/v1/zgw/catalogue/import": {"post": {
            "operationId": "importZgwCatalogue", "security": ORG,
            "requestBody": {"required": False, "content": {"application/json": {
                "schema": {"$ref": REF.format(model="CatalogueImportIn")}}}},
            "responses": {"200": {"description": "What was imported.", "content": ANY_JSON},
                          **_errors("400", "401", "404", "413", "415")}}},
        "/v1/webhooks/twilio/status": {"post": {
            "operationId": "twilioStatus", "security": [{"twilioSignature": []}],
            "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {
                "schema": FORM_FIELDS}}},
            "responses": {"204": {"description": "Recorded (or not ours: ignored)."},
                          "400": PROBLEMS["400"](),
                          "403": PROBLEMS["404"]() | {"description": "Not signed by Twilio."}}}},
    }


@functools.cache
def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "zaakstatus", "version": "1",
                 "description": "Case status notifications for Dutch public bodies. Errors are "
                                "application/problem+json (RFC 9457); unknown routes 404, other methods 405."},
        "paths": _paths(),
        "components": {
            "schemas": _schemas(),
            "securitySchemes": {
                "organisationJWT": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                                    "description": "HS256 JWT with `client_id` and `iat` (at most an hour "
                                                   "old), signed with the client's secret."},
                "operatorToken": {"type": "http", "scheme": "bearer",
                                  "description": "The operator's token (ZAAKSTATUS_ADMIN_TOKEN)."},
                "hubAuthorization": {"type": "apiKey", "in": "header", "name": "Authorization",
                                     "description": "The value agreed with the organisation's notification hub."},
                "twilioSignature": {"type": "apiKey", "in": "header", "name": "X-Twilio-Signature",
                                    "description": "Twilio's signature of the callback URL and form."},
            },
        },
    }
