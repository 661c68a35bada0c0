"""E-mail through Amazon SES v2.

The client comes from a factory so it is created on first send, after moto's mocks (tests) or
the endpoint settings (local run) are in place.

SES error messages can quote addresses, so exceptions raised here carry only the error code and
HTTP status, and are raised outside the `except` block so the original is not chained.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any

from botocore.exceptions import (
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    HTTPClientError,
    ReadTimeoutError,
)
from botocore.exceptions import ConnectionError as BotocoreConnectionError

from chalicelib.adapters.ses_identities import sender_verified
from chalicelib.domain.channels import ChannelError, OutgoingMessage, PermanentError, RetryableError, UnconfirmedError
from chalicelib.domain.sender_identity import SENDER_NOT_VERIFIED

PERMANENT_CODES = frozenset(
    {
        "MessageRejected",
        "MailFromDomainNotVerifiedException",
        "NotFoundException",
        "BadRequestException",
        "AccountSuspendedException",
        # SES v1's name for a malformed address; moto's SES v2 answers with it too.
        "InvalidParameterValue",
    }
)
RETRYABLE_CODES = frozenset(
    {
        "TooManyRequestsException",
        "LimitExceededException",
        "Throttling",
        "ThrottlingException",
        "SendingPausedException",
        # Credentials/IAM are our configuration, not the message's fault: keep the message
        # retrying (towards the dead-letter queue, redrivable) instead of dropping it.
        "AccessDeniedException",
        "UnrecognizedClientException",
        "InvalidClientTokenId",
        "ExpiredTokenException",
        "SignatureDoesNotMatch",
    }
)


class SesEmailSender:
    """The e-mail channel's provider (port: `Sender`)."""

    def __init__(self, sesv2_client_factory: Callable[[], Any], configuration_set: str | None = None) -> None:
        self._factory = sesv2_client_factory
        self._client: Any = None
        # The configuration set whose event destination (SNS) brings back delivery receipts.
        self._extra = {"ConfigurationSetName": configuration_set} if configuration_set else {}

    def send(self, message: OutgoingMessage) -> str:
        error: ChannelError | None = None
        try:
            response = self._get_client().send_email(
                FromEmailAddress=message.sender,
                Destination={"ToAddresses": [message.to]},
                Content={"Raw": {"Data": mime(message)}},
                **self._extra,
            )
            return response["MessageId"]
        except ClientError as exc:
            error = map_ses_error(
                exc.response.get("Error", {}).get("Code"),
                exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode"),
            )
            if error.kind == "ses-MessageRejected" and sender_verified(self._get_client(), message.sender) is False:
                # The organisation's domain is not verified (yet): say so, not SES's generic word.
                error = PermanentError(SENDER_NOT_VERIFIED, error.detail)
        except ConnectTimeoutError as exc:
            error = RetryableError("timeout", type(exc).__name__)
        except ReadTimeoutError as exc:
            # SES may have taken the message (no idempotency key): never send it again blindly.
            error = UnconfirmedError("timeout", type(exc).__name__)
        except EndpointConnectionError as exc:
            error = RetryableError("connection", type(exc).__name__)
        except (BotocoreConnectionError, HTTPClientError) as exc:
            error = UnconfirmedError("connection", type(exc).__name__)
        raise error

    def _get_client(self) -> Any:
        if self._client is None:
            self._client = self._factory()
        return self._client


def map_ses_error(code: str | None, http_status: int | None) -> ChannelError:
    """Turn an SES error code and HTTP status into our error class and a PII-free kind."""
    safe_code = re.sub(r"[^A-Za-z0-9]", "", code or "")[:64] or "unknown"
    detail = f"http={http_status}"
    if safe_code in RETRYABLE_CODES:
        return RetryableError(f"ses-{safe_code}", detail)
    if safe_code in PERMANENT_CODES:
        return PermanentError(f"ses-{safe_code}", detail)
    if http_status is not None and http_status >= 500:
        return RetryableError("ses-5xx", detail)
    if http_status is not None and 400 <= http_status < 500:
        return PermanentError(f"ses-{safe_code}", detail)
    # Unknown code without a status: keep the message rather than drop it.
    return RetryableError(f"ses-{safe_code}", detail)


def mime(message: OutgoingMessage) -> bytes:
    """The message as MIME: text/plain, plus text/html as an alternative when there is one.

    Raw rather than SES's "Simple" content: the message is exactly what we built (both parts,
    our Date header), and the local outbox can read the plain-text part back from it.
    """
    mail = EmailMessage()
    mail["From"] = message.sender
    mail["To"] = message.to
    mail["Subject"] = message.subject or ""
    mail["Date"] = formatdate(usegmt=True)
    if message.reference:
        mail["X-Zaakstatus-Notification"] = message.reference
    if message.receipt:
        mail["X-Zaakstatus-Ref"] = message.receipt  # SES events quote it: finds the notification
    mail.set_content(message.body)
    if message.html:
        mail.add_alternative(message.html, subtype="html")
    # Headers on one line up to RFC 5322's 998: folded at 78, a long X-Zaakstatus-Ref (a party,
    # a long case id) would come back with whitespace, or as encoded words, and match nothing.
    return mail.as_bytes(policy=mail.policy.clone(max_line_length=998))
