"""Reading the packaged SAM template: CloudFormation's short tags, functions, roles and what they allow."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml


class Intrinsics(yaml.SafeLoader):
    """Reads `!Ref x` / `!GetAtt a.b` / `!Sub ...` as {"Ref": x} etc., like CloudFormation."""


def _intrinsic(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    name = "Ref" if suffix == "Ref" else f"Fn::{suffix}"
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


Intrinsics.add_multi_constructor("!", _intrinsic)


def functions(template: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k: r for k, r in template["Resources"].items() if r["Type"] == "AWS::Serverless::Function"}


def policy_documents(template: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, resource in template["Resources"].items():
        props = resource.get("Properties", {})
        for policy in props.get("Policies", []) if resource["Type"] == "AWS::IAM::Role" else []:
            yield name, policy["PolicyDocument"]
        if "PolicyDocument" in props:
            yield name, props["PolicyDocument"]


def statements(document: dict[str, Any]) -> list[dict[str, Any]]:
    found = document["Statement"]
    return found if isinstance(found, list) else [found]


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def role_of(template: dict[str, Any], function: dict[str, Any]) -> dict[str, Any]:
    return template["Resources"][function["Properties"]["Role"]["Fn::GetAtt"][0]]


def allowed(template: dict[str, Any], function: dict[str, Any]) -> list[tuple[str, Any]]:
    """(action, resource) pairs of the function's own role."""
    doc = role_of(template, function)["Properties"]["Policies"][0]["PolicyDocument"]
    return [(a, s["Resource"]) for s in statements(doc) for a in as_list(s["Action"])]
