"""Creates the AWS resources the service needs, in moto (local run and tests).

Deployed stages get the same resources from the SAM template; keep the two in step.
"""

from __future__ import annotations

from typing import Any

DLQ_SUFFIX = "-dlq"
MAX_RECEIVES = 5


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
    )
    dynamodb.update_time_to_live(
        TableName=table_name,
        TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires_at"},
    )


def create_queue(sqs: Any, queue_name: str) -> str:
    """Create the notification queue and its dead-letter queue; return the queue's URL."""
    dlq_url = sqs.create_queue(QueueName=queue_name + DLQ_SUFFIX)["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    redrive = '{"deadLetterTargetArn": "%s", "maxReceiveCount": "%d"}' % (dlq_arn, MAX_RECEIVES)
    return sqs.create_queue(
        QueueName=queue_name,
        Attributes={"VisibilityTimeout": "60", "RedrivePolicy": redrive},
    )["QueueUrl"]


def verify_senders(sesv2: Any, identities: list[str]) -> None:
    """Verify sender identities (addresses or whole domains); SES refuses unverified senders."""
    for identity in identities:
        try:
            sesv2.create_email_identity(EmailIdentity=identity)
        except sesv2.exceptions.AlreadyExistsException:
            pass
