"""The OpenAPI paths of a case's parties, cases shared between organisations, and sub-case
partners."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.inbound import CASE_ID, ORG_ID
from chalicelib.domain.parties import PARTY_ID
from chalicelib.web.openapi_parts import ORG, body, errors, json_answer, path_param

ERASED = (
    "Erased: the party's phone number, e-mail address and name leave every item of the case, "
    "its tracking link stops working, and a share it gave ends. Nothing more is sent to it."
)


def party_paths() -> dict[str, Any]:
    case, party = path_param("case_id", CASE_ID), path_param("party_id", PARTY_ID)
    return {
        "/v1/cases/{case_id}/parties": {
            "delete": {
                "operationId": "eraseParties",
                "security": ORG,
                "parameters": [case],
                "responses": {
                    "204": {"description": "Every party " + ERASED[0].lower() + ERASED[1:]},
                    **errors("401", "404"),
                },
            }
        },
        "/v1/cases/{case_id}/parties/{party_id}": {
            "get": {
                "operationId": "getParty",
                "security": ORG,
                "parameters": [case, party],
                "responses": {
                    "200": json_answer("PartyOut", "The party, contact data masked."),
                    **errors("401", "404"),
                },
            },
            "put": {
                "operationId": "putParty",
                "security": ORG,
                "description": "Register or replace a party, also before the case's first event. "
                "The party `initiator` is v1's subscriber. An organisation party naming another "
                "organisation on this deployment (`commissioner`, `chain_partner`) shares the case with it.",
                "parameters": [case, party],
                "requestBody": body("PartyIn"),
                "responses": {
                    "201": json_answer("PartyOut", "Registered; `tracking_url` is its own link."),
                    "200": json_answer("PartyOut", "Replaced."),
                    **errors("400", "401", "404", "413", "415"),
                },
            },
            "delete": {
                "operationId": "eraseParty",
                "security": ORG,
                "parameters": [case, party],
                "responses": {"204": {"description": ERASED}, **errors("401", "404")},
            },
        },
        "/v1/shared-cases": {
            "get": {
                "operationId": "listSharedCases",
                "security": ORG,
                "responses": {
                    "200": json_answer(
                        "SharedCaseList", "Cases other organisations share with this one, newest first."
                    ),
                    **errors("401"),
                },
            }
        },
        "/v1/shared-cases/{owner}/{case_id}": {
            "get": {
                "operationId": "getSharedCase",
                "security": ORG,
                "parameters": [path_param("owner", ORG_ID), case],
                "responses": {
                    "200": json_answer(
                        "CaseView", "The case, internal statuses included, without any party's contact data."
                    ),
                    **errors("401", "404"),
                },
            }
        },
        "/v1/partners/{partner}": {
            "put": {
                "operationId": "putPartner",
                "security": ORG,
                "description": "Allow (or stop) another organisation to link its cases to yours as sub-cases.",
                "parameters": [path_param("partner", ORG_ID)],
                "requestBody": body("PartnerIn"),
                "responses": {
                    "200": json_answer("PartnerOut", "The permission as it is now."),
                    **errors("400", "401", "404", "415"),
                },
            },
            "delete": {
                "operationId": "deletePartner",
                "security": ORG,
                "parameters": [path_param("partner", ORG_ID)],
                "responses": {
                    "204": {"description": "Revoked: new sub-cases are refused (403)."},
                    **errors("401", "404"),
                },
            },
        },
    }
