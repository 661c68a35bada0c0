"""zaakstatus: routes and event handlers. Each parses, calls one service function, maps the result."""

from __future__ import annotations

import json
import logging

from chalice import Rate, Response

from chalicelib import (auth, case_types, cases, ingest, organisations, preferences,
                        ratelimit, tracking)
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
from chalicelib.pages import site
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
    ratelimit.limit_ingest(services(), org_id)
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


@app.route("/v1/track/{token}/preferences", methods=["PUT"], **JSON)
@handled
def put_track_preferences(token: str) -> Response:
    data = parse(app.current_request, preferences.PreferencesIn)
    return json_response(preferences.change(services(), token, data.model_dump()))


@app.route("/track/{token}", methods=["GET"], **JSON)
@handled
def track_page(token: str) -> Response:
    return site.page(services(), token, app.current_request.query_params)


@app.route("/track/{token}/preferences", methods=["POST"], **JSON)
@handled
def track_page_preferences(token: str) -> Response:
    request = app.current_request
    return site.submit(services(), token, request.query_params, request)


@app.route("/static/{name}", methods=["GET"], **JSON)
@handled
def static_file(name: str) -> Response:
    return site.static(name)


def _language() -> str | None:
    return site.language_of(app.current_request.query_params)


@app.route("/dev/outbox", methods=["GET"], **JSON)
@handled
def dev_outbox() -> Response:
    if not services().settings.is_local:
        raise NotFound("There is nothing at this address.")
    from chalicelib import dev_outbox

    return json_response({"messages": dev_outbox.list_messages()})


@app.on_sqs_message(queue="zaakstatus-notifications", batch_size=10)
def send_notifications(event) -> dict:
    from chalicelib import batch  # Powertools: the sender's path only

    # Partial batch response: only the failed or deferred messages return to the queue.
    return batch.handle(services(), event.to_dict(), getattr(event, "context", None))


# Security and privacy (issue 5): the API's description, credential rotation, erasure, limits.
@app.route("/openapi.json", methods=["GET"], **JSON)
@handled
def openapi_description() -> Response:
    from chalicelib import openapi

    return json_response(openapi.document())


@app.route("/v1/admin/organisations/{org_id}/clients", methods=["POST"], **JSON)
@handled
def add_client(org_id: str) -> Response:
    svc = services()
    auth.require_operator(svc, _authorization())
    return json_response(organisations.add_client(svc, org_id), 201)


@app.route("/v1/admin/organisations/{org_id}/clients/{client_id}", methods=["DELETE"], **JSON)
@handled
def revoke_client(org_id: str, client_id: str) -> Response:
    svc = services()
    auth.require_operator(svc, _authorization())
    organisations.revoke_client(svc, org_id, client_id)
    return Response(body="", status_code=204)


@app.route("/v1/cases/{case_id}/subscriber", methods=["DELETE"], **JSON)
@handled
def erase_subscriber(case_id: str) -> Response:
    cases.erase_subscriber(services(), _organisation(), case_id)
    return Response(body="", status_code=204)


ratelimit.limit_tracking_lookups(app)

# ZGW case systems (issue 7): chalicelib/zgw. Imported inside the handlers so the API's other
# routes do not load requests and the ZGW client.
@app.route("/v1/zgw/connection", methods=["PUT"], **JSON)
@handled
def put_zgw_connection() -> Response:
    from chalicelib.zgw import connection
    from chalicelib.zgw.models import ConnectionIn

    org_id = _organisation()
    data = parse(app.current_request, ConnectionIn)
    return json_response(connection.put(services(), org_id, data))


@app.route("/v1/zgw/connection", methods=["GET"], **JSON)
@handled
def get_zgw_connection() -> Response:
    from chalicelib.zgw import connection

    return json_response(connection.get(services(), _organisation()))


@app.route("/v1/zgw/notifications/{organisation}", methods=["POST"], **JSON)
@handled
def zgw_notification(organisation: str) -> Response:
    from chalicelib.zgw import webhook

    webhook.receive(services(), organisation, _authorization(), app.current_request)
    return Response(body="", status_code=204)


@app.route("/v1/zgw/catalogue/import", methods=["POST"], **JSON)
@handled
def import_zgw_catalogue() -> Response:
    from chalicelib.zgw import catalogue
    from chalicelib.zgw.models import CatalogueImportIn

    org_id, request = _organisation(), app.current_request
    data = parse(request, CatalogueImportIn) if request.raw_body else CatalogueImportIn()
    catalogus = str(data.catalogus) if data.catalogus else None
    return json_response(catalogue.import_for(services(), org_id, catalogus).as_dict())


@app.on_sqs_message(queue="zaakstatus-zgw", batch_size=10)
def resolve_zgw_notifications(event) -> dict:
    from chalicelib.zgw import worker

    # Partial batch response: only the messages that failed return to the queue, with backoff.
    return worker.handle_batch(services(), event.to_dict(), getattr(event, "context", None))


@app.schedule(Rate(1, unit=Rate.HOURS))
def reconcile_zgw(event) -> None:
    from chalicelib.zgw import reconcile

    reconcile.reconcile_all(services())


# Delivery (issue 4): provider receipts and the morning release after quiet hours.
@app.route("/v1/webhooks/twilio/status", methods=["POST"], **JSON)
@handled
def twilio_status() -> Response:
    from chalicelib import receipts

    request = app.current_request
    receipts.twilio_status(
        services(), dict(request.query_params or {}), request.raw_body or b"",
        request.headers.get("x-twilio-signature"),
    )
    return Response(body="", status_code=204)


@app.on_sns_message(topic="zaakstatus-ses-events")
def ses_events(event) -> None:
    from chalicelib import receipts

    outcome = receipts.ses_event(services(), json.loads(event.message))
    log.info("ses event: %s", outcome)


@app.schedule(Rate(15, unit=Rate.MINUTES))
def release_quiet_hours(event) -> None:
    from chalicelib import clock, quiet_hours

    log.info("released %d notifications held for quiet hours", quiet_hours.release(services(), clock.now()))

add_security_headers(app)
add_fallbacks(app)
