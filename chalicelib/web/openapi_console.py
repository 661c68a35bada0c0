"""The OpenAPI paths of the staff console: the operator's registration of staff (JSON), and the
console's pages and forms (HTML; the session is a cookie the page checks itself, without one a
section answers 303 to the sign-in page). The forms take a browser's
`application/x-www-form-urlencoded` body; the session's forms also a CSRF field."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from chalicelib.domain.inbound import ORG_ID
from chalicelib.domain.staff import StaffIn
from chalicelib.domain.staff_answers import StaffOut
from chalicelib.web.openapi_parts import HTML, OPERATOR, errors, json_answer, path_param

REQUESTS: tuple[type[BaseModel], ...] = (StaffIn,)
ANSWERS: tuple[type[BaseModel], ...] = (StaffOut,)
EMAIL = {**path_param("email"), "description": "the staff member's e-mail address", "example": "beheer@hvc.example"}
SIGN_IN = {
    "description": "No live console session: to the sign-in page.",
    "headers": {"Location": {"schema": {"type": "string", "const": "/console"}}},
}


def _page(description: str) -> dict[str, Any]:
    return {"description": description, "content": HTML}


def _form(properties: dict[str, Any]) -> dict[str, Any]:
    media = {"schema": {"type": "object", "properties": properties}}
    return {"required": False, "content": {"application/x-www-form-urlencoded": media}}


REFUSALS = {
    "400": "A form that could not be read, or an address that is not one (beside the field).",
    "403": "A form from another site, or without the session's CSRF field.",
    "404": "A used, expired or unknown link: the same page for each.",
    "413": "A form over 64 KiB.",
    "415": "Not a form.",
    "429": "Too many sign-in requests for this address or from this client; Retry-After says when to retry.",
}


def _refusals(*codes: str) -> dict[str, Any]:
    return {code: _page(REFUSALS[code]) for code in codes}


def console_paths() -> dict[str, Any]:
    staff_params = [path_param("org_id", ORG_ID), EMAIL]
    return {
        "/v1/admin/organisations/{org_id}/staff/{email}": {
            "put": {
                "operationId": "putStaff",
                "security": OPERATOR,
                "description": "Make an address staff of the organisation, or change its role: `admin` "
                "(everything, also editing case types), `agent` (case look-up; reads case types and reports), "
                "`viewer` (reads case types and reports). The address is stored only as a "
                "keyed hash; the person signs in at `/console` with a link e-mailed to the address they type.",
                "parameters": staff_params,
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/StaffIn"}}},
                },
                "responses": {
                    "201": json_answer("StaffOut", "Registered (the address masked)."),
                    "200": json_answer("StaffOut", "The role changed."),
                    **errors("400", "401", "404", "413", "415"),
                },
            },
            "delete": {
                "operationId": "deleteStaff",
                "security": OPERATOR,
                "parameters": staff_params,
                "responses": {
                    "204": {"description": "No longer staff (or never was); a session ends at its next request."},
                    **errors("400", "401", "404"),
                },
            },
        },
        "/console": {
            "get": {
                "operationId": "consoleHome",
                "security": [],
                "description": "The sign-in form, or the console's start page with a session.",
                "responses": {"200": _page("The page.")},
            }
        },
        "/console/sign-in": {
            "post": {
                "operationId": "consoleSignIn",
                "security": [],
                "description": "Ask for a sign-in link. The same page follows whether the address is staff or not; "
                "a known address gets one link per organisation by e-mail, each usable once within 15 minutes.",
                "requestBody": _form({"email": {"type": "string"}}),
                "responses": {
                    "200": _page("Look in your e-mail."),
                    **_refusals("400", "403", "413", "415", "429"),
                },
            }
        },
        "/console/sign-out": {
            "post": {
                "operationId": "consoleSignOut",
                "security": [],
                "requestBody": _form({"csrf": {"type": "string"}}),
                "responses": {"303": SIGN_IN, **_refusals("400", "403", "413", "415")},
            }
        },
        "/console/static/{name}": {
            "get": {
                "operationId": "consoleStylesheet",
                "security": [],
                "parameters": [path_param("name")],
                "responses": {
                    "200": {"description": "The console's stylesheet.", "content": {"text/css": {"schema": {}}}},
                    "404": _page("Any other name."),
                },
            }
        },
        "/console/login/{token}": {
            "post": {
                "operationId": "consoleLogin",
                "security": [],
                "description": "Use the link: a session cookie (HttpOnly, SameSite=Strict, Path=/console) and 303 "
                "to the console; the link is dead afterwards.",
                "parameters": [path_param("token")],
                "responses": {
                    "303": {**SIGN_IN, "description": "Signed in: to the console."},
                    **_refusals("403", "404"),
                },
            },
            "get": {
                "operationId": "consoleLoginPage",
                "security": [],
                "description": "A sign-in link: a page with a button that signs in (a POST, so that mail "
                "scanners that open links do not use it up).",
                "parameters": [path_param("token")],
                "responses": {
                    "200": _page("The button to sign in to the link's organisation."),
                    "404": _page("A used, expired or unknown link: the same page for each."),
                },
            },
        },
        "/console/cases": {
            "get": {
                "operationId": "consoleCaseLookup",
                "security": [],
                "description": "The case look-up (admin and agent): status, history, parties masked, messages.",
                "parameters": [
                    {"name": "case_id", "in": "query", "required": False, "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": _page("The search form, or the case."),
                    "303": SIGN_IN,
                    "400": _page("An empty case number."),
                    "403": _page("A viewer may not look up cases."),
                    "404": _page("No such case of this organisation."),
                },
            }
        },
    }
