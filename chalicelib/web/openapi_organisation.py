"""The OpenAPI paths of an organisation's own settings and its e-mail sender (contract-v2 §6)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from chalicelib.domain.organisation_answers import (
    OrganisationOnboarded,
    OrganisationSettingsOut,
    OrganisationSettingsSaved,
    SenderStatusOut,
)
from chalicelib.domain.organisation_settings import OrganisationSettingsIn
from chalicelib.web.openapi_parts import ORG, body, errors, json_answer

REQUESTS: tuple[type[BaseModel], ...] = (OrganisationSettingsIn,)
ANSWERS: tuple[type[BaseModel], ...] = (
    OrganisationSettingsOut,
    OrganisationSettingsSaved,
    SenderStatusOut,
    OrganisationOnboarded,
)
SENDER = (
    "Setting `email_from` creates the SES identity of its domain (Easy DKIM). SES refuses e-mail from "
    "the domain until it finds the three CNAME records of `GET /v1/organisation/sender` in its DNS; "
    "until then `warnings` says so and a message's `last_error` is `sender-not-verified` (its "
    "fallback channel is used where the party has one)."
)


def organisation_paths() -> dict[str, Any]:
    return {
        "/v1/organisation": {
            "get": {
                "operationId": "getOrganisation",
                "security": ORG,
                "responses": {
                    "200": json_answer("OrganisationSettingsOut", "The organisation's settings."),
                    **errors("401", "404"),
                },
            },
            "put": {
                "operationId": "putOrganisation",
                "security": ORG,
                "description": "Replaces every setting (an absent one takes its default, as at creation). "
                + SENDER
                + " A test client cannot change them (403). `sms_countries` limits the mobile numbers every "
                "route takes (events, parties, subscribers, the citizen's forms) to those countries.",
                "requestBody": body("OrganisationSettingsIn"),
                "responses": {
                    "200": json_answer("OrganisationSettingsSaved", "Saved; `sender` and `warnings` as above."),
                    **errors("400", "401", "403", "404", "413", "415"),
                },
            },
        },
        "/v1/organisation/sender": {
            "get": {
                "operationId": "getOrganisationSender",
                "security": ORG,
                "description": "Where SES stands with the sending domain: `verified`, `pending` (the DNS "
                "records are not found yet) or `failed` (SES gave up, or has no identity: PUT the "
                "settings again), and the DKIM records to publish.",
                "responses": {
                    "200": json_answer("SenderStatusOut", "The sender's verification and its DNS records."),
                    **errors("401", "404"),
                },
            }
        },
    }
