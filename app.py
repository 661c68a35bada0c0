"""zaakstatus: routes and event handlers. Each parses, calls one service function, maps the result."""

from __future__ import annotations

import json
import logging

from chalice import Response

from chalicelib import auth, case_types, cases, delivery, ingest, organisations, pages, tracking
from chalicelib.http import (
    ThreadSafeChalice,
    add_fallbacks,
    add_security_headers,
    handled,
    json_response,
    parse,
)
from chalicelib.logs import configure_logging
from chalicelib.models.inbound import CaseTypeIn, EventIn, OrganisationIn, SubscriberIn
from chalicelib.problems import NotFound
from chalicelib.wiring import services

app = ThreadSafeChalice(app_name="zaakstatus")
configure_logging()
log = logging.getLogger("zaakstatus")
JSON = {"content_types": ["*/*"]}  # content types are checked by `parse`, so the answer is a problem


def _authorization() -> str | None:
    return app.current_request.headers.get("authorization")


def _organisation() -> str:
    return auth.organisation_of(services(), _authorization())


@app.route("/health", methods=["GET"], **JSON)
@handled
def health() -> Response:
    return json_response({"status": "ok"})


@app.route("/v1/admin/organisations", methods=["POST"], **JSON)
@handled
def create_organisation() -> Response:
    svc = services()
    auth.require_operator(svc, _authorization())
    data = parse(app.current_request, OrganisationIn)
    return json_response(organisations.create(svc, data), 201)


@app.route("/v1/case-types", methods=["GET"], **JSON)
@handled
def list_case_types() -> Response:
    return json_response(case_types.list_all(services(), _organisation()))


@app.route("/v1/case-types/{code}", methods=["GET"], **JSON)
@handled
def get_case_type(code: str) -> Response:
    return json_response(case_types.get(services(), _organisation(), code))


@app.route("/v1/case-types/{code}", methods=["PUT"], **JSON)
@handled
def put_case_type(code: str) -> Response:
    org_id = _organisation()
    data = parse(app.current_request, CaseTypeIn)
    body, created = case_types.put(services(), org_id, code, data)
    return json_response(body, 201 if created else 200)


@app.route("/v1/events", methods=["POST"], **JSON)
@handled
def post_event() -> Response:
    org_id = _organisation()
    data = parse(app.current_request, EventIn)
    return json_response(ingest.accept(services(), org_id, data), 202)


@app.route("/v1/cases/{case_id}", methods=["GET"], **JSON)
@handled
def get_case(case_id: str) -> Response:
    return json_response(cases.view(services(), _organisation(), case_id))


@app.route("/v1/cases/{case_id}/subscriber", methods=["PUT"], **JSON)
@handled
def put_subscriber(case_id: str) -> Response:
    org_id = _organisation()
    data = parse(app.current_request, SubscriberIn)
    return json_response(cases.set_subscriber(services(), org_id, case_id, data))


@app.route("/v1/track/{token}", methods=["GET"], **JSON)
@handled
def track_json(token: str) -> Response:
    return json_response(tracking.view(services(), token, _language()))


@app.route("/track/{token}", methods=["GET"], **JSON)
def track_page(token: str) -> Response:
    headers = {"Content-Type": "text/html; charset=utf-8", "X-Robots-Tag": "noindex",
               "Content-Security-Policy": pages.content_security_policy()}
    try:
        html, status = pages.status_page(tracking.view(services(), token, _language())), 200
    except NotFound:
        html, status = pages.unknown_page(_language() or "nl"), 404
    return Response(body=html, status_code=status, headers=headers)


def _language() -> str | None:
    lang = (app.current_request.query_params or {}).get("lang")
    return lang if lang in pages.WORDS else None


@app.route("/dev/outbox", methods=["GET"], **JSON)
@handled
def dev_outbox() -> Response:
    if not services().settings.is_local:
        raise NotFound("There is nothing at this address.")
    from chalicelib import dev_outbox

    return json_response({"messages": dev_outbox.list_messages()})


@app.on_sqs_message(queue="zaakstatus-notifications", batch_size=10)
def send_notifications(event) -> None:
    svc = services()
    deferred = 0
    for record in event:
        try:
            outcome = delivery.deliver(svc, json.loads(record.body))
        except delivery.DeliveryDeferred:
            deferred += 1
            continue
        log.info("queue message %s: %s", record.to_dict()["messageId"], outcome)
    if deferred:
        # The whole batch returns to the queue; what was sent is recorded and will not repeat.
        raise delivery.DeliveryDeferred(f"{deferred} of the batch deferred")


add_security_headers(app)
add_fallbacks(app)
