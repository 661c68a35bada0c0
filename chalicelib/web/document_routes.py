"""The routes of a case's documents, the party's download link, and the table stream's handler
that deletes a removed document's content. Registered by `app.py` on its app (as
`party_routes.py`), with its way to reach the dependencies and the caller's organisation.

Content bodies are binary: API Gateway passes a body as is only when its content type is one of
the API's binary media types (`app.api.binary_types`, written into the template by `chalice
package`), base64-encoded in the event, which chalice decodes for `raw_body`. PNG and JPEG are
binary types by default; PDF is added here. JSON bodies are text as before.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from chalice import Response

from chalicelib.domain.documents import SIGNATURES, DocumentIn
from chalicelib.domain.errors import NotFound
from chalicelib.services import documents
from chalicelib.services.deps import Deps
from chalicelib.web.http import ThreadSafeChalice, handled, json_response, no_content, parse
from chalicelib.web.pages import site
from chalicelib.web.pages.layout import CSP, unknown_page

CONTENT_TYPES = tuple(SIGNATURES)  # application/pdf, image/png, image/jpeg
# The table's stream (KEYS_ONLY) as Chalice first names it; the template puts the table's own
# stream there (infra/resources.yaml), and filters it to removed document items.
# The unknown link's page, as `/track/{token}` answers it.
UNKNOWN_HEADERS: dict[str, str | list[str]] = {
    "Content-Type": "text/html; charset=utf-8",
    "X-Robots-Tag": "noindex, nofollow",
    "Content-Security-Policy": CSP,
}
STREAM_PLACEHOLDER = "arn:aws:dynamodb:eu-west-1:000000000000:table/zaakstatus/stream/placeholder"


def media_type(request: Any) -> str:
    return str(request.headers.get("content-type") or "").split(";")[0].strip().lower()


def removed_items(deps: Deps, event: Mapping[str, Any]) -> int:
    """A batch of the table's stream: the content of every removed document goes too."""
    gone = 0
    for record in event.get("Records", []):
        if record.get("eventName") != "REMOVE":
            continue
        keys = {k: v.get("S", "") for k, v in (record.get("dynamodb", {}).get("Keys") or {}).items()}
        ref = deps.documents.removed(keys)
        if ref is not None:
            documents.content_removed(deps, ref)
            gone += 1
    return gone


def add_document_routes(
    app: ThreadSafeChalice,
    deps: Callable[[], Deps],
    organisation: Callable[[], str],
    query: Callable[[], dict[str, str]],
    **json: Any,
) -> Any:
    """Register the routes; returns the stream handler, for `app.py` to name (Lambda finds a
    function's handler as an attribute of `app`)."""
    app.api.binary_types = list(dict.fromkeys([*app.api.binary_types, *CONTENT_TYPES]))

    @app.route("/v1/cases/{case_id}/documents/{doc_id}", methods=["PUT"], **json)
    @handled
    def put_document(case_id: str, doc_id: str) -> Response:
        org_id = organisation()
        saved, created = documents.put(deps(), org_id, case_id, doc_id, parse(app.current_request, DocumentIn))
        return json_response(saved.json_body(), 201 if created else 200)

    @app.route("/v1/cases/{case_id}/documents/{doc_id}", methods=["DELETE"], **json)
    @handled
    def delete_document(case_id: str, doc_id: str) -> Response:
        documents.delete(deps(), organisation(), case_id, doc_id)
        return no_content()

    @app.route("/v1/cases/{case_id}/documents/{doc_id}/content", methods=["PUT"], **json)
    @handled
    def put_document_content(case_id: str, doc_id: str) -> Response:
        org_id, request = organisation(), app.current_request
        documents.put_content(deps(), org_id, case_id, doc_id, media_type(request), request.raw_body or b"")
        return no_content()

    @app.route("/track/{token}/documents/{doc_id}", methods=["GET"], **json)
    @handled
    def download_document(token: str, doc_id: str) -> Response:
        try:
            location = documents.download(deps(), token, doc_id)
        except NotFound:
            page = unknown_page(site.language_of(query()) or "nl")
            return Response(body=page, status_code=404, headers=dict(UNKNOWN_HEADERS))
        return Response(body="", status_code=302, headers={"Location": location})

    @app.on_dynamodb_record(stream_arn=STREAM_PLACEHOLDER, batch_size=100, starting_position="TRIM_HORIZON")
    def remove_document_content(event: Any) -> None:
        removed_items(deps(), event.to_dict())

    return remove_document_content
