"""The OpenAPI paths of "Mijn zaken": a citizen's cases of every organisation (JSON under
/v1/me, pages under /mijn-zaken). The session is the `zs_mijn` cookie set by following a sign-in
link; the page forms take a browser's `application/x-www-form-urlencoded` body, the session's
forms also a CSRF field."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from chalicelib.domain.citizen import SignInIn
from chalicelib.domain.my_cases_answers import MyCasesOut, SignInAccepted
from chalicelib.web.openapi_parts import HTML, LANG, body, errors, json_answer, path_param

REQUESTS: tuple[type[BaseModel], ...] = (SignInIn,)
ANSWERS: tuple[type[BaseModel], ...] = (MyCasesOut, SignInAccepted)
COOKIE = "the `zs_mijn` session cookie (HttpOnly, SameSite=Strict; 15 idle minutes, 8 hours at most)"
TO_OVERVIEW = {
    "description": "To /mijn-zaken.",
    "headers": {"Location": {"schema": {"type": "string", "pattern": "^/mijn-zaken"}}},
}


def _page(description: str) -> dict[str, Any]:
    return {"description": description, "content": HTML}


def _form(properties: dict[str, Any]) -> dict[str, Any]:
    media = {"schema": {"type": "object", "properties": properties}}
    return {"required": False, "content": {"application/x-www-form-urlencoded": media}}


PAGE_REFUSALS = {
    "400": _page("A form that could not be read, or a field that is not valid (said beside it)."),
    "403": _page("A form from another site, or without the session's CSRF field."),
    "413": _page("A form over 64 KiB."),
    "415": _page("Not a form."),
    "429": _page("Too many sign-in requests for this address or from this client."),
}


def _refusals(*codes: str) -> dict[str, Any]:
    return {code: PAGE_REFUSALS[code] for code in codes}


def _json_paths() -> dict[str, Any]:
    return {
        "/v1/me/sign-in": {
            "post": {
                "operationId": "mySignIn",
                "security": [],
                "description": "Ask for a sign-in link with an e-mail address or a mobile number (one of them). "
                "The answer is the same whether or not the address is a party's contact anywhere here; a known "
                "address gets a link `<public url>/mijn-zaken/login/<token>` by e-mail or SMS, usable once within "
                "15 minutes. Limited per address and per client.",
                "requestBody": body("SignInIn"),
                "responses": {
                    "202": json_answer("SignInAccepted", "The same answer for every valid address."),
                    **errors("400", "413", "415", "429"),
                },
            }
        },
        "/v1/me/cases": {
            "get": {
                "operationId": "myCases",
                "security": [],
                "description": f"With {COOKIE}: the citizen's cases of every organisation, open first, then "
                "closed ones still within retention. Internal statuses and cases above their case type's "
                "`publish_up_to` are left out.",
                "parameters": [LANG],
                "responses": {"200": json_answer("MyCasesOut", "The cases."), **errors("401", "403")},
            }
        },
        "/v1/me/sign-out": {
            "post": {
                "operationId": "mySignOut",
                "security": [],
                "description": f"End the session of {COOKIE} (if any) and clear the cookie.",
                "responses": {"204": {"description": "Signed out."}, **errors("403")},
            }
        },
    }


def my_cases_paths() -> dict[str, Any]:
    token = [path_param("token")]
    return {
        **_json_paths(),
        **_digid_paths(),
        "/mijn-zaken": {
            "get": {
                "operationId": "myCasesPage",
                "security": [],
                "description": "The sign-in form, or with a session the overview and the form that changes the "
                "messages of all cases at once.",
                "parameters": [LANG],
                "responses": {"200": _page("The page.")},
            }
        },
        "/mijn-zaken/sign-in": {
            "post": {
                "operationId": "myCasesPageSignIn",
                "security": [],
                "parameters": [LANG],
                "requestBody": _form({"email": {"type": "string"}, "phone": {"type": "string"}}),
                "responses": {
                    "200": _page("Look in your e-mail or phone."),
                    **_refusals("400", "403", "413", "415", "429"),
                },
            }
        },
        "/mijn-zaken/login/{token}": {
            "get": {
                "operationId": "myCasesLinkPage",
                "security": [],
                "description": "A button that uses the link (a GET never does: mail scanners open links).",
                "parameters": [*token, LANG],
                "responses": {
                    "200": _page("The button."),
                    "404": _page("A used, expired or unknown link: the same page."),
                },
            },
            "post": {
                "operationId": "myCasesUseLink",
                "security": [],
                "parameters": [*token, LANG],
                "responses": {
                    "303": {**TO_OVERVIEW, "description": "Signed in: the session cookie is set."},
                    "403": _page("From another site."),
                    "404": _page("A used, expired or unknown link: the same page."),
                },
            },
        },
        "/mijn-zaken/sign-out": {
            "post": {
                "operationId": "myCasesPageSignOut",
                "security": [],
                "parameters": [LANG],
                "requestBody": _form({"csrf": {"type": "string"}}),
                "responses": {"303": TO_OVERVIEW, **_refusals("400", "413", "415")},
            }
        },
        "/mijn-zaken/preferences": {
            "post": {
                "operationId": "myCasesChangeForAll",
                "security": [],
                "description": "Change the messages of every case at once; each case records it as the "
                "citizen's change. A contact left empty keeps each case's own.",
                "parameters": [LANG],
                "requestBody": _form(
                    {k: {"type": "string"} for k in ("csrf", "channel", "phone", "email", "language")}
                ),
                "responses": {
                    "200": _page("The overview, saying for how many cases it was saved."),
                    "303": TO_OVERVIEW,
                    **_refusals("400", "403", "413", "415"),
                },
            }
        },
    }


def _digid_paths() -> dict[str, Any]:
    """Inloggen met DigiD (OpenID Connect); 404 where no provider is configured."""
    off = _page("No DigiD provider is configured on this deployment.")
    return {
        "/mijn-zaken/digid": {
            "get": {
                "operationId": "myCasesDigidStart",
                "security": [],
                "description": "To the provider's authorisation endpoint (code flow with PKCE, state and nonce "
                "bound to a short-lived HttpOnly cookie).",
                "responses": {
                    "302": {"description": "To the provider.", "headers": {"Location": {"schema": {"type": "string"}}}},
                    "404": off,
                    "503": _page("The provider cannot be reached now."),
                },
            }
        },
        "/mijn-zaken/digid/callback": {
            "get": {
                "operationId": "myCasesDigidCallback",
                "security": [],
                "description": "The provider's answer: the code is exchanged, the ID token checked (signature, "
                "issuer, audience, nonce, expiry) and a session of that BSN or KvK number started.",
                "parameters": [
                    {"name": "code", "in": "query", "required": False, "schema": {"type": "string"}},
                    {"name": "state", "in": "query", "required": False, "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": _page("Signed in: the session cookie is set; the page moves on to /mijn-zaken."),
                    "403": _page("Refused: no or another flow cookie, a forged state, or a token that fails a check."),
                    "404": off,
                },
            }
        },
    }
