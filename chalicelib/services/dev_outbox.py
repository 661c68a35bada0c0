"""`GET /dev/outbox`: every SMS and e-mail handed to a provider in the local run, oldest first."""

from __future__ import annotations

from chalicelib.domain.answers import Outbox, OutboxMessage
from chalicelib.domain.errors import NotFound
from chalicelib.services.deps import Deps


def messages(deps: Deps) -> Outbox:
    if not deps.settings.is_local:
        raise NotFound("There is nothing at this address.")
    return Outbox(messages=[OutboxMessage.model_validate(m) for m in deps.outbox.messages()])
