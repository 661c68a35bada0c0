"""The OpenAPI 3.1 description of the HTTP API, served at `GET /openapi.json`.

Request bodies come from the inbound pydantic models (`model_json_schema`), answers from the very
answer models the services return (`chalicelib.domain.answers`), so what the description says
and what the code validates and answers cannot drift apart unnoticed: the Schemathesis run in
`tests/security/test_fuzz.py` sends thousands of generated requests and checks every answer
against this document (status code, content type, headers, body). Answers are described exactly
(`additionalProperties: false`): a new field in an answer is a change of the description too.
"""

from __future__ import annotations

import functools
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from chalicelib.domain import answers
from chalicelib.domain.channels import CHANNELS
from chalicelib.domain.document_answers import DocumentOut
from chalicelib.domain.documents import DocumentIn
from chalicelib.domain.inbound import (
    CaseTypeIn,
    EventIn,
    OrganisationIn,
    PartnerIn,
    PartyIn,
    PreferencesIn,
    SubscriberIn,
)
from chalicelib.domain.webhook_answers import WebhookDeliveryList, WebhookList, WebhookRegistered
from chalicelib.domain.webhooks import WebhookIn
from chalicelib.domain.zgw import answers as zgw_answers
from chalicelib.domain.zgw.models import CatalogueImportIn, ConnectionIn, NotificationIn
from chalicelib.web import (
    openapi_console,
    openapi_my_cases,
    openapi_organisation,
    openapi_preview,
    openapi_reports,
    openapi_test_mode,
)
from chalicelib.web.openapi_console import console_paths
from chalicelib.web.openapi_console_case_types import console_case_type_paths
from chalicelib.web.openapi_console_reports import console_report_paths
from chalicelib.web.openapi_my_cases import my_cases_paths
from chalicelib.web.openapi_parts import REF
from chalicelib.web.openapi_paths import paths
from chalicelib.web.problems import ProblemDetails

REQUESTS: tuple[type[BaseModel], ...] = (
    OrganisationIn,
    CaseTypeIn,
    EventIn,
    SubscriberIn,
    PreferencesIn,
    ConnectionIn,
    NotificationIn,
    CatalogueImportIn,
    WebhookIn,
    PartyIn,
    PartnerIn,
    DocumentIn,
    *openapi_preview.REQUESTS,
    *openapi_test_mode.REQUESTS,
    *openapi_organisation.REQUESTS,
    *openapi_console.REQUESTS,
    *openapi_my_cases.REQUESTS,
)
ANSWERS: tuple[type[BaseModel], ...] = (
    answers.Health,
    answers.OrganisationCreated,
    answers.ClientIssued,
    answers.CaseTypeOut,
    answers.CaseTypeChecked,
    answers.CaseTypeList,
    answers.EventAccepted,
    answers.MaskedSubscriber,
    answers.CaseView,
    answers.TrackingView,
    answers.Outbox,
    answers.PartyOut,
    answers.SharedCaseList,
    answers.PartnerOut,
    zgw_answers.ZgwConnectionOut,
    zgw_answers.CatalogueImported,
    WebhookRegistered,
    WebhookList,
    WebhookDeliveryList,
    DocumentOut,
    ProblemDetails,
    *openapi_preview.ANSWERS,
    *openapi_test_mode.ANSWERS,
    *openapi_organisation.ANSWERS,
    *openapi_reports.ANSWERS,
    *openapi_console.ANSWERS,
    *openapi_my_cases.ANSWERS,
)


def _schemas() -> dict[str, Any]:
    models: list[tuple[type[BaseModel], Literal["validation", "serialization"]]] = [
        *((m, "validation") for m in REQUESTS),
        *((m, "serialization") for m in ANSWERS),
    ]
    keyed, top = models_json_schema(models, ref_template=REF)
    schemas = dict(top.get("$defs", {}))
    for (model, _), schema in keyed.items():
        schemas.setdefault(model.__name__, schema)
    # A subscriber's channel is checked against the registry: say which values it takes today.
    for name in ("SubscriberIn", "PreferencesIn", "PartyIn"):
        schemas[name]["properties"]["channel"]["description"] = "one of " + ", ".join(CHANNELS.choices())
    return schemas


@functools.cache
def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "zaakstatus",
            "version": "1",
            "description": "Case status notifications for Dutch public bodies. Errors are "
            "application/problem+json (RFC 9457); unknown routes 404, other methods 405.",
        },
        "paths": {
            **paths(),
            **openapi_preview.preview_paths(),
            **openapi_test_mode.test_mode_paths(),
            **openapi_organisation.organisation_paths(),
            **openapi_reports.report_paths(),
            **console_report_paths(),
            **console_paths(),
            **console_case_type_paths(),
            **my_cases_paths(),
        },
        "components": {
            "schemas": _schemas(),
            "securitySchemes": {
                "organisationJWT": {
                    "type": "http",
                    "scheme": "bearer",
                    "bearerFormat": "JWT",
                    "description": "HS256 JWT with `client_id` and `iat` (at most an hour "
                    "old), signed with the client's secret.",
                },
                "operatorToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The operator's token (ZAAKSTATUS_ADMIN_TOKEN).",
                },
                "hubAuthorization": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "The value agreed with the organisation's notification hub.",
                },
                "twilioSignature": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "X-Twilio-Signature",
                    "description": "Twilio's signature of the callback URL and form.",
                },
            },
        },
    }
