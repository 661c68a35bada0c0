"""The console's case types: `GET /console/case-types` (the list), `GET /console/case-types/{code}`
(the form for an admin, read-only for an agent or viewer) and `POST /console/case-types/{code}`
(`action=preview`: the chosen status's SMS and e-mail for the form as it is, on the same page;
`action=save`: saved as `PUT /v1/case-types/{code}` saves it, admin only, then 303 to the form)."""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Mapping
from typing import Any

from chalice import Response
from pydantic import ValidationError

from chalicelib.domain.errors import FieldError, Forbidden, InvalidFields
from chalicelib.domain.preview import PreviewAnswer, PreviewIn
from chalicelib.domain.staff import StaffSession
from chalicelib.services import case_types, preview
from chalicelib.services.deps import Deps
from chalicelib.web.console.case_type_form import dutch, errors_by_field, parse, values_of
from chalicelib.web.console.case_type_pages import PATH, edit_page, list_page, view_page
from chalicelib.web.console.handling import console_handled
from chalicelib.web.console.layout import html_response, redirect
from chalicelib.web.console.session import check_csrf, signed_in
from chalicelib.web.http import ThreadSafeChalice, body_of
from chalicelib.web.problems import BadRequest

# A case type of 50 statuses in two languages is some 900 fields: more than other console forms.
MAX_FORM_BYTES = 512 * 1024
MAX_FORM_FIELDS = 2000
CHANNELS = ("sms", "email")
PREVIEW_NAMES = {"status": "preview.status", "language": "preview.language", "role": "preview.role"}
PREVIEW_NAMES |= {"sample.case.description": "preview.description", "sample.status.explanation": "preview.explanation"}
Previews = dict[str, PreviewAnswer]
Errors = dict[str, list[str]]


def add_console_case_type_routes(app: ThreadSafeChalice, deps: Callable[[], Deps], **json: Any) -> None:
    @app.route(PATH, methods=["GET"], **json)
    @console_handled
    def console_case_types() -> Response:
        staff = signed_in(deps(), app.current_request)
        return html_response(list_page(staff, case_types.list_all(deps(), staff.org_id).case_types))

    @app.route(PATH + "/{code}", methods=["GET"], **json)
    @console_handled
    def console_case_type(code: str) -> Response:
        staff = signed_in(deps(), app.current_request)
        stored = case_types.get(deps(), staff.org_id, code)
        values = values_of(stored.model_dump(mode="json"))
        if staff.role != "admin":
            return html_response(view_page(staff, stored, values, None))
        saved = (app.current_request.query_params or {}).get("opgeslagen") == "1"
        return html_response(edit_page(staff, stored.code, values, {}, saved=saved))

    @app.route(PATH + "/{code}", methods=["POST"], **json)
    @console_handled
    def console_case_type_submit(code: str) -> Response:
        staff = signed_in(deps(), app.current_request)
        form = with_preview_status(read_form(app.current_request))
        check_csrf(staff, form)
        if staff.role != "admin":
            return _view_preview(deps(), staff, code, form)
        return _submit(deps(), staff, code, form)


def _submit(deps: Deps, staff: StaffSession, code: str, form: dict[str, str]) -> Response:
    stored = case_types.get(deps, staff.org_id, code)
    parsed = parse(form, stored.model_dump(mode="json"))
    if parsed.data is None:
        return html_response(edit_page(staff, stored.code, form, parsed.errors), 400)
    if form.get("action") == "save":
        try:
            case_types.put(deps, staff.org_id, stored.code, parsed.data)
        except InvalidFields as error:
            return html_response(edit_page(staff, stored.code, form, errors_by_field(error.fields, parsed.rows)), 400)
        return redirect(f"{PATH}/{urllib.parse.quote(stored.code)}?opgeslagen=1")
    data = parsed.data
    previews, errors = _previews(lambda p: preview.preview_unsaved(deps, staff.org_id, stored.code, data, p), form)
    return html_response(edit_page(staff, stored.code, form, errors, previews), 400 if errors else 200)


def _view_preview(deps: Deps, staff: StaffSession, code: str, form: dict[str, str]) -> Response:
    """An agent or viewer previews the stored case type; nothing else is theirs to send."""
    if form.get("action") != "preview":
        raise Forbidden("Only an admin changes case types.")
    stored = case_types.get(deps, staff.org_id, code)
    values = values_of(stored.model_dump(mode="json")) | {k: v for k, v in form.items() if k.startswith("preview.")}
    previews, errors = _previews(lambda p: preview.preview(deps, staff.org_id, stored.code, p), values)
    return html_response(view_page(staff, stored, values, previews, errors), 400 if errors else 200)


def _previews(render: Callable[[PreviewIn], PreviewAnswer], values: Mapping[str, str]) -> tuple[Previews, Errors]:
    """The chosen status's message on every channel, or the errors of the preview's controls."""
    try:
        requests = {channel: preview_request(values, channel) for channel in CHANNELS}
        return {channel: render(request) for channel, request in requests.items()}, {}
    except ValidationError as exc:
        problems = [FieldError(".".join(str(p) for p in i["loc"]), i["msg"]) for i in exc.errors(include_url=False)]
    except InvalidFields as error:
        problems = error.fields
    return {}, _preview_errors(problems)


def preview_request(values: Mapping[str, str], channel: str) -> PreviewIn:
    description = values.get("preview.description", "").strip()
    explanation = values.get("preview.explanation", "").strip()
    return PreviewIn.model_validate(
        {
            "status": values.get("preview.status", ""),
            "language": values.get("preview.language", "nl"),
            "channel": channel,
            "role": values.get("preview.role", "initiator"),
            "sample": {"case": {"description": description or None}, "status": {"explanation": explanation or None}},
        }
    )


def _preview_errors(problems: list[FieldError]) -> Errors:
    errors: Errors = {}
    for problem in problems:
        name = PREVIEW_NAMES.get(problem.name, "form")
        reason = "Kies een status." if name == "preview.status" else dutch(problem.reason.removeprefix("Value error, "))
        errors.setdefault(name, []).append(reason)
    return errors


def with_preview_status(form: dict[str, str]) -> dict[str, str]:
    """A status's own preview button (`action=preview-<row>`) previews that row's status."""
    row = form.get("action", "").removeprefix("preview-")
    if row.isdigit() and form.get("action") != row:
        return form | {"action": "preview", "preview.status": form.get(f"statuses.{row}.code", "")}
    return form


def read_form(request: Any) -> dict[str, str]:
    """The form's fields (the first value of each); a body that is no such form is a 400 page."""
    raw = body_of(request, "application/x-www-form-urlencoded", MAX_FORM_BYTES)
    try:
        pairs = urllib.parse.parse_qsl(
            raw.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS, errors="strict"
        )
    except (UnicodeDecodeError, ValueError):
        raise BadRequest("The form could not be read.") from None
    fields: dict[str, str] = {}
    for name, value in pairs:
        fields.setdefault(name, value)
    return fields
