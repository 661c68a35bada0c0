"""Validation of the fake ZGW server's answers against the official OpenAPI descriptions.

`openapi-schema-validator` (python-openapi) validates OpenAPI 3.0 schemas (`nullable`,
`readOnly`, formats) on top of jsonschema; `referencing` resolves the descriptions' `$ref`s
inside the whole document. Answers are validated as a client reads them (OAS30ReadValidator:
readOnly fields are expected). A Rol is also validated against its discriminator's target
(e.g. `natuurlijk_persoon_Rol`), which plain JSON Schema does not follow.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from openapi_schema_validator import OAS30ReadValidator, oas30_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPECS = Path(__file__).resolve().parent / "specs"  # the official descriptions, see specs/README.md
APIS = {"/zaken/api/v1": "zaken-api", "/catalogi/api/v1": "catalogi-api"}
# (the consumer description is used by name: "notificaties-consumer")


@functools.cache
def document(name: str) -> dict[str, Any]:
    return yaml.load((SPECS / f"{name}.openapi.yaml").read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@functools.cache
def registry(name: str) -> Registry:
    return Registry().with_resource(f"urn:{name}", Resource.from_contents(document(name), default_specification=DRAFT4))


def _pointer(*parts: str) -> str:
    return "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def validator(name: str, pointer: str) -> OAS30ReadValidator:
    return OAS30ReadValidator(
        {"$ref": f"urn:{name}#/{pointer}"}, registry=registry(name), format_checker=oas30_format_checker
    )


def errors_of(name: str, pointer: str, body: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name, pointer).iter_errors(body)]


def check_answer(template: str, status: int, body: Any, headers: dict[str, str]) -> list[str]:
    """Problems of one answer of the fake to `GET <template>`; [] when it is as described."""
    prefix = next(p for p in APIS if template.startswith(p))
    name, path = APIS[prefix], template[len(prefix) :]
    operation = document(name)["paths"][path]["get"]
    responses = operation["responses"]
    code = str(status) if str(status) in responses else "default"
    if code not in responses:
        return [f"{template}: {status} is not a documented answer"]
    response = responses[code]
    problems = [
        f"{template}: header {h} missing"
        for h in response.get("headers", {})
        if h not in headers and h != "ETag" or (h == "ETag" and status == 200 and h not in headers)
    ]
    content = response.get("content", {})
    media = next(iter(content), None)
    if media is None:
        return problems
    pointer = _pointer("paths", path, "get", "responses", code, "content", media, "schema")
    problems += [f"{template} {status}: {e}" for e in errors_of(name, pointer, body)]
    if name == "zaken-api" and path.startswith("/rollen"):
        rollen = body.get("results", []) if path == "/rollen" else [body]
        for i, rol in enumerate(rollen):
            target = f"components/schemas/{rol.get('betrokkeneType')}_Rol"
            problems += [f"{template} rol {i}: {e}" for e in errors_of(name, target, rol)]
    return problems
