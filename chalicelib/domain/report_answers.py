"""What the report routes answer (contract-v2 §6), exact models as in `domain/answers.py`;
`/openapi.json` describes them from here and the console renders them (keep the names)."""

from __future__ import annotations

from pydantic import Field

from chalicelib.domain.answers import Answer


class LeadTime(Answer):
    """Nearest-rank percentiles of the whole-day lead times of the cases closed in the period
    (null when none closed)."""

    p50: int | None
    p90: int | None


class CaseTypeReport(Answer):
    code: str
    name: str
    opened: int  # cases whose first event falls in the period
    closed: int  # closings in the period
    open_now: int  # open cases now, whatever the period
    open_by_status: dict[str, int]  # every non-final status of the case type, in its order, then any other
    lead_time_days: LeadTime
    service_norm_days: int | None
    closed_within_norm: int | None  # null when the case type has no service norm
    overdue_open: int  # open cases now past their expected end date


class ChannelReport(Answer):
    delivered: int  # the provider's receipt says it arrived
    failed: int  # permanent or technical failure (no fallback left)
    fallback: int  # failed on this channel and handed to the fallback channel
    capped: int  # not sent: the recipient's daily cap was reached
    held: int  # held for the quiet hours (sent in the morning)
    fragments: int  # SMS fragments of the messages sent (0 for e-mail)


class NotificationReport(Answer):
    sms: ChannelReport
    email: ChannelReport


class Report(Answer):
    from_: str = Field(serialization_alias="from")  # yyyy-mm-dd, Dutch days, both included
    to: str
    case_types: list[CaseTypeReport]
    notifications: NotificationReport

    def json_body(self) -> dict[str, object]:
        return self.model_dump(mode="json", by_alias=True)


class OverdueCase(Answer):
    case_id: str
    case_type: str
    current_status: str
    expected_end_date: str
    days_over: int


class Overdue(Answer):
    cases: list[OverdueCase]  # most overdue first
    total: int  # overdue open cases in all (the list may be cut at `limit`)
