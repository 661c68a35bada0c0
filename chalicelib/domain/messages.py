"""What the sender queue carries: keys only, never contact data or texts.

Most messages name a notification to send (`org`, `case`, `event`); a case that closed or
reopened asks for a retention sweep (`kind: retention`), kept off the ingest path so that
accepting an event stays one write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chalicelib.domain.documents import DOCUMENT_JOB, DocumentJob
from chalicelib.domain.webhook_jobs import KINDS as WEBHOOK_KINDS
from chalicelib.domain.webhook_jobs import WebhookJob, parse_webhook_job

RETENTION = "retention"
SLOT_SEPARATOR = "~"  # never in a party id: `<party>~<purpose>` is a further message to that party


@dataclass(frozen=True)
class NotificationRef:
    """Which notification: it lives on its event, one per party told, so organisation, case,
    event key and party id."""

    org_id: str
    case_id: str
    event_key: str
    party_id: str = "initiator"
    # The organisation's configuration version its event was accepted under: the sender may use
    # what it holds of that version or newer without reading the version again. Not identity.
    config_version: int | None = field(default=None, compare=False)

    def body(self) -> dict[str, Any]:
        keys: dict[str, Any] = {
            "org": self.org_id,
            "case": self.case_id,
            "event": self.event_key,
            "party": self.party_id,
        }
        return keys if self.config_version is None else {**keys, "v": self.config_version}

    @property
    def party(self) -> str:
        """The party the message is for. `party_id` is the notification's slot on its event: the
        party's id, or `<party>~<purpose>` for a later message about that event (a reminder)."""
        return self.party_id.partition(SLOT_SEPARATOR)[0]

    @property
    def purpose(self) -> str | None:
        return self.party_id.partition(SLOT_SEPARATOR)[2] or None


@dataclass(frozen=True)
class RetentionSweep:
    org_id: str
    case_id: str

    def body(self) -> dict[str, str]:
        return {"kind": RETENTION, "org": self.org_id, "case": self.case_id}


class PoisonMessage(Exception):
    """A body that is neither; it goes the redrive way to the dead-letter queue."""


def parse_job(body: Any) -> NotificationRef | RetentionSweep | WebhookJob | DocumentJob:
    if not isinstance(body, dict):
        raise PoisonMessage("not a JSON object")
    if body.get("kind") in WEBHOOK_KINDS:  # webhook fan-out and delivery (domain/webhook_jobs.py)
        try:
            return parse_webhook_job(body)
        except ValueError as exc:
            raise PoisonMessage(str(exc)) from None
    if body.get("kind") == DOCUMENT_JOB:  # a document's webhooks and messages (domain/documents.py)
        try:
            return DocumentJob.parse(body)
        except ValueError as exc:
            raise PoisonMessage(str(exc)) from None
    if body.get("kind") == RETENTION:
        if not all(isinstance(body.get(k), str) for k in ("org", "case")):
            raise PoisonMessage("retention job without org and case")
        return RetentionSweep(body["org"], body["case"])
    org_id, case_id, event_key = (body.get(k) for k in ("org", "case", "event"))
    if not (isinstance(org_id, str) and isinstance(case_id, str) and isinstance(event_key, str)):
        raise PoisonMessage("notification message without org, case and event")
    party_id = body.get("party", "initiator")  # messages from before parties name none: the initiator
    if not isinstance(party_id, str):
        raise PoisonMessage("notification message with a party that is not a string")
    version = body.get("v")  # absent from messages of earlier code and of other producers
    if not (isinstance(version, int) and not isinstance(version, bool) and version >= 0):
        version = None
    return NotificationRef(org_id, case_id, event_key, party_id, config_version=version)
