"""The OpenAPI paths of the console's case-type pages: HTML for a signed-in staff member (the
session cookie, checked by the page itself); without one each answers 303 to the sign-in page."""

from __future__ import annotations

from typing import Any

from chalicelib.web.openapi_parts import HTML, path_param

SIGN_IN = {
    "description": "No live console session: to the sign-in page.",
    "headers": {"Location": {"schema": {"type": "string", "const": "/console"}}},
}
FORM = {
    "required": False,
    "content": {
        "application/x-www-form-urlencoded": {
            "schema": {
                "type": "object",
                "description": "The case type's fields named by their JSON path (`statuses.1.text.nl`), "
                "`csrf`, and `action`: `preview`, `preview-<row>` or `save`.",
                "properties": {"csrf": {"type": "string"}, "action": {"type": "string"}},
            }
        }
    },
}


def _page(description: str) -> dict[str, Any]:
    return {"description": description, "content": HTML}


def console_case_type_paths() -> dict[str, Any]:
    code = path_param("code")
    return {
        "/console/case-types": {
            "get": {
                "operationId": "consoleCaseTypes",
                "security": [],
                "description": "The organisation's case types, each linked to its page.",
                "responses": {"200": _page("The list."), "303": SIGN_IN},
            }
        },
        "/console/case-types/{code}": {
            "get": {
                "operationId": "consoleCaseType",
                "security": [],
                "description": "An admin gets the case type as a form: names, service norm, every status's code, "
                "name, visibility, finality, whom it tells and its texts per language. An agent or viewer reads "
                "it and can preview its messages.",
                "parameters": [code],
                "responses": {
                    "200": _page("The form, or the case type read-only."),
                    "303": SIGN_IN,
                    "404": _page("No such case type of this organisation."),
                },
            },
            "post": {
                "operationId": "consoleCaseTypeSubmit",
                "security": [],
                "description": "`action=preview` (or `preview-<row>` for one status) shows the chosen status's SMS "
                "and e-mail for the form as it is, unsaved, on the same page; `action=save` (admin only) saves "
                "it as `PUT /v1/case-types/{code}` does and answers 303 to the form.",
                "parameters": [code],
                "requestBody": FORM,
                "responses": {
                    "200": _page("The form with the preview above it."),
                    "303": {**SIGN_IN, "description": "Saved: to the form. Or no live session: to the sign-in page."},
                    "400": _page("The form with each error beside its field, or a form that could not be read."),
                    "403": _page(
                        "A form from another site or without the session's CSRF field, or a save by an agent or viewer."
                    ),
                    "404": _page("No such case type of this organisation."),
                    "413": _page("A form over 512 KiB."),
                    "415": _page("Not a form."),
                },
            },
        },
    }
