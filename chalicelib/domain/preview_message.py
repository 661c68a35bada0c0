"""Render a preview: a case of one event made from the sample, then the same text and channel
composition a real message goes through (`message_text`, the channel's `compose`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from chalicelib.domain.channels import CHANNELS, Draft
from chalicelib.domain.channels.sms import encoded, fragments
from chalicelib.domain.errors import FieldError, invalid_all
from chalicelib.domain.key_dates import Result
from chalicelib.domain.message_text import message_text
from chalicelib.domain.messages import NotificationRef
from chalicelib.domain.models import Case, CaseType, Event, Organisation, Party, PartyInfo, Subscriber
from chalicelib.domain.parties import INITIATOR, ORGANISATION_ROLES
from chalicelib.domain.preview import BUSINESS, PreviewAnswer, PreviewIn, SmsCount

SAMPLE_CASE_ID = "2026-000123"  # a case always has an id: the sample's, else this one
PREVIEW = "preview"  # the sample event's key and the party id of a reader who is not the initiator
TrackingUrl = Callable[[str, str], str]  # (case id, party id) -> the party's tracking link


def reader(data: PreviewIn) -> Party:
    """Who reads the message: a business reads text_business, an organisation party the text."""
    role = INITIATOR if data.role == BUSINESS else data.role
    kind = BUSINESS if data.role == BUSINESS else "organisation" if role in ORGANISATION_ROLES else "person"
    return Party(
        party_id=INITIATOR if role == INITIATOR else PREVIEW,
        info=PartyInfo(role=role, kind=kind),
        subscriber=Subscriber(channel=data.channel, language=data.language),
    )


def sample_case(org_id: str, case_type: CaseType, data: PreviewIn, party: Party, now: dt.datetime) -> Case:
    """A case whose only event reaches the previewed status, with the sample's values."""
    s = data.sample
    event = Event(
        key=PREVIEW,
        event_id=None,
        case_type=case_type.code,
        description=s.case.description,
        expected_end_date=s.case.expected_end_date,
        status=data.status,
        order=case_type.order(data.status),
        occurred_at=now,
        explanation=s.status.explanation,
        subscriber=None,
        received_at=now,
        fingerprint=PREVIEW,
        current_status=data.status,
        parties=(party,),
        action=s.action.domain() if s.action else None,
        dates=dict(s.dates),
        result=Result(code=PREVIEW, text=s.result.text) if s.result.text else None,
    )
    return Case(org_id=org_id, id=s.case.id or SAMPLE_CASE_ID, events=(event,))


def check(case_type: CaseType, data: PreviewIn) -> None:
    """The status and the sample's dates must be the case type's."""
    problems = []
    if case_type.status(data.status) is None:
        problems.append(FieldError("status", f"case type '{case_type.code}' has no status '{data.status}'"))
    declared = {kd.code for kd in case_type.dates}
    problems += [
        FieldError(f"sample.dates.{code}", f"case type '{case_type.code}' has no key date '{code}'")
        for code in data.sample.dates
        if code not in declared
    ]
    if problems:
        raise invalid_all("The preview has", problems)


def render(
    org: Organisation, case_type: CaseType, data: PreviewIn, url_of: TrackingUrl, public_url: str, now: dt.datetime
) -> PreviewAnswer:
    """`url_of(case_id, party_id)`: the reader's tracking link, as the sender makes it."""
    check(case_type, data)
    spec = CHANNELS.get(data.channel)
    assert spec is not None  # PreviewIn takes registered channels only
    party = reader(data)
    case = sample_case(org.id, case_type, data, party, now)
    event = case.events[0]
    ref = NotificationRef(org.id, case.id, event.key, party.party_id)
    url = url_of(case.id, party.party_id)
    text = message_text(org, case_type, case, event, party, ref, url)
    draft = Draft(
        organisation=org,
        case_type=case_type,
        event=event,
        case_id=case.id,
        to="",
        text=text,
        language=data.language,
        tracking_url=url,
        public_url=public_url,
        party_id=party.party_id,
    )
    message = spec.compose(draft)
    status = case_type.status(data.status)
    sms = sms_count(message.body) if data.channel == "sms" else None
    notifies = status is not None and status.notifies(party.role)
    return PreviewAnswer(subject=message.subject, body=message.body, sms=sms, notifies=notifies)


def sms_count(body: str) -> SmsCount:
    encoding, characters = encoded(body)
    return SmsCount(
        encoding="GSM-7" if encoding == "GSM-7" else "UCS-2", characters=characters, fragments=fragments(body)
    )
