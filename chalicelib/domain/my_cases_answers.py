"""What `/v1/me/…` answers: a citizen's cases across organisations."""

from __future__ import annotations

from chalicelib.domain.answers import Answer


class MyStatusOut(Answer):
    text: str
    since: str  # ISO 8601


class MyCaseOut(Answer):
    organisation_name: str
    case_type_name: str
    case_id: str
    current_status: MyStatusOut
    closed: bool
    expected_end_date: str | None
    tracking_url: str


class MyCasesOut(Answer):
    cases: list[MyCaseOut]  # open cases first, then closed ones still within retention


class SignInAccepted(Answer):
    message: str  # the same words whether or not the address is known


class ChangedForAll(Answer):
    changed: int  # the number of cases whose preference changed
