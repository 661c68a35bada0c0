"""What the services answer: typed models, serialised as they are. `/openapi.json` takes its
answer schemas from these same models (`chalicelib/web/openapi.py`), so the description and the
answers cannot drift apart. Answers are exact (`extra="forbid"`): a new field is a change of the
description too."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from chalicelib.domain.case_answers import KeyDateDeclOut, KeyDateOut, ResultOut, StepOut, TextWarning
from chalicelib.domain.document_answers import TrackedDocument
from chalicelib.domain.models import CaseType
from chalicelib.domain.notice_answers import ActionOut, ConfidentialityOut, ContactOut


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    def json_body(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class Health(Answer):
    status: Literal["ok"]


class OrganisationCreated(Answer):
    id: str
    name: str
    client_id: str
    client_secret: str


class ClientIssued(Answer):
    organisation_id: str
    client_id: str
    client_secret: str
    mode: str = "live"  # "test": a test client (its events and cases are its own)


class StatusOut(Answer):
    code: str
    name: str
    notify: bool | list[str]
    final: bool
    public: bool
    text: dict[str, str]
    text_business: dict[str, str]
    text_fallback: dict[str, str]


class CaseTypeOut(Answer):
    code: str
    name: str
    public_name: dict[str, str]
    service_norm_days: int | None
    retention_days: int
    statuses: list[StatusOut]
    dates: list[KeyDateDeclOut]
    notify_documents: bool
    confidentiality: ConfidentialityOut
    contact: ContactOut | None  # its own; the organisation's counts where it has none

    @classmethod
    def of(cls, case_type: CaseType) -> CaseTypeOut:
        return cls.model_validate(case_type.model_dump(mode="json"))


class CaseTypeChecked(CaseTypeOut):
    """The answer to `PUT /v1/case-types/{code}`: the case type, and texts that may read with a gap."""

    warnings: list[TextWarning] = []


class CaseTypeSaved(Answer):
    case_type: CaseTypeChecked
    created: bool


class CaseTypeList(Answer):
    case_types: list[CaseTypeOut]


class NotificationRefOut(Answer):
    id: str
    channel: str
    state: str
    party_id: str = "initiator"


class EventAccepted(Answer):
    event_id: str
    case_id: str
    status: str
    current_status: str
    notification: NotificationRefOut | None  # the initiator's (v1)
    notifications: list[NotificationRefOut]  # one per party told
    tracking_url: str | None  # the initiator's link; None once the initiator was erased


class MaskedSubscriber(Answer):
    channel: str
    language: str
    phone: str | None
    email: str | None


class PreferenceChangeOut(MaskedSubscriber):
    at: str
    origin: str
    party_id: str
    removed: bool


class PartyOut(MaskedSubscriber):
    """A party of a case, contact data masked."""

    party_id: str
    role: str
    kind: str
    name: str | None
    tracking_url: str | None


class PartyList(Answer):
    parties: list[PartyOut]


class PartnerOut(Answer):
    organisation: str
    subcases: bool


class SubcaseOut(Answer):
    organisation_name: str
    case_type_name: str
    current_status: TrackedStatus
    closed: bool


class ParentOut(Answer):
    organisation_name: str
    case_type_name: str


class SharedCurrentStatus(Answer):
    code: str
    name: str


class SharedCaseOut(Answer):
    organisation: str
    case_id: str
    case_type: str | None
    role: str
    current_status: SharedCurrentStatus | None
    updated_at: str | None


class SharedCaseList(Answer):
    cases: list[SharedCaseOut]


class CurrentStatusOut(Answer):
    code: str
    name: str
    since: str


class HistoryEntryOut(Answer):
    status: str
    name: str
    occurred_at: str
    explanation: str | None


class NotificationOut(Answer):
    id: str
    status: str
    channel: str
    state: str
    attempts: int
    last_error: str | None
    updated_at: str
    last_error_class: str | None
    final: bool
    fallback: bool
    note: str | None
    party_id: str
    reminder: bool = False  # the reminder of an action this event asked, not the event's own message


class CaseView(Answer):
    id: str
    case_type: str | None
    description: str | None
    current_status: CurrentStatusOut | None  # None: parties registered before the first event
    closed: bool
    history: list[HistoryEntryOut]
    expected_end_date: str | None
    subscriber: MaskedSubscriber | None
    preference_changes: list[PreferenceChangeOut]
    notifications: list[NotificationOut]
    tracking_url: str | None  # the initiator's link
    parties: list[PartyOut]
    parent: CaseRefOut | None
    subcases: list[CaseRefOut]


class CaseRefOut(Answer):
    organisation: str
    case_id: str


class OrganisationName(Answer):
    name: str


class TrackedCase(Answer):
    id: str
    description: str | None
    case_type: str


class TrackedStatus(Answer):
    text: str
    since: str


class TrackedHistoryEntry(Answer):
    text: str
    at: str
    explanation: str | None


class TrackingView(Answer):
    language: str
    organisation: OrganisationName
    case: TrackedCase
    current_status: TrackedStatus
    history: list[TrackedHistoryEntry]
    expected_end_date: str | None
    closed: bool
    closed_on: str | None
    visible_until: str | None
    preferences: MaskedSubscriber
    reader: ReaderOut  # whom this link is for
    subcases: list[SubcaseOut]
    parent: ParentOut | None
    action: ActionOut | None = None  # what the citizen must do, by when: the first thing on the page
    contact: ContactOut | None = None  # how to reach the organisation (the case type's own, or its)
    steps: list[StepOut] = []  # the case type's public statuses: done, current, upcoming, skipped
    step: int = 0  # the current step's number (0 while no public status was reached)
    steps_total: int = 0
    dates: list[KeyDateOut] = []
    result: ResultOut | None = None  # the decision of a closed case
    untranslated: list[str] = []  # paths of the texts given in Dutch because `language` has none
    documents: list[TrackedDocument] = []  # the case file's documents this party may see


class ReaderOut(Answer):
    role: str
    kind: str
    name: str | None
    on_behalf_of: str | None  # a representative's principal, as the page names them


class OutboxMessage(Answer):
    channel: str
    to: str | None
    subject: str | None
    body: str | None
    at: str


class Outbox(Answer):
    messages: list[OutboxMessage]
