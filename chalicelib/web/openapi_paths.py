"""The paths of the OpenAPI description: every route, its parameters, bodies and answers."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.inbound import CASE_ID, CODE, ORG_ID
from chalicelib.web.openapi_documents import document_paths
from chalicelib.web.openapi_more_paths import citizen_form_and_static, zgw_and_webhooks
from chalicelib.web.openapi_parties import party_paths
from chalicelib.web.openapi_parts import (
    HTML,
    LANG,
    OPERATOR,
    ORG,
    body,
    errors,
    json_answer,
    path_param,
)
from chalicelib.web.openapi_webhooks import webhook_paths


def paths() -> dict[str, Any]:
    paths: dict[str, Any] = {
        "/health": {
            "get": {
                "operationId": "health",
                "security": [],
                "responses": {"200": json_answer("Health", "The API answers.")},
            }
        },
        "/openapi.json": {
            "get": {
                "operationId": "openapi",
                "security": [],
                "responses": {
                    "200": {
                        "description": "This document.",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            }
        },
        "/v1/admin/organisations": {
            "post": {
                "operationId": "createOrganisation",
                "security": OPERATOR,
                "requestBody": body("OrganisationIn"),
                "responses": {
                    "201": json_answer(
                        "OrganisationOnboarded",
                        "Created, with its first client (secret shown once); `sender` and `warnings` say "
                        "what the e-mail sender still needs (see `PUT /v1/organisation`).",
                    ),
                    **errors("400", "401", "409", "413", "415"),
                },
            }
        },
        "/v1/admin/organisations/{org_id}/clients": {
            "post": {
                "operationId": "addClient",
                "security": OPERATOR,
                "description": "No body, or `mode` live: a live client. `mode` test: a test client, whose "
                "events and cases are its own and whose messages reach only `GET /v1/test-outbox`.",
                "parameters": [path_param("org_id", ORG_ID)],
                "requestBody": {**body("ClientIn"), "required": False},
                "responses": {
                    "201": json_answer("ClientIssued", "A new client (secret shown once)."),
                    **errors("400", "401", "404", "413", "415"),
                },
            }
        },
        "/v1/admin/organisations/{org_id}/clients/{client_id}": {
            "delete": {
                "operationId": "revokeClient",
                "security": OPERATOR,
                "parameters": [path_param("org_id", ORG_ID), path_param("client_id", r"<org>.<16 hex>")],
                "responses": {
                    "204": {"description": "Revoked: its tokens get 401 from now on."},
                    **errors("401", "404"),
                },
            }
        },
        "/v1/case-types": {
            "get": {
                "operationId": "listCaseTypes",
                "security": ORG,
                "responses": {"200": json_answer("CaseTypeList", "The organisation's case types."), **errors("401")},
            }
        },
        "/v1/case-types/{code}": {
            "get": {
                "operationId": "getCaseType",
                "security": ORG,
                "parameters": [path_param("code", CODE)],
                "responses": {"200": json_answer("CaseTypeOut", "The case type."), **errors("401", "404")},
            },
            "put": {
                "operationId": "putCaseType",
                "security": ORG,
                "parameters": [path_param("code", CODE)],
                "requestBody": body("CaseTypeIn"),
                "responses": {
                    "200": json_answer("CaseTypeChecked", "Replaced; `warnings` names texts that may read with a gap."),
                    "201": json_answer("CaseTypeChecked", "Created; `warnings` names texts that may read with a gap."),
                    **errors("400", "401", "413", "415"),
                },
            },
        },
        "/v1/events": {
            "post": {
                "operationId": "postEvent",
                "security": ORG,
                "requestBody": body("EventIn"),
                "responses": {
                    "202": json_answer("EventAccepted", "Accepted (or the same event again: the same answer)."),
                    **errors("400", "401", "403", "409", "413", "415", "429"),
                },
            }
        },
        "/v1/cases/{case_id}": {
            "get": {
                "operationId": "getCase",
                "security": ORG,
                "parameters": [path_param("case_id", CASE_ID)],
                "responses": {"200": json_answer("CaseView", "The case."), **errors("401", "404")},
            }
        },
        "/v1/cases/{case_id}/subscriber": {
            "put": {
                "operationId": "putSubscriber",
                "security": ORG,
                "parameters": [path_param("case_id", CASE_ID)],
                "requestBody": body("SubscriberIn"),
                "responses": {
                    "200": json_answer("MaskedSubscriber", "The subscriber, masked."),
                    **errors("400", "401", "404", "413", "415"),
                },
            },
            "delete": {
                "operationId": "eraseSubscriber",
                "security": ORG,
                "parameters": [path_param("case_id", CASE_ID)],
                "responses": {
                    "204": {
                        "description": "The initiator's phone number, e-mail address and name are erased "
                        "from every item and its link stops working; nothing is sent to it until a new subscriber."
                    },
                    **errors("401", "404"),
                },
            },
        },
        "/v1/track/{token}": {
            "get": {
                "operationId": "track",
                "security": [],
                "parameters": [path_param("token"), LANG],
                "responses": {
                    "200": json_answer("TrackingView", "The case as the citizen sees it."),
                    **errors("404", "429"),
                },
            }
        },
        "/track/{token}": {
            "get": {
                "operationId": "trackPage",
                "security": [],
                "parameters": [path_param("token"), LANG],
                "responses": {
                    "200": {"description": "The citizen's page.", "content": HTML},
                    "404": {"description": "An unknown link: a page that says so.", "content": HTML},
                    **errors("429"),
                },
            }
        },
        "/dev/outbox": {
            "get": {
                "operationId": "devOutbox",
                "security": [],
                "responses": {
                    "200": json_answer("Outbox", "Local run and tests only: messages handed to providers."),
                    **errors("404"),
                },
            }
        },
    }
    paths["/v1/track/{token}/preferences"] = {
        "put": {
            "operationId": "putTrackPreferences",
            "security": [],
            "parameters": [path_param("token")],
            "requestBody": body("PreferencesIn"),
            "responses": {
                "200": json_answer("MaskedSubscriber", "The citizen's new preference, masked."),
                **errors("400", "404", "413", "415", "429"),
            },
        }
    }
    paths.update(party_paths())
    paths.update(citizen_form_and_static())
    paths.update(zgw_and_webhooks())
    paths.update(webhook_paths())
    paths.update(document_paths())
    return paths
