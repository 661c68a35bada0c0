"""`chalice package` merged with infra/resources.yaml: a SAM template cfn-lint accepts, least privilege.

The package is built once per session (tests/deploy/conftest.py).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from chalicelib import config
from tests.deploy import sam

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT_OBJECTS = {"Fn::Sub": "${DocumentsBucket.Arn}/*"}
# Resources only a pattern can name: one object per document, and the table's stream, whose
# name is the moment it was enabled (what Lambda's ListStreams is allowed on).
DATA_PATTERNS = (DOCUMENT_OBJECTS, {"Fn::Sub": "${Table.Arn}/stream/*"})
BIN = Path(sys.executable).parent


def test_cfn_lint_finds_no_errors_in_the_packaged_template(packaged):
    result = subprocess.run(
        [str(BIN / "cfn-lint"), "--format", "parseable", str(packaged / "sam.yaml")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = [line for line in result.stdout.splitlines() if ":E" in line]
    assert errors == [] and result.returncode in (0, 4), result.stdout + result.stderr  # 4: warnings only


def test_no_policy_has_a_wildcard_action(template):
    documents = list(sam.policy_documents(template))
    documents += [(p.name, json.loads(p.read_text())) for p in (ROOT / ".chalice").glob("policy*.json")]
    assert len(documents) >= 4
    for name, document in documents:
        for statement in sam.statements(document):
            for action in sam.as_list(statement.get("Action", [])):
                assert "*" not in action, f"{name}: wildcard action {action}"
            assert "NotAction" not in statement, name


def test_every_function_has_its_own_role_with_named_resources(template):
    functions = sam.functions(template)
    roles = [f["Properties"]["Role"]["Fn::GetAtt"][0] for f in functions.values()]
    assert len(set(roles)) == len(functions) >= 2
    for name, function in functions.items():
        for action, resource in sam.allowed(template, function):
            for r in sam.as_list(resource):
                assert r != "*", f"{name}: {action} on every resource"
                if isinstance(r, dict) and "Fn::Sub" in r and "ses:" not in action and r not in DATA_PATTERNS:
                    # SES identities are organisations' senders, and the documents bucket's objects
                    # are case documents (data, not infrastructure): the resources named by pattern.
                    assert not str(r["Fn::Sub"]).endswith("*"), f"{name}: {action} on {r}"


def test_every_sqs_trigger_reports_batch_item_failures_and_its_role_may_consume_the_queue(template):
    triggers = 0
    for name, function in sam.functions(template).items():
        allowed = sam.allowed(template, function)
        for event in function["Properties"].get("Events", {}).values():
            if event["Type"] != "SQS":
                continue
            triggers += 1
            props = event["Properties"]
            assert props["FunctionResponseTypes"] == ["ReportBatchItemFailures"], name
            queue_ref = props["Queue"]["Fn::Sub"]
            assert queue_ref.startswith("${") and queue_ref.endswith(".Arn}"), f"{name}: queue not a reference"
            queue = queue_ref[2:-5]
            for needed in ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"):
                assert (needed, {"Fn::GetAtt": [queue, "Arn"]}) in allowed, f"{name} lacks {needed} on {queue}"
    assert triggers == len(_sqs_handlers()) >= 1


def test_the_ses_events_subscription_references_the_topic_ses_publishes_to(template):
    resources = template["Resources"]
    subscriptions = [
        e["Properties"]["Topic"]["Fn::Sub"]
        for f in sam.functions(template).values()
        for e in f["Properties"].get("Events", {}).values()
        if e["Type"] == "SNS"
    ]
    assert subscriptions == ["${SesEventsTopic}"]
    assert resources["SesEventsTopic"]["Properties"]["TopicName"] == "zaakstatus-ses-events"


def test_each_function_may_read_exactly_the_ssm_parameters_its_environment_names(template):
    for name, function in sam.functions(template).items():
        variables = function["Properties"]["Environment"]["Variables"]
        wanted = {v for k, v in variables.items() if k.endswith("_PARAM")}
        allowed = {
            r["Fn::Sub"].split(":parameter", 1)[1]
            for action, resource in sam.allowed(template, function)
            if action == "ssm:GetParameters"
            for r in sam.as_list(resource)
        }
        assert allowed == wanted, f"{name}: may read {sorted(allowed)}, reads {sorted(wanted)}"


def test_queues_match_the_local_runs_names_and_receive_limits(template):
    from local import resources as local

    queues = {
        r["Properties"]["QueueName"]: r["Properties"]
        for r in template["Resources"].values()
        if r["Type"] == "AWS::SQS::Queue"
    }
    assert queues["zaakstatus-notifications"]["RedrivePolicy"]["maxReceiveCount"] == local.MAX_RECEIVES
    assert queues["zaakstatus-zgw"]["RedrivePolicy"]["maxReceiveCount"] == local.ZGW_MAX_RECEIVES
    assert {"zaakstatus-notifications" + local.DLQ_SUFFIX, "zaakstatus-zgw" + local.DLQ_SUFFIX} <= set(queues)


def _sqs_handlers() -> list[str]:
    """Functions app.py decorates with `on_sqs_message`, read from the source (no import needed)."""
    tree = ast.parse((ROOT / "app.py").read_text())
    return [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        for d in node.decorator_list
        if isinstance(d, ast.Call) and getattr(d.func, "attr", "") == "on_sqs_message"
    ]


def test_every_queue_has_a_dead_letter_queue_and_an_alarm_on_its_depth(template):
    resources = template["Resources"]
    queues = {k: r for k, r in resources.items() if r["Type"] == "AWS::SQS::Queue"}
    dead_letter = {
        r["Properties"]["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
        for r in queues.values()
        if "RedrivePolicy" in r["Properties"]
    }
    assert dead_letter and set(queues) == dead_letter | {
        k for k, r in queues.items() if "RedrivePolicy" in r["Properties"]
    }
    alarmed = {
        r["Properties"]["Dimensions"][0]["Value"]["Fn::GetAtt"][0]
        for r in resources.values()
        if r["Type"] == "AWS::CloudWatch::Alarm"
        and r["Properties"].get("Namespace") == "AWS/SQS"
        and r["Properties"]["MetricName"] == "ApproximateNumberOfMessagesVisible"
    }
    assert dead_letter <= alarmed


def test_each_function_has_an_error_rate_alarm(template):
    alarmed = set()
    for r in template["Resources"].values():
        if r["Type"] == "AWS::CloudWatch::Alarm":
            for metric in r["Properties"].get("Metrics", []):
                if "MetricStat" in metric and metric["MetricStat"]["Metric"]["MetricName"] == "Errors":
                    alarmed.add(metric["MetricStat"]["Metric"]["Dimensions"][0]["Value"])
    names = {f["Properties"]["FunctionName"] for f in sam.functions(template).values()}
    assert names and names <= alarmed


def test_the_table_is_on_demand_with_ttl_point_in_time_recovery_and_encryption(template):
    table = template["Resources"]["Table"]["Properties"]
    assert table["BillingMode"] == "PAY_PER_REQUEST"
    assert table["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
    assert table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert table["SSESpecification"]["SSEEnabled"] is True


def test_ses_events_go_to_an_sns_topic(template):
    resources = template["Resources"]
    destination = next(r for r in resources.values() if r["Type"] == "AWS::SES::ConfigurationSetEventDestination")
    topic = destination["Properties"]["EventDestination"]["SnsDestination"]["TopicARN"]["Ref"]
    assert resources[topic]["Type"] == "AWS::SNS::Topic"


def test_no_secret_is_in_the_template_only_parameter_names(packaged, template):
    text = (packaged / "sam.yaml").read_text()
    for local_default in config.SECRETS.values():
        assert local_default not in text
    for function in sam.functions(template).values():
        variables = function["Properties"]["Environment"]["Variables"]
        for secret in config.SECRETS:
            assert secret not in variables, f"{secret} must come from SSM, not the environment"
        params = [v for k, v in variables.items() if k.endswith("_PARAM")]
        assert params and all(v.startswith("/zaakstatus/prod/") for v in params)


def test_the_documents_bucket_is_private_encrypted_tls_only_and_unversioned(template):
    resources = template["Resources"]
    bucket = resources["DocumentsBucket"]["Properties"]
    rule = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
    assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    assert all(bucket["PublicAccessBlockConfiguration"].values()) and len(bucket["PublicAccessBlockConfiguration"]) == 4
    assert "VersioningConfiguration" not in bucket  # a deleted document leaves no old version behind
    policy = next(r for r in resources.values() if r["Type"] == "AWS::S3::BucketPolicy")["Properties"]
    denied = {s["Sid"]: s["Condition"] for s in policy["PolicyDocument"]["Statement"] if s["Effect"] == "Deny"}
    assert denied["TlsOnly"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert denied["EncryptedWritesOnly"] == {"StringNotEquals": {"s3:x-amz-server-side-encryption": "AES256"}}


def test_document_content_is_reached_by_the_functions_that_need_it_with_only_the_calls_they_make(template):
    functions = sam.functions(template)
    on_objects = {
        name: sorted(action for action, resource in sam.allowed(template, f) if resource == DOCUMENT_OBJECTS)
        for name, f in functions.items()
    }
    assert {name: calls for name, calls in on_objects.items() if calls} == {
        "APIHandler": ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],  # upload, download link, delete
        "ResolveZgwNotifications": ["s3:DeleteObject"],  # a destroyed zaak's documents
        "RemoveDocumentContent": ["s3:DeleteObject"],  # a removed document's content
    }
    for name in on_objects:
        bucket = functions[name]["Properties"]["Environment"]["Variables"].get("ZAAKSTATUS_DOCUMENTS_BUCKET")
        assert bucket == ({"Ref": "DocumentsBucket"} if on_objects[name] else None), name


def test_removed_document_items_reach_the_cleanup_through_the_tables_stream(template):
    table = template["Resources"]["Table"]["Properties"]
    assert table["StreamSpecification"] == {"StreamViewType": "KEYS_ONLY"}
    function = sam.functions(template)["RemoveDocumentContent"]
    (source,) = function["Properties"]["Events"].values()
    assert source["Type"] == "DynamoDB" and source["Properties"]["Stream"] == {"Fn::GetAtt": ["Table", "StreamArn"]}
    (only,) = source["Properties"]["FilterCriteria"]["Filters"]
    assert json.loads(only["Pattern"]) == {
        "eventName": ["REMOVE"],
        "dynamodb": {"Keys": {"sk": {"S": [{"prefix": "DOC#"}]}}},
    }
    allowed = sam.allowed(template, function)
    for needed in ("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"):
        assert (needed, {"Fn::GetAtt": ["Table", "StreamArn"]}) in allowed


def test_the_api_passes_pdf_png_and_jpeg_bodies_as_binary(template):
    api = template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]
    assert {"application/pdf", "image/png", "image/jpeg"} <= set(api["x-amazon-apigateway-binary-media-types"])
    assert "application/json" not in api["x-amazon-apigateway-binary-media-types"]  # JSON stays text


def test_the_api_stage_throttles_every_method_at_the_documented_rate_and_burst(template):
    """API Gateway's stage throttling is the ceiling over all Lambda containers (the app's own
    limits count per container): 200 requests a second, bursts of 400, per method (README)."""
    (setting,) = template["Resources"]["RestAPI"]["Properties"]["MethodSettings"]
    assert setting == {
        "ResourcePath": "/*",
        "HttpMethod": "*",
        "ThrottlingRateLimit": {"Ref": "ApiThrottlingRateLimit"},
        "ThrottlingBurstLimit": {"Ref": "ApiThrottlingBurstLimit"},
    }
    parameters = template["Parameters"]
    assert (parameters["ApiThrottlingRateLimit"]["Default"], parameters["ApiThrottlingBurstLimit"]["Default"]) == (
        200,
        400,
    )
    assert template["Resources"]["RestAPI"]["Properties"]["StageName"] == "api"  # the stage it applies to
