"""A message before citizens see it: what the preview of a status's message takes and answers.

The sample holds values by placeholder path (`case.description`, `status.explanation`,
`dates.<code>`, ...); what it leaves out is rendered as a real message renders a missing value:
the text_fallback, or the clause left out. The organisation's name and the tracking link are
always the real ones (a link of the real length, so the SMS count is the real count).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from chalicelib.domain.answers import Answer
from chalicelib.domain.channels import CHANNELS
from chalicelib.domain.citizen_action import ActionIn
from chalicelib.domain.dates import Day
from chalicelib.domain.ids import Exact
from chalicelib.domain.inbound import CASE_ID, CODE
from chalicelib.domain.inbound_facts import EventDates
from chalicelib.domain.parties import ROLES

LANGUAGES = ("nl", "en")  # the languages a citizen can choose for their messages
BUSINESS = "business"  # not a role but who reads: a business party reads the status's text_business
READERS = (*ROLES, BUSINESS)


class SampleIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


class CaseSample(SampleIn):
    id: Exact | None = Field(default=None, pattern=CASE_ID)
    description: str | None = Field(default=None, max_length=1000)
    expected_end_date: Day | None = None  # without it, as for a case: start + service norm


class StatusSample(SampleIn):
    explanation: str | None = Field(default=None, max_length=2000)


class ResultSample(SampleIn):
    text: str | None = Field(default=None, max_length=1000)


class Sample(SampleIn):
    """Values by placeholder path; `dates` by the case type's key date codes."""

    case: CaseSample = Field(default_factory=CaseSample)
    status: StatusSample = Field(default_factory=StatusSample)
    result: ResultSample = Field(default_factory=ResultSample)
    action: ActionIn | None = None  # the action the event asks: it is added to the message as it would be
    dates: EventDates = Field(default_factory=dict)


def _channel(name: str) -> str:
    if CHANNELS.get(name) is None:
        raise ValueError(f"choose one of {', '.join(CHANNELS.names())}")
    return name


class PreviewIn(SampleIn):
    status: Exact = Field(pattern=CODE)
    language: Literal[LANGUAGES]  # type: ignore[valid-type]
    channel: Annotated[str, Field(max_length=20), AfterValidator(_channel)]
    role: Literal[READERS] = "initiator"  # type: ignore[valid-type]
    sample: Sample = Field(default_factory=Sample)


class SmsCount(Answer):
    encoding: Literal["GSM-7", "UCS-2"]
    characters: int  # GSM-7 septets ('€' is two) or UCS-2 code units (an emoji is two)
    fragments: int  # GSM-7 160 in one, 153 each when split; UCS-2 70 / 67


class PreviewAnswer(Answer):
    subject: str | None  # the e-mail's subject; null for an SMS
    body: str  # the SMS as sent (within the organisation's fragment budget), or the e-mail's plain text
    sms: SmsCount | None  # for the SMS channel
    notifies: bool  # whether reaching this status sends a message to this reader at all
