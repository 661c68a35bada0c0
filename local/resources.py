"""Creates the AWS resources the service needs, in moto (local run and tests).

Deployed stages get the same resources from the SAM template; keep the two in step.
"""

from __future__ import annotations

import json
from typing import Any

DLQ_SUFFIX = "-dlq"
# Above the sender's 10 attempts (chalicelib/domain/retry.py) plus a few lease waits: SQS's redrive is
# the net for messages that crash the handler, not the retry horizon (the sender dead-letters).
MAX_RECEIVES = 20


def create_table(dynamodb: Any, table_name: str) -> None:
    existing = dynamodb.list_tables()["TableNames"]
    if table_name in existing:
        return
    dynamodb.create_table(
        TableName=table_name,
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
        # Keys of changed items, as the template's table: a removed document's content goes too.
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
    )
    dynamodb.update_time_to_live(
        TableName=table_name,
        TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires_at"},
    )


def create_queue(sqs: Any, queue_name: str, *, visibility_timeout: int = 60, max_receives: int = MAX_RECEIVES) -> str:
    """Create a queue (notifications, or the ZGW inbox) and its dead-letter queue; return its URL."""
    dlq_url = sqs.create_queue(QueueName=queue_name + DLQ_SUFFIX)["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    redrive = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(max_receives)})
    return sqs.create_queue(
        QueueName=queue_name,
        Attributes={"VisibilityTimeout": str(visibility_timeout), "RedrivePolicy": redrive},
    )["QueueUrl"]


def create_bucket(s3: Any, bucket: str) -> None:
    """The documents' bucket, as the template declares it: private, encrypted by default (SSE-S3)."""
    region = s3.meta.region_name
    try:
        if region == "us-east-1":
            s3.create_bucket(Bucket=bucket)
        else:
            s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
    except (s3.exceptions.BucketAlreadyOwnedByYou, s3.exceptions.BucketAlreadyExists):
        return
    s3.put_public_access_block(
        Bucket=bucket,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    default = {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": [default]})


def verify_senders(sesv2: Any, identities: list[str]) -> None:
    """Verify sender identities (addresses or whole domains); SES refuses unverified senders."""
    for identity in identities:
        try:
            sesv2.create_email_identity(EmailIdentity=identity)
        except sesv2.exceptions.AlreadyExistsException:
            pass


# The ZGW inbox: a failed resolution comes back after a delay that doubles per receive (60 s,
# 120 s, ...: the worker sets it, `web/sqs_batches.py`; 120 s is only the fallback when it could
# not), 8 times (about four hours of ZGW API trouble), then waits in the dead-letter queue; the
# hourly reconciliation recovers the status from the Zaken API meanwhile.
ZGW_VISIBILITY_S = 120
ZGW_MAX_RECEIVES = 8


def create_zgw_queue(sqs: Any, queue_name: str) -> str:
    return create_queue(sqs, queue_name, visibility_timeout=ZGW_VISIBILITY_S, max_receives=ZGW_MAX_RECEIVES)
