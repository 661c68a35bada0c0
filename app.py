"""zaakstatus: routes and event handlers. Each parses, calls one service function, maps the result;
errors become problem responses in `chalicelib/web/http.py`."""

from __future__ import annotations

import json
import logging
from typing import Any

from chalice import Rate, Response

from chalicelib import bootstrap
from chalicelib.domain import clock
from chalicelib.domain.inbound import (
    CaseTypeIn,
    EventIn,
    OrganisationIn,
    PreferencesIn,
    SubscriberIn,
)
from chalicelib.domain.webhooks import WebhookIn
from chalicelib.services import (
    actions,
    auth,
    case_types,
    cases,
    dev_outbox,
    ingest,
    organisations,
    preferences,
    quiet_hours,
    receipts,
    tracking,
    webhooks,
)
from chalicelib.web import on_demand, operator_guard, ratelimit, signatures
from chalicelib.web.config_scope import add_config_scope
from chalicelib.web.console.report_routes import add_console_report_routes
from chalicelib.web.console.routes import add_console_routes
from chalicelib.web.digid_routes import add_digid_routes
from chalicelib.web.document_routes import add_document_routes
from chalicelib.web.http import (
    ThreadSafeChalice,
    add_fallbacks,
    add_security_headers,
    answer,
    handled,
    json_response,
    no_content,
    parse,
)
from chalicelib.web.logs import configure_logging
from chalicelib.web.my_cases_routes import add_my_cases_routes
from chalicelib.web.organisation_routes import add_organisation_routes
from chalicelib.web.pages import site
from chalicelib.web.party_routes import add_party_routes
from chalicelib.web.preview_routes import add_preview_routes
from chalicelib.web.report_routes import add_report_routes
from chalicelib.web.test_mode_routes import add_test_mode_routes, client_mode
from chalicelib.web.zgw_routes import add_zgw_routes

app = ThreadSafeChalice(app_name="zaakstatus")
configure_logging()
log = logging.getLogger("zaakstatus")
deps = bootstrap.deps
JSON = {"content_types": ["*/*"]}  # content types are checked by `parse`, so the answer is a problem


def _authorization() -> str | None:
    value: str | None = app.current_request.headers.get("authorization")
    return value


def _organisation() -> str:
    return auth.organisation_of(deps(), _authorization())


def _operator() -> None:
    operator_guard.require_operator(deps(), app.current_request)


def _query() -> dict[str, str]:
    return dict(app.current_request.query_params or {})


@app.route("/health", methods=["GET"], **JSON)
@handled
def health() -> Response:
    return json_response({"status": "ok"})


@app.route("/openapi.json", methods=["GET"], **JSON)
@handled
def openapi_description() -> Response:
    return json_response(on_demand.openapi_document())


# The operator: organisations and their API clients.
@app.route("/v1/admin/organisations", methods=["POST"], **JSON)
@handled
def create_organisation() -> Response:
    _operator()
    return answer(organisations.create(deps(), parse(app.current_request, OrganisationIn)), 201)


@app.route("/v1/admin/organisations/{org_id}/clients", methods=["POST"], **JSON)
@handled
def add_client(org_id: str) -> Response:
    _operator()
    return answer(organisations.add_client(deps(), org_id, client_mode(app.current_request)), 201)


@app.route("/v1/admin/organisations/{org_id}/clients/{client_id}", methods=["DELETE"], **JSON)
@handled
def revoke_client(org_id: str, client_id: str) -> Response:
    _operator()
    organisations.revoke_client(deps(), org_id, client_id)
    return no_content()


# An organisation's case system.
@app.route("/v1/case-types", methods=["GET"], **JSON)
@handled
def list_case_types() -> Response:
    return answer(case_types.list_all(deps(), _organisation()))


@app.route("/v1/case-types/{code}", methods=["GET"], **JSON)
@handled
def get_case_type(code: str) -> Response:
    return answer(case_types.get(deps(), _organisation(), code))


@app.route("/v1/case-types/{code}", methods=["PUT"], **JSON)
@handled
def put_case_type(code: str) -> Response:
    org_id = _organisation()
    saved = case_types.put(deps(), org_id, code, parse(app.current_request, CaseTypeIn))
    return answer(saved.case_type, 201 if saved.created else 200)


@app.route("/v1/events", methods=["POST"], **JSON)
@handled
def post_event() -> Response:
    org_id = _organisation()
    ratelimit.limit_ingest(bootstrap.limits(), org_id)
    return answer(ingest.accept(deps(), org_id, parse(app.current_request, EventIn)), 202)


@app.route("/v1/cases/{case_id}", methods=["GET"], **JSON)
@handled
def get_case(case_id: str) -> Response:
    return answer(cases.view(deps(), _organisation(), case_id))


@app.route("/v1/cases/{case_id}/subscriber", methods=["PUT"], **JSON)
@handled
def put_subscriber(case_id: str) -> Response:
    org_id = _organisation()
    return answer(cases.set_subscriber(deps(), org_id, case_id, parse(app.current_request, SubscriberIn)))


@app.route("/v1/cases/{case_id}/subscriber", methods=["DELETE"], **JSON)
@handled
def erase_subscriber(case_id: str) -> Response:
    cases.erase_subscriber(deps(), _organisation(), case_id)
    return no_content()


add_party_routes(app, deps, _organisation, **JSON)
add_organisation_routes(app, deps, _organisation, **JSON)  # its settings and e-mail sender
add_preview_routes(app, deps, _organisation, **JSON)  # a status's message before citizens see it
add_test_mode_routes(app, deps, _organisation, **JSON)  # a test client's outbox: GET /v1/test-outbox
add_report_routes(app, deps, _organisation, _query, **JSON)  # management information: GET /v1/reports
# A case's documents, their download links, and the table stream that deletes removed documents' content.
remove_document_content = add_document_routes(app, deps, _organisation, _query, **JSON)


# The citizen, with the tracking link alone.
@app.route("/v1/track/{token}", methods=["GET"], **JSON)
@handled
def track_json(token: str) -> Response:
    return answer(tracking.view(deps(), token, site.language_of(_query())))


@app.route("/v1/track/{token}/preferences", methods=["PUT"], **JSON)
@handled
def put_track_preferences(token: str) -> Response:
    data = parse(app.current_request, PreferencesIn)
    return answer(preferences.change(deps(), token, data.model_dump()))


@app.route("/track/{token}", methods=["GET"], **JSON)
@handled
def track_page(token: str) -> Response:
    return site.page(deps(), token, _query())


@app.route("/track/{token}/preferences", methods=["POST"], **JSON)
@handled
def track_page_preferences(token: str) -> Response:
    return site.submit(deps(), token, _query(), app.current_request)


@app.route("/static/{name}", methods=["GET"], **JSON)
@handled
def static_file(name: str) -> Response:
    return site.static(name)


@app.route("/dev/outbox", methods=["GET"], **JSON)
@handled
def dev_outbox_messages() -> Response:
    return answer(dev_outbox.messages(deps()))


# An organisation's own systems: outbound webhooks (CloudEvents signed as Standard Webhooks).
@app.route("/v1/webhooks", methods=["GET"], **JSON)
@handled
def list_webhooks() -> Response:
    return answer(webhooks.list_all(deps(), _organisation()))


@app.route("/v1/webhooks/{name}", methods=["PUT"], **JSON)
@handled
def put_webhook(name: str) -> Response:
    org_id = _organisation()
    registered, created = webhooks.put(deps(), org_id, name, parse(app.current_request, WebhookIn))
    return answer(registered, 201 if created else 200)


@app.route("/v1/webhooks/{name}", methods=["DELETE"], **JSON)
@handled
def delete_webhook(name: str) -> Response:
    webhooks.delete(deps(), _organisation(), name)
    return no_content()


@app.route("/v1/webhooks/{name}/deliveries", methods=["GET"], **JSON)
@handled
def webhook_deliveries(name: str) -> Response:
    return answer(webhooks.deliveries(deps(), _organisation(), name))


# Providers' receipts.
@app.route("/v1/webhooks/twilio/status", methods=["POST"], **JSON)
@handled
def twilio_status() -> Response:
    request, s = app.current_request, bootstrap.settings()
    ref, form = signatures.twilio_callback(
        s.public_url, s.twilio_auth_token, _query(), request.raw_body or b"", request.headers.get("x-twilio-signature")
    )
    receipts.twilio_status(deps(), ref, form)
    return no_content()


@app.on_sns_message(topic="zaakstatus-ses-events")
def ses_events(event: Any) -> None:
    log.info("ses event: %s", receipts.ses_event(deps(), json.loads(event.message)))


# ZGW case systems.
add_zgw_routes(app, deps, _organisation, _authorization, **JSON)
add_console_routes(app, deps, _operator, bootstrap.limits, **JSON)  # the staff console, /console
add_console_report_routes(app, deps, **JSON)  # the console's reports with charts and CSV
add_my_cases_routes(app, deps, bootstrap.limits, **JSON)  # a citizen's cases of every organisation
add_digid_routes(app, deps, **JSON)  # "Inloggen met DigiD" for Mijn zaken, where OIDC is configured


# Queues and schedules. Partial batch responses: only the failed messages return to the queue.
@app.on_sqs_message(queue="zaakstatus-notifications", batch_size=10)
def send_notifications(event: Any) -> dict[str, Any]:
    return on_demand.notifications(deps(), event.to_dict(), getattr(event, "context", None))


@app.on_sqs_message(queue="zaakstatus-zgw", batch_size=10)
def resolve_zgw_notifications(event: Any) -> dict[str, Any]:
    redelivery = bootstrap.settings().zgw_redelivery_s
    return on_demand.zgw_messages(deps(), event.to_dict(), getattr(event, "context", None), redelivery)


@app.schedule(Rate(1, unit=Rate.HOURS))
def reconcile_zgw(event: Any) -> None:
    on_demand.reconcile_all(deps())


@app.schedule(Rate(15, unit=Rate.MINUTES))
def release_quiet_hours(event: Any) -> None:
    # The morning's work, one function: SMS held for quiet hours, then reminders of actions due.
    log.info("released %d notifications held for quiet hours", quiet_hours.release(deps(), clock.now()))
    log.info("queued %d reminders of actions due in three days", actions.remind(deps(), clock.now()))


ratelimit.limit_tracking_lookups(app, bootstrap.limits, bootstrap.is_local)
add_security_headers(app, bootstrap.is_local)
add_fallbacks(app)
add_config_scope(app, deps)
