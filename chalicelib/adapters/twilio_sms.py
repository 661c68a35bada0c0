"""SMS through Twilio, with the real `twilio` client.

twilio is imported lazily (on first send), so a Lambda that only wires the channel up, or only
sends e-mail, never pays the package's import time.

Nothing PII-like (number, body, Twilio's error message, which quotes the number) ever goes into an
exception raised from here; errors are raised outside the `except` block so the provider's
exception is not even chained as `__context__` for a logger to print.
"""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from chalicelib.domain.channels import ChannelError, OutgoingMessage, PermanentError, RetryableError, UnconfirmedError

# Twilio error codes that say "this number/sender will never work": bad 'To', not a mobile,
# recipient unsubscribed (STOP), not SMS-capable, region not enabled, unverified sender.
PERMANENT_CODES = frozenset({21211, 21614, 21610, 21612, 21408, 21606, 21660})
AUTH_CODES = frozenset({20003})
TOO_MANY_REQUESTS_CODE = 20429


class TwilioSmsSender:
    """The SMS channel's provider (port: `Sender`)."""

    def __init__(self, account_sid: str, auth_token: str, base_url: str | None = None, timeout: float = 10.0) -> None:
        self._account_sid = account_sid
        self._auth_token = auth_token
        self._base_url = base_url
        self._timeout = timeout
        self._client: Any = None
        self._lock = threading.Lock()

    def send(self, message: OutgoingMessage) -> str:
        from twilio.base.exceptions import TwilioRestException, TwilioServiceException

        kwargs: dict[str, Any] = {"to": message.to, "from_": message.sender, "body": message.body}
        if message.receipt:
            kwargs["status_callback"] = message.receipt
        error: ChannelError | None = None
        try:
            return self._get_client().messages.create(**kwargs).sid
        except (TwilioRestException, TwilioServiceException) as exc:
            error = map_twilio_error(exc.status, exc.code)
        except Exception as exc:  # noqa: BLE001 - only transport errors are mapped, see below
            error = _map_transport_error(exc)
            if error is None:
                raise
        raise error

    def _get_client(self) -> Any:
        # Lock: the local worker may send from several threads; build one client, one pool.
        with self._lock:
            if self._client is None:
                from twilio.rest import Client

                self._client = Client(
                    self._account_sid,
                    self._auth_token,
                    http_client=_make_http_client(self._base_url, self._timeout),
                )
            return self._client


def map_twilio_error(status: int | None, code: Any) -> ChannelError:
    """Turn Twilio's HTTP status and error code into our error class and a PII-free kind."""
    status = _as_int(status)
    code = _as_int(code)
    detail = f"status={status} code={code}"
    if status == 429 or code == TOO_MANY_REQUESTS_CODE:
        return RetryableError("twilio-429", detail)
    # Retryable although it is a 4xx: a bad or rotated token is our configuration, not the
    # message. Marking the messages permanent would silently drop every SMS until someone
    # notices; retrying (and ending in the dead-letter queue) keeps them for a redrive.
    if status == 401 or code in AUTH_CODES:
        return RetryableError("twilio-auth", detail)
    if status is not None and status >= 500:
        return RetryableError("twilio-5xx", detail)
    if code in PERMANENT_CODES:
        return PermanentError(f"twilio-{code}", detail)
    if status is not None and 400 <= status < 500:
        return PermanentError(f"twilio-{code}" if code else "twilio-4xx", detail)
    # No usable status (should not happen): do not throw the message away.
    return RetryableError("twilio-unknown", detail)


def _map_transport_error(exc: Exception) -> ChannelError | None:
    import requests

    # ConnectTimeout first: it is both a Timeout and a ConnectionError. Only failures to
    # connect are safe to retry; once the request may have been sent, Twilio may send the SMS
    # (it has no idempotency key), so a read timeout or a connection cut is "unconfirmed".
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return RetryableError("timeout", type(exc).__name__)
    if isinstance(exc, requests.exceptions.Timeout):
        return UnconfirmedError("timeout", type(exc).__name__)
    if isinstance(exc, requests.exceptions.ConnectionError):
        if _never_connected(exc):
            return RetryableError("connection", type(exc).__name__)
        return UnconfirmedError("connection", type(exc).__name__)
    if isinstance(exc, requests.exceptions.RequestException):
        return RetryableError("http", type(exc).__name__)
    return None


def _never_connected(exc: Exception) -> bool:
    from urllib3.exceptions import NameResolutionError, NewConnectionError

    reason = getattr(exc.args[0], "reason", exc.args[0]) if exc.args else None
    return isinstance(reason, (NewConnectionError, NameResolutionError))


def _as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _make_http_client(base_url: str | None, timeout: float) -> Any:
    from twilio.http.http_client import TwilioHttpClient

    if not base_url:
        return TwilioHttpClient(timeout=timeout)

    target = urlsplit(base_url)

    # Twilio's edge/region settings only change the *.twilio.com host name; pointing the client
    # at the loopback stand-in needs scheme and host rewritten on every request.
    class RebasingHttpClient(TwilioHttpClient):
        def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
            parts = urlsplit(url)
            rebased = urlunsplit((target.scheme, target.netloc, target.path.rstrip("/") + parts.path, parts.query, ""))
            return super().request(method, rebased, *args, **kwargs)

    return RebasingHttpClient(timeout=timeout)
