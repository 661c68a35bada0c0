"""Builds the adapters, lazily and once: the only module that knows which adapter is which.

Nothing is built at import time (Lambda cold starts, and moto's mocks must come first).
Tests replace the whole set with `use(...)` and go back with `reset()`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable

from chalicelib.channels import Channel
from chalicelib.config import Settings, settings
from chalicelib.ports import Queue, SecretBox, Store
from chalicelib.ratelimit import SlidingWindow


@dataclass
class Services:
    settings: Settings
    store: Store
    queue: Queue
    secrets: SecretBox
    channel_factories: dict[str, Callable[[], Channel]]
    _channels: dict[str, Channel] = field(default_factory=dict)
    zgw_queue: Queue | None = None  # hub notifications to resolve (keys only); see chalicelib/zgw
    limiter: SlidingWindow = field(default_factory=SlidingWindow)  # abuse limits, per container

    def channel(self, name: str) -> Channel:
        if name not in self._channels:
            self._channels[name] = self.channel_factories[name]()
        return self._channels[name]


@functools.cache
def aws_client(service: str) -> Any:
    import boto3

    return boto3.session.Session().client(service, region_name=settings().region)


def _queue_url() -> str:
    s = settings()
    return s.queue_url or aws_client("sqs").get_queue_url(QueueName=s.queue_name)["QueueUrl"]


def _zgw_queue_url() -> str:
    s = settings()
    return s.zgw_queue_url or aws_client("sqs").get_queue_url(QueueName=s.zgw_queue_name)["QueueUrl"]


def _sms_channel() -> Channel:
    from chalicelib.channels.sms import TwilioSmsChannel  # twilio is imported only to send SMS

    s = settings()
    return TwilioSmsChannel(s.twilio_account_sid, s.twilio_auth_token, base_url=s.twilio_base_url)


def _email_channel() -> Channel:
    from chalicelib.channels.email import SesEmailChannel

    return SesEmailChannel(lambda: aws_client("sesv2"), settings().ses_configuration_set)


# Adding a channel: one module in chalicelib/channels and one line here.
CHANNELS: dict[str, Callable[[], Channel]] = {"sms": _sms_channel, "email": _email_channel}


def _build() -> Services:
    from chalicelib.adapters.dynamodb_store import DynamoDBStore
    from chalicelib.adapters.queues import SqsQueue
    from chalicelib.adapters.secretbox import CachingBox, FernetBox, KmsBox

    s = settings()
    box: SecretBox = CachingBox(
        KmsBox(lambda: aws_client("kms"), s.kms_key_id) if s.kms_key_id else FernetBox(s.secret_key)
    )
    return Services(
        settings=s,
        store=DynamoDBStore(lambda: aws_client("dynamodb"), s.table_name),
        queue=SqsQueue(lambda: aws_client("sqs"), functools.cache(_queue_url)),
        secrets=box,
        channel_factories=dict(CHANNELS),
        zgw_queue=SqsQueue(lambda: aws_client("sqs"), functools.cache(_zgw_queue_url)),
    )


_current: Services | None = None


def services() -> Services:
    global _current
    if _current is None:
        _current = _build()
    return _current


def use(replacement: Services) -> None:
    global _current
    _current = replacement


def reset() -> None:
    global _current
    _current = None
    aws_client.cache_clear()
