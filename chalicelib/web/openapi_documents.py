"""The OpenAPI paths of a case's documents (contract-v2 §5) and of a party's download link."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.documents import DOC_ID, DOWNLOAD_SECONDS, SIGNATURES
from chalicelib.domain.inbound import CASE_ID
from chalicelib.web.openapi_parts import HTML, LANG, ORG, body, errors, json_answer, path_param, problem

STORED = (
    "Content is kept in S3, encrypted at rest; it goes with the document (DELETE), with a ZGW zaak "
    "destroyed, and when the case's retention ends."
)
BINARY = {"schema": {"type": "string", "format": "binary"}}


def document_paths() -> dict[str, Any]:
    ids = [path_param("case_id", CASE_ID), path_param("doc_id", DOC_ID)]
    return {
        "/v1/cases/{case_id}/documents/{doc_id}": {
            "put": {
                "operationId": "putDocument",
                "security": ORG,
                "description": "Publish a document of the case to its parties, or replace its metadata (its "
                "content stays). Listed on the page up to the case type's `publish_up_to` confidentiality; "
                "`url` (https, the outbound-URL guard) is where the download leads when no content is uploaded.",
                "parameters": ids,
                "requestBody": body("DocumentIn"),
                "responses": {
                    "201": json_answer("DocumentOut", "Created."),
                    "200": json_answer("DocumentOut", "Replaced."),
                    **errors("400", "401", "404", "413", "415"),
                },
            },
            "delete": {
                "operationId": "deleteDocument",
                "security": ORG,
                "parameters": ids,
                "responses": {
                    "204": {"description": "Deleted, its metadata and content at once."},
                    **errors("401", "404"),
                },
            },
        },
        "/v1/cases/{case_id}/documents/{doc_id}/content": {
            "put": {
                "operationId": "putDocumentContent",
                "security": ORG,
                "description": "The document's file: PDF, PNG or JPEG (its first bytes must be those of the "
                "type sent), at most 10 MiB. " + STORED,
                "parameters": ids,
                "requestBody": {"required": True, "content": {media: BINARY for media in SIGNATURES}},
                "responses": {
                    "204": {"description": "Stored."},
                    **errors("401", "404"),
                    "413": problem("The body is larger than 10 MiB (`invalid_params` names `body`)."),
                    "415": problem(
                        "Not PDF, PNG or JPEG, or not the type it was sent as (`invalid_params` names `body`)."
                    ),
                },
            }
        },
        "/track/{token}/documents/{doc_id}": {
            "get": {
                "operationId": "downloadDocument",
                "security": [],
                "description": "A party's download link (the tracking JSON's `download_url`).",
                "parameters": [path_param("token"), path_param("doc_id", DOC_ID), LANG],
                "responses": {
                    "302": {
                        "description": f"To a pre-signed URL of the content, valid {DOWNLOAD_SECONDS} seconds and "
                        "made now, or to the document's own URL.",
                        "headers": {"Location": {"required": True, "schema": {"type": "string"}}},
                    },
                    "404": {
                        "description": "An unknown link, or a document it may not see: the unknown link's page.",
                        "content": HTML,
                    },
                    **errors("429"),
                },
            }
        },
    }
