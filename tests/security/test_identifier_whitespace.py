"""Identifiers match whole: a trailing newline or any surrounding whitespace on an id (Python's
`$` matches before a final newline) is another id, never the one it resembles.

Every route of the app with a path parameter, every parameter, is called with the real value of
an existing thing plus whitespace: a 400 or 404, never a 2xx and never a 5xx. The routes come from
the app itself, so a new route is covered (a new parameter name must get a value below). The ids
in JSON bodies are found from /openapi.json: every string property whose pattern is one of the
id patterns gets the same treatment."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote, unquote, urlencode

import boto3
import pytest

from chalicelib.domain import documents, inbound, inbound_facts, parties, webhooks
from chalicelib.web.console.layout import console_stylesheet_name
from chalicelib.web.pages.layout import stylesheet_name
from local.resources import verify_senders
from tests import console, my_cases
from tests.builders import HVC_CASE_TYPE, event_body
from tests.security import test_isolation_matrix as matrix
from tests.security.conftest import OPERATOR, World

matrix_world = matrix.matrix_world  # the matrix's seeded world, a fixture of this module too

PADDINGS = {"trailing LF": ("", "\n"), "trailing CRLF": ("", "\r\n"), "trailing space": ("", " ")}
PADDINGS |= {"trailing tab": ("", "\t"), "leading space": (" ", ""), "leading LF": ("\n", "")}
HUB = "Token " + "h" * 32  # the matrix's ZGW connection's agreed hub authorization
# The hub's route answers an unknown organisation as a wrong Authorization (403), by design: the
# answer does not tell which organisations exist.
REFUSED = {"/v1/zgw/notifications/{organisation}": (403,)}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ID_PATTERNS = {
    inbound.ORG_ID,
    inbound.CODE,
    inbound.CASE_ID,
    inbound.CLIENT_ID,
    parties.PARTY_ID,
    documents.DOC_ID,
    webhooks.NAME,
    inbound_facts.DATE_CODE,
}


def _routes() -> list[tuple[str, str]]:
    from app import app

    return sorted(
        (method, path)
        for path, entries in app.routes.items()
        if "{" in path
        for method, entry in entries.items()
        if not entry.view_name.startswith("fallback")
    )


ROUTES = [(m, p, name) for m, p in _routes() for name in re.findall(r"\{(\w+)\}", p)]


@pytest.fixture(scope="module")
def seeded(matrix_world: World) -> dict[str, Any]:
    """Sessions and one-time links of the matrix world, for the routes that take them."""
    w = matrix_world
    verify_senders(boto3.client("sesv2"), ["zaakstatus.example"])
    cookie = console.sign_in(w, "hvc", matrix.HVC_STAFF, "admin")
    assert console.ask_link(w, matrix.HVC_STAFF).status_code == 200
    staff_link = console.links_sent_to(matrix.HVC_STAFF)[-1].rsplit("/", 1)[1]
    citizen = {"role": "interested", "kind": "person", "channel": "email", "email": "burger@example.nl"}
    assert w.call("PUT", f"/v1/cases/{matrix.HVC_CASE}/parties/burger", w.as_org(w.hvc), citizen).status_code == 201
    assert my_cases.ask_link(w, email="burger@example.nl").status_code == 202
    citizen_link = my_cases.links_mailed_to("burger@example.nl")[-1].rsplit("/", 1)[1]
    form = console.get(w, f"/console/case-types/{matrix.HVC_ONLY_TYPE}", cookie).body.decode()
    return {"cookie": cookie, "staff_link": staff_link, "citizen_link": citizen_link, "csrf": console.csrf_of(form)}


def _value(w: World, seeded: dict[str, Any], path: str, name: str) -> str:
    """The real value of the parameter on this route: an existing thing of HVC's."""
    if name == "token":
        return {"/console": seeded["staff_link"], "/mijn-zaken": seeded["citizen_link"]}.get(
            "/" + path.split("/")[1], w.hvc_token_url
        )
    if name == "name":
        if path.startswith("/console/static"):
            return console_stylesheet_name()
        return stylesheet_name() if path.startswith("/static") else matrix.HVC_WEBHOOK
    values = {
        "code": matrix.HVC_ONLY_TYPE,
        "case_id": matrix.HVC_CASE,
        "org_id": "hvc",
        "client_id": w.hvc["client_id"],
        "party_id": matrix.HVC_PARTY,
        "owner": "hvc",
        "partner": matrix.SHARED_WITH,
        "doc_id": matrix.HVC_DOCUMENT,
        "email": matrix.HVC_STAFF,
        "organisation": "hvc",
    }
    assert name in values, f"give the new path parameter '{name}' a real value here"
    return values[name]


def _headers(w: World, seeded: dict[str, Any], method: str, path: str) -> dict[str, str]:
    if path.startswith("/v1/admin/"):
        return {"Authorization": OPERATOR, "Content-Type": "application/json"}
    if path.startswith("/v1/zgw/notifications/"):
        return {"Authorization": HUB, "Content-Type": "application/json"}
    if path.startswith("/v1/shared-cases/"):  # HVC shares its case with dcmr
        return {"Authorization": w.as_org(w.dcmr), "Content-Type": "application/json"}
    if path.startswith("/console/"):
        return {"Cookie": seeded["cookie"], "Content-Type": "application/x-www-form-urlencoded"}
    if path.startswith("/mijn-zaken/") or path == "/track/{token}/preferences":
        return {"Content-Type": "application/x-www-form-urlencoded"}
    if path.endswith("/content"):
        return {"Authorization": w.as_org(w.hvc), "Content-Type": "image/png"}
    if path.startswith(("/v1/track/", "/track/", "/static/")):
        return {"Content-Type": "application/json"}
    return {"Authorization": w.as_org(w.hvc), "Content-Type": "application/json"}


def _body(seeded: dict[str, Any], method: str, path: str) -> bytes:
    if method in ("GET", "DELETE"):
        return b""
    if path == "/console/case-types/{code}":  # past the CSRF check, to the case type's lookup
        return urlencode({"csrf": seeded["csrf"], "action": "preview"}).encode()
    if path.endswith("/content"):
        return PNG
    known = {(m, t): b for m, t, b in matrix.ORG_ROUTES + matrix.OPERATOR_ROUTES}
    extra = {
        ("PUT", "/v1/track/{token}/preferences"): {"channel": "sms", "phone": "06 12345678"},
        ("POST", "/v1/zgw/notifications/{organisation}"): {
            "kanaal": "zaken",
            "hoofdObject": "https://zaken.hvc.example/api/v1/zaken/1",
            "resource": "status",
            "resourceUrl": "https://zaken.hvc.example/api/v1/statussen/1",
            "actie": "create",
            "aanmaakdatum": "2026-11-28T10:00:00Z",
            "kenmerken": {},
        },
    }
    body = known.get((method, path), extra.get((method, path)))
    return b"" if body is None else json.dumps(body).encode()


@contextmanager
def decoded_path_parameters(w: World) -> Iterator[None]:
    """API Gateway hands the function its path parameters percent-decoded (`%0A` is a newline);
    chalice's local gateway passes them as sent. Decode them as API Gateway does."""
    gateway = w.client.http._local_gateway
    original = gateway._generate_lambda_event

    def generate(*args: Any, **kwargs: Any) -> dict[str, Any]:
        event = original(*args, **kwargs)
        event["pathParameters"] = {k: unquote(v) for k, v in (event.get("pathParameters") or {}).items()}
        return event

    gateway._generate_lambda_event = generate
    try:
        yield
    finally:
        gateway._generate_lambda_event = original


def _call(w: World, seeded: dict[str, Any], method: str, template: str, padded: dict[str, str]) -> Any:
    names = [part[1:-1] for part in template.split("/") if part.startswith("{")]
    values = {n: padded.get(n, _value(w, seeded, template, n)) for n in names}
    path = template.format(**{n: quote(v, safe="@") for n, v in values.items()})
    with decoded_path_parameters(w):
        return w.client.http.request(
            method, path, headers=_headers(w, seeded, method, template), body=_body(seeded, method, template)
        )


@pytest.mark.parametrize(("method", "template", "name"), ROUTES, ids=[f"{m} {t} {n}" for m, t, n in ROUTES])
def test_a_path_parameter_with_whitespace_around_a_real_id_is_refused(matrix_world, seeded, method, template, name):
    real = _value(matrix_world, seeded, template, name)
    for label, (before, after) in PADDINGS.items():
        response = _call(matrix_world, seeded, method, template, {name: before + real + after})
        refused = REFUSED.get(template, (400, 404))
        assert response.status_code in refused, (label, response.status_code, response.body[:300])
        if template.startswith("/v1/"):
            assert response.headers["Content-Type"] == "application/problem+json", label
    if method == "GET":  # the real value does name a thing: the refusals above were the padding's
        assert _call(matrix_world, seeded, method, template, {}).status_code in (200, 302)  # 302: to a document


def _id_fields(schema: dict[str, Any], schemas: dict[str, Any], at: str = "") -> Iterator[tuple[str, str]]:
    """(dotted path, pattern) of every id property of a request body schema."""
    if "$ref" in schema:
        yield from _id_fields(schemas[schema["$ref"].rsplit("/", 1)[1]], schemas, at)
        return
    for option in schema.get("anyOf", []) + schema.get("allOf", []):
        yield from _id_fields(option, schemas, at)
    if schema.get("pattern") in ID_PATTERNS:
        yield at, schema["pattern"]
    for key, sub in schema.get("properties", {}).items():
        yield from _id_fields(sub, schemas, f"{at}.{key}" if at else key)
    if "items" in schema:
        yield from _id_fields(schema["items"], schemas, f"{at}[0]")
    for key in schema.get("patternProperties", {}):
        if key in ID_PATTERNS:  # a map keyed by ids (key dates by code)
            yield f"{at}{{}}", key


def _body_ids() -> list[tuple[str, str, str]]:
    from chalicelib.web import openapi

    doc = openapi.document()
    schemas = doc["components"]["schemas"]
    found = []
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if content:
                found += [(method.upper(), path, f) for f, _ in _id_fields(content["schema"], schemas)]
    return sorted(set(found))


BODY_IDS = _body_ids()
# A valid body per operation with ids, to pad one id at a time (a new operation must be added):
# (who sends it, where, the body). Each is accepted as it stands (checked in the test).
PARTNER = {"role": "chain_partner", "kind": "organisation", "identifier": {"organisation": "other"}}
DATED = {**HVC_CASE_TYPE, "dates": [{"code": "hoorzitting", "label": {"nl": "Hoorzitting"}}]}
SUBCASE = {  # dcmr's sub-case of HVC's case (HVC allows them), with a party and a key date
    **event_body("afgehandeld"),
    "case": {"id": "DCMR-2", "case_type": "termijnen", "parent": {"organisation": "hvc", "case_id": matrix.HVC_CASE}},
    "parties": [
        {"party_id": "partner", **PARTNER},
    ],
    "dates": {"hoorzitting": "2026-12-10"},
    "result": {"code": "toegekend", "text": "Uw klacht is gegrond."},
}
PREVIEW = {
    "status": "ontvangen",
    "language": "nl",
    "channel": "sms",
    "sample": {"case": {"id": "HVC-PREVIEW"}, "dates": {"hoorzitting": "2026-12-10"}},
}
EXAMPLES: dict[tuple[str, str], tuple[str, str, dict[str, Any]]] = {
    ("POST", "/v1/admin/organisations"): ("operator", "/v1/admin/organisations", {"id": "fresh", "name": "Fresh"}),
    ("PUT", "/v1/case-types/{code}"): ("dcmr", "/v1/case-types/termijnen", DATED),
    ("POST", "/v1/events"): ("dcmr", "/v1/events", SUBCASE),
    ("POST", "/v1/case-types/{code}/preview"): ("dcmr", "/v1/case-types/termijnen/preview", PREVIEW),
    ("PUT", "/v1/cases/{case_id}/parties/{party_id}"): ("hvc", "/v1/cases/HVC-FRESH/parties/partner", PARTNER),
}


def _auth(w: World, who: str) -> str:
    return OPERATOR if who == "operator" else w.as_org(w.dcmr if who == "dcmr" else w.hvc)


def _set(body: dict[str, Any], dotted: str, pad: tuple[str, str]) -> tuple[dict[str, Any], bool]:
    """A copy of `body` with the id at `dotted` padded (`{}`: the keys of a map); False when the
    example lacks that field."""
    body = json.loads(json.dumps(body))
    node: Any = body
    parts = dotted.replace("[0]", ".0").split(".")
    for part in parts[:-1]:
        node = node[int(part)] if part.isdigit() else node.get(part)
        if node is None:
            return body, False
    last = parts[-1]
    if last.endswith("{}") and isinstance(node.get(last[:-2]), dict) and node[last[:-2]]:
        node[last[:-2]] = {pad[0] + k + pad[1]: v for k, v in node[last[:-2]].items()}
        return body, True
    if isinstance(node.get(last), str):
        node[last] = pad[0] + node[last] + pad[1]
        return body, True
    return body, False


@pytest.mark.parametrize(("method", "path", "field"), BODY_IDS, ids=[f"{m} {p} {f}" for m, p, f in BODY_IDS])
def test_an_id_in_a_json_body_with_whitespace_around_it_is_refused(matrix_world, method, path, field):
    w = matrix_world
    assert (method, path) in EXAMPLES, f"give {method} {path} a valid example body here"
    who, url, example = EXAMPLES[(method, path)]
    # the examples' case type with key dates (idempotent)
    assert w.call("PUT", "/v1/case-types/termijnen", _auth(w, "dcmr"), DATED).status_code in (200, 201)
    for label, pad in PADDINGS.items():
        body, padded = _set(example, field, pad)
        assert padded, f"the example of {method} {path} lacks '{field}'"
        response = w.call(method, url, _auth(w, who), body)
        assert response.status_code == 400, (label, field, response.status_code, response.body[:300])
        assert response.json_body["invalid_params"], label
    # the example as it stands is accepted: the refusals above were the padding's
    assert w.call(method, url, _auth(w, who), example).status_code < 300
