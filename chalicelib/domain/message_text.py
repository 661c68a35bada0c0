"""The text of one message, written once for the sender and for the preview: the status's text
in the reader's language with its placeholders filled (or its clause left out), the news of a
moved date, the action the event asks, or only that there is news for a confidential case."""

from __future__ import annotations

from chalicelib.domain import schedule
from chalicelib.domain.actions import with_action
from chalicelib.domain.confidentiality import details_hidden, neutral_message
from chalicelib.domain.messages import NotificationRef
from chalicelib.domain.models import Case, CaseType, Event, Organisation, Party
from chalicelib.domain.rendering import placeholder_values
from chalicelib.domain.sentences import status_text


def message_text(
    org: Organisation,
    case_type: CaseType,
    case: Case,
    event: Event,
    party: Party,
    ref: NotificationRef,
    url: str,
    status_current: bool = True,
) -> str:
    language = party.subscriber.language
    status = case_type.status(event.status)
    values = placeholder_values(org, case, event, url, language, case_type)
    # A status no longer the newest is left out: the message is then about the action it asked.
    text = status_text(status, event.status, party.kind, language, values) if status and status_current else ""
    if news := schedule.date_news(case, case_type, event, language):  # a moved date tells, whatever the status
        text = f"{text} {news}" if text else news
    text = with_action(text, case, case_type, ref, language)  # the action it asks, or its reminder
    if details_hidden(case.confidentiality, case_type.confidentiality):
        text = neutral_message(org.name, url, language)  # a confidential case: only that there is news
    return text
