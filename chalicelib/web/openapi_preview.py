"""The OpenAPI path of a message's preview, and the models it takes and answers."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from chalicelib.domain.inbound import CODE
from chalicelib.domain.preview import PreviewAnswer, PreviewIn
from chalicelib.web.openapi_parts import ORG, REF, errors, json_answer, path_param

REQUESTS: tuple[type[BaseModel], ...] = (PreviewIn,)
ANSWERS: tuple[type[BaseModel], ...] = (PreviewAnswer,)

EXAMPLE = {
    "status": "in_behandeling",
    "language": "nl",
    "channel": "sms",
    "sample": {"case": {"description": "container niet geleegd"}},
}


def preview_paths() -> dict[str, Any]:
    return {
        "/v1/case-types/{code}/preview": {
            "post": {
                "operationId": "previewMessage",
                "security": ORG,
                "description": "A status's message for a channel, language and reader (`role`; `business` reads "
                "`text_business`) with sample values by placeholder path. What the sample leaves out reads as "
                "in a real message without it (the `text_fallback`, or the clause left out); the tracking link "
                "is a sample of the real length. For SMS, the encoding, characters and fragments.",
                "parameters": [path_param("code", CODE)],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": REF.format(model="PreviewIn")}, "example": EXAMPLE}
                    },
                },
                "responses": {
                    "200": json_answer("PreviewAnswer", "The message as it would be sent."),
                    **errors("400", "401", "404", "413", "415"),
                },
            }
        }
    }
