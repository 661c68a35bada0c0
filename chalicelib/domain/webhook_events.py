"""A webhook's request: the CloudEvent (structured JSON, `application/cloudevents+json`) and its
Standard Webhooks signature headers. Pure: the same facts make the same body.

The body names the case and its status, never a party: no phone number, e-mail address, BSN,
name or subscriber of any kind is read here (tests/functional/test_webhooks.py scans for them).

The CloudEvents SDK validates the attributes (required ones present, `time` aware, ...) and writes
the structured JSON format; `standardwebhooks` signs as its spec says (HMAC-SHA256 under the
base64-decoded `whsec_` secret, over `{id}.{timestamp}.{body}`). Both are imported on first use,
so `import app` does not pay for them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from chalicelib.domain import dates
from chalicelib.domain.models import Case, CaseType, Event
from chalicelib.domain.webhooks import TYPE_PREFIX

CONTENT_TYPE = "application/cloudevents+json"


def _iso(moment: dt.datetime) -> str:
    return dates.utc(moment).isoformat().replace("+00:00", "Z")


def event_data(owner_org: str, case: Case, event: Event, case_type: CaseType) -> dict[str, Any]:
    """The CloudEvent's `data` (contract-v2 §3): the case and its status, nothing about parties."""
    status = case_type.status(event.status)
    return {
        "organisation": owner_org,
        "case_id": case.id,
        "case_type": case_type.code,
        "status": {
            "code": event.status,
            "name": status.name if status else event.status,
            "public": status.public if status else False,
        },
        "occurred_at": _iso(event.occurred_at),
        "explanation": event.explanation,
        "current_status": event.current_status,
        "closed": case_type.is_final(event.current_status),
    }


def cloud_event_body(
    event_id: str, public_url: str, event_type: str, owner_org: str, case: Case, event: Event, case_type: CaseType
) -> str:
    """The structured-mode CloudEvent as the request body (JSON, ASCII)."""
    from cloudevents.core.bindings.http import to_structured
    from cloudevents.core.formats.json import JSONFormat
    from cloudevents.core.v1.event import CloudEvent

    attributes: dict[str, Any] = {
        "specversion": "1.0",
        "id": event_id,
        "source": f"{public_url}/v1/organisations/{owner_org}",
        "type": TYPE_PREFIX + event_type,
        "subject": case.id,
        "time": dates.utc(event.occurred_at),
        "datacontenttype": "application/json",
    }
    message = to_structured(CloudEvent(attributes, event_data(owner_org, case, event, case_type)), JSONFormat())
    return message.body.decode("utf-8")


def signed_headers(secret: str, message_id: str, body: str, at: dt.datetime) -> dict[str, str]:
    """`Content-Type` and the Standard Webhooks headers for one try of a delivery."""
    from standardwebhooks import Webhook

    moment = at.astimezone(dt.UTC)
    return {
        "Content-Type": CONTENT_TYPE,
        "webhook-id": message_id,
        "webhook-timestamp": str(int(moment.timestamp())),
        "webhook-signature": Webhook(secret).sign(message_id, moment, body),
    }
