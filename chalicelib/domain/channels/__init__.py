"""The channels a citizen can choose. Adding one: a module beside `sms` and `email` describing it
(`ChannelSpec`), an entry in `CHANNELS` below, and its provider's sender wired in
`chalicelib/bootstrap.py`."""

from chalicelib.domain.channels.base import (
    NO_MESSAGES,
    SILENT,
    WEBSITE_ONLY,
    ChannelError,
    ChannelRegistry,
    ChannelSpec,
    Draft,
    OutgoingMessage,
    PermanentError,
    RetryableError,
    UnconfirmedError,
)
from chalicelib.domain.channels.email import EMAIL
from chalicelib.domain.channels.sms import SMS

CHANNELS = ChannelRegistry(SMS, EMAIL)

__all__ = [
    "CHANNELS",
    "EMAIL",
    "NO_MESSAGES",
    "SILENT",
    "SMS",
    "WEBSITE_ONLY",
    "ChannelError",
    "ChannelRegistry",
    "ChannelSpec",
    "Draft",
    "OutgoingMessage",
    "PermanentError",
    "RetryableError",
    "UnconfirmedError",
]
