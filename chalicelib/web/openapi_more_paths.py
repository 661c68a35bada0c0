"""The OpenAPI paths of the citizen's form and stylesheet, the ZGW routes and provider webhooks."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.inbound import ORG_ID
from chalicelib.web.openapi_parts import (
    HTML,
    LANG,
    ORG,
    PROBLEM,
    PROBLEMS,
    REF,
    body,
    errors,
    json_answer,
    path_param,
)

FORM_FIELDS = {"type": "object", "additionalProperties": {"type": "string"}}


def citizen_form_and_static() -> dict[str, Any]:
    html_or_problem = {**HTML, PROBLEM: {"schema": {"$ref": REF.format(model="ProblemDetails")}}}
    return {
        "/track/{token}/preferences": {
            "post": {
                "operationId": "submitTrackPreferences",
                "security": [],
                "parameters": [path_param("token"), LANG],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/x-www-form-urlencoded": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    k: {"type": "string"}
                                    for k in ("channel", "phone", "email", "language", "form_token")
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "303": {
                        "description": "Saved: back to the page.",
                        "headers": {"Location": {"required": True, "schema": {"type": "string"}}},
                    },
                    "400": {
                        "description": "The page with the form's errors, or an unreadable form.",
                        "content": html_or_problem,
                    },
                    "403": {"description": "Sent from another site.", "content": HTML},
                    "404": {"description": "An unknown link.", "content": HTML},
                    **{c: PROBLEMS[c]() for c in ("413", "415", "429", "503")},
                },
            }
        },
        "/static/{name}": {
            "get": {
                "operationId": "staticFile",
                "security": [],
                "parameters": [path_param("name")],
                "responses": {
                    "200": {
                        "description": "The page's stylesheet (immutable, by content hash).",
                        "content": {"text/css": {"schema": {"type": "string"}}},
                    },
                    **errors("404"),
                },
            }
        },
    }


def zgw_and_webhooks() -> dict[str, Any]:
    return {
        "/v1/zgw/connection": {
            "put": {
                "operationId": "putZgwConnection",
                "security": ORG,
                "requestBody": body("ConnectionIn"),
                "responses": {
                    "200": json_answer("ZgwConnectionOut", "The connection (secrets not shown)."),
                    **errors("400", "401", "413", "415"),
                },
            },
            "get": {
                "operationId": "getZgwConnection",
                "security": ORG,
                "responses": {
                    "200": json_answer("ZgwConnectionOut", "The connection (secrets not shown)."),
                    **errors("401", "404"),
                },
            },
        },
        "/v1/zgw/notifications/{organisation}": {
            "post": {
                "operationId": "zgwNotification",
                "security": [{"hubAuthorization": []}],
                "parameters": [path_param("organisation", ORG_ID)],
                "requestBody": body("NotificationIn"),
                "responses": {
                    "204": {"description": "Taken (queued, or not about a case)."},
                    "403": PROBLEMS["404"]() | {"description": "Not the Authorization agreed with the hub."},
                    **errors("400", "401", "404", "413", "415"),
                },
            }
        },
        "/v1/zgw/catalogue/import": {
            "post": {
                "operationId": "importZgwCatalogue",
                "security": ORG,
                "requestBody": {
                    "required": False,
                    "content": {"application/json": {"schema": {"$ref": REF.format(model="CatalogueImportIn")}}},
                },
                "responses": {
                    "200": json_answer("CatalogueImported", "What was imported."),
                    **errors("400", "401", "404", "413", "415", "502"),
                },
            }
        },
        "/v1/webhooks/twilio/status": {
            "post": {
                "operationId": "twilioStatus",
                "security": [{"twilioSignature": []}],
                "requestBody": {
                    "required": True,
                    "content": {"application/x-www-form-urlencoded": {"schema": FORM_FIELDS}},
                },
                "responses": {
                    "204": {"description": "Recorded (or not ours: ignored)."},
                    "400": PROBLEMS["400"](),
                    "403": PROBLEMS["404"]() | {"description": "Not signed by Twilio."},
                },
            }
        },
    }
