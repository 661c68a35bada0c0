"""What Lambda runs: the deployment package holds app.py, all of chalicelib/ and every library they
import; each function's handler exists; each role allows the calls its code makes.

cli.py (the operator command, `./zaakstatus`), local/, bench/ and tests/ are never deployed.
"""

from __future__ import annotations

import ast
import sys
import zipfile
from pathlib import Path
from typing import Any

from tests.deploy import sam

ROOT = Path(__file__).resolve().parents[2]
DEPLOYED = [ROOT / "app.py", *sorted((ROOT / "chalicelib").rglob("*.py"))]

# What each function's code asks of SQS and KMS beyond its trigger (SQS triggers are checked in
# test_package.py). The sender and the receipts enqueue a fallback as a new message
# (`services.delivery.fall_back`); both queue handlers set a failed message's backoff
# (`web.sqs_batches`); ingest (API, ZGW worker, reconciliation) enqueues notifications.
CALLS: dict[str, list[tuple[str, str]]] = {
    "APIHandler": [
        ("sqs:SendMessage", "NotificationQueue"),  # ingest, a Twilio receipt's fallback
        ("sqs:SendMessage", "ZgwQueue"),  # the hub's webhook
        ("kms:Encrypt", "ClientSecretsKeyArn"),  # client secrets, ZGW connection secrets
        ("kms:Decrypt", "ClientSecretsKeyArn"),
    ],
    "SendNotifications": [
        ("sqs:SendMessage", "NotificationQueue"),  # a fallback to the other channel
        ("sqs:ChangeMessageVisibility", "NotificationQueue"),  # a deferred send's backoff
        ("sqs:GetQueueUrl", "NotificationDeadLetterQueue"),  # giving up
        ("sqs:SendMessage", "NotificationDeadLetterQueue"),
        ("kms:Decrypt", "ClientSecretsKeyArn"),  # a webhook's secret, to sign its deliveries
    ],
    "SesEvents": [
        ("sqs:SendMessage", "NotificationQueue"),  # a bounce's fallback to SMS
    ],
    "ResolveZgwNotifications": [
        ("sqs:SendMessage", "NotificationQueue"),
        ("sqs:ChangeMessageVisibility", "ZgwQueue"),  # the doubling redelivery delay
        ("kms:Decrypt", "ClientSecretsKeyArn"),  # the ZGW client's secret
    ],
    "ReconcileZgw": [
        ("sqs:SendMessage", "NotificationQueue"),
        ("kms:Decrypt", "ClientSecretsKeyArn"),
    ],
    "ReleaseQuietHours": [
        ("sqs:SendMessage", "NotificationQueue"),
    ],
    "RemoveDocumentContent": [],  # S3 and the table's stream only (test_package.py)
}


def _names(packaged: Path) -> set[str]:
    with zipfile.ZipFile(packaged / "deployment.zip") as deployment:
        return set(deployment.namelist())


def _imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def _resource_name(resource: Any) -> str | None:
    if isinstance(resource, dict) and "Fn::GetAtt" in resource:
        return str(resource["Fn::GetAtt"][0])
    if isinstance(resource, dict) and "Ref" in resource:
        return str(resource["Ref"])
    return None


def test_the_package_holds_app_py_and_every_chalicelib_file_and_not_the_operator_command(packaged):
    names = _names(packaged)
    ours = {"app.py"} | {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "chalicelib").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }

    assert ours - names == set(), "files Lambda needs are missing from deployment.zip"
    assert "chalicelib/web/pages/style.css" in names  # the tracking page's stylesheet, served by the API
    assert "cli.py" not in names
    assert not {n for n in names if n.split("/")[0] in ("local", "bench", "tests", "infra", "tools")}


def test_every_library_the_deployed_code_imports_is_in_the_package_or_the_standard_library(packaged):
    tops = {n.split("/")[0] for n in _names(packaged)}
    available = {t.removesuffix(".py") for t in tops} | {t.split(".")[0] for t in tops if t.endswith(".so")}
    wanted = set().union(*(_imported_packages(p) for p in DEPLOYED)) - {"__future__", "chalicelib"}

    missing = {m for m in wanted if m not in sys.stdlib_module_names and m not in available}

    assert missing == set(), f"imported by app.py or chalicelib/ but not deployed: {sorted(missing)}"
    assert "rich" not in wanted  # the operator command's library stays out of Lambda


def test_each_function_runs_a_handler_app_py_defines(template):
    tree = ast.parse((ROOT / "app.py").read_text())
    defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    defined |= {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
    functions = sam.functions(template)
    assert set(CALLS) == set(functions)
    for name, function in functions.items():
        module, _, handler = function["Properties"]["Handler"].partition(".")
        assert module == "app" and handler in defined, f"{name}: handler {module}.{handler}"


def test_each_role_allows_the_queue_and_key_calls_its_code_makes(template):
    functions = sam.functions(template)
    missing = {}
    for name, calls in CALLS.items():
        allowed = {
            (action, _resource_name(r))
            for action, resource in sam.allowed(template, functions[name])
            for r in sam.as_list(resource)
        }
        missing[name] = [call for call in calls if call not in allowed]

    assert {name: calls for name, calls in missing.items() if calls} == {}, "roles lack what their code calls"
