"""An AWS dependency that is busy or out of reach is a 503 with Retry-After (the case system
retries; an event's retry is a replay), never a 500."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError, ReadTimeoutError

from chalicelib.web.http import handled


def _client_error(code: str, status: int) -> ClientError:
    return ClientError({"Error": {"Code": code}, "ResponseMetadata": {"HTTPStatusCode": status}}, "SendMessage")


@pytest.mark.parametrize(
    "error",
    [
        _client_error("RequestThrottled", 403),  # SQS, once botocore's retries are used up
        _client_error("KmsThrottled", 400),
        _client_error("InternalError", 500),
        _client_error("ProvisionedThroughputExceededException", 400),
        ReadTimeoutError(endpoint_url="https://sqs.eu-west-1.amazonaws.com"),
        EndpointConnectionError(endpoint_url="https://dynamodb.eu-west-1.amazonaws.com"),
    ],
    ids=lambda e: type(e).__name__ + ((getattr(e, "response", None) or {}).get("Error", {}).get("Code", "")),
)
def test_a_busy_or_unreachable_dependency_is_a_503_with_retry_after(error):
    def view():
        raise error

    response = handled(view)()

    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert json.loads(response.body)["title"] == "Service unavailable"


def test_a_refusal_of_ours_from_aws_stays_a_500():
    def view():
        raise _client_error("ValidationException", 400)

    assert handled(view)().status_code == 500
