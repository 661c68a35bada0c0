"""Citizen self-service: the citizen changes how (and whether) they hear about their case.

The tracking token is the only credential. A change is stored as a `SubscriberChange` with
origin "citizen", next to the organisation's changes; the worker reads the newest one when it
sends, so a change governs the very next notification.

Rules (one place for the page form and for `PUT /v1/track/{token}/preferences`):
- `channel` is required; a contact field left empty keeps what is stored, so a citizen never
  has to see or retype their full number (the page shows it masked only).
- Only the contact detail the chosen channel needs is kept (data minimisation): choosing e-mail
  drops the stored phone number, choosing "website only" or "nothing" drops both.
"""

from __future__ import annotations

from typing import Any

from chalicelib.domain import clock
from chalicelib.domain.answers import MaskedSubscriber
from chalicelib.domain.channels import CHANNELS
from chalicelib.domain.contacts import ContactField
from chalicelib.domain.errors import FieldError, invalid_all
from chalicelib.domain.models import Subscriber, SubscriberChange
from chalicelib.domain.retention import expiry_of
from chalicelib.domain.sms_countries import NETWORK_RULE
from chalicelib.domain.views import masked
from chalicelib.services import citizen_index, phone_countries
from chalicelib.services.deps import Deps
from chalicelib.services.tracking import find

LANGUAGES = ("nl", "en")


def change(deps: Deps, token: str, fields: dict[str, Any]) -> MaskedSubscriber:
    """Validate and store the citizen's preference; returns it masked. NotFound for a bad token."""
    tracked = find(deps, token)
    party = tracked.party
    subscriber = validated(fields, party.subscriber if party else None)
    phone_countries.check_phones(deps, tracked.case.org_id, [("phone", subscriber.phone)])
    # On a closed case the change expires with the case's other items (chalicelib/domain/retention.py).
    expires_at = expiry_of(tracked.case, tracked.case_type)
    change = SubscriberChange(
        subscriber=subscriber, at=clock.now(), origin="citizen", expires_at=expires_at, party_id=tracked.party_id
    )
    deps.cases.add_subscriber_change(tracked.org.id, tracked.case.id, change)
    after = tracked.case.model_copy(update={"subscriber_changes": (*tracked.case.subscriber_changes, change)})
    citizen_index.follow(deps, tracked.case, after, expires_at)
    return masked(subscriber)


def validated(fields: dict[str, Any], current: Subscriber | None) -> Subscriber:
    """The preference a citizen asked for; InvalidFields whose fields carry codes (`phone.missing`)
    that the page words in the reader's language."""
    errors: list[FieldError] = []
    channel = (fields.get("channel") or "").strip()
    if channel not in CHANNELS.choices():
        errors.append(FieldError("channel", f"choose one of {', '.join(CHANNELS.choices())}", "channel.missing"))
    language = (fields.get("language") or "").strip() or (current.language if current else "nl")
    if language not in LANGUAGES and not (current and language == current.language):
        errors.append(FieldError("language", f"choose one of {', '.join(LANGUAGES)}", "language.invalid"))
    contact: dict[str, str | None] = {}
    spec = CHANNELS.get(channel)
    if spec is not None:
        stored = current.contact(spec.contact.name) if current else None
        contact[spec.contact.name] = _contact(channel, spec.contact, fields.get(spec.contact.name), stored, errors)
    if errors:
        raise invalid_all("The preferences have", errors)
    return Subscriber(channel=channel, language=language, **contact)


def _contact(channel: str, field: ContactField, raw: Any, stored: str | None, errors: list[FieldError]) -> str | None:
    name = field.name
    value = (raw or "").strip() if isinstance(raw, str) or raw is None else None
    if value is None:
        errors.append(FieldError(name, field.invalid, f"{name}.invalid"))
        return None
    if not value:
        if not stored:
            errors.append(FieldError(name, f"channel '{channel}' {field.needed}", f"{name}.missing"))
        return stored
    try:
        return field.normalise(value)
    except ValueError as exc:  # a satellite number is worded as a country the organisation does not send to
        code = phone_countries.CODE if str(exc) == NETWORK_RULE else f"{name}.invalid"
        errors.append(FieldError(name, field.invalid, code))
        return None
