"""What the services answer: typed models, serialised as they are. `/openapi.json` takes its
answer schemas from these same models (`chalicelib/web/openapi.py`), so the description and the
answers cannot drift apart. Answers are exact (`extra="forbid"`): a new field is a change of the
description too."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from chalicelib.domain.models import CaseType


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


class StatusOut(Answer):
    code: str
    name: str
    notify: bool
    final: bool
    public: bool
    text: dict[str, str]


class CaseTypeOut(Answer):
    code: str
    name: str
    public_name: dict[str, str]
    service_norm_days: int | None
    retention_days: int
    statuses: list[StatusOut]

    @classmethod
    def of(cls, case_type: CaseType) -> CaseTypeOut:
        return cls.model_validate(case_type.model_dump(mode="json"))


class CaseTypeSaved(Answer):
    case_type: CaseTypeOut
    created: bool


class CaseTypeList(Answer):
    case_types: list[CaseTypeOut]


class NotificationRefOut(Answer):
    id: str
    channel: str
    state: str


class EventAccepted(Answer):
    event_id: str
    case_id: str
    status: str
    current_status: str
    notification: NotificationRefOut | None
    tracking_url: str


class MaskedSubscriber(Answer):
    channel: str
    language: str
    phone: str | None
    email: str | None


class PreferenceChangeOut(MaskedSubscriber):
    at: str
    origin: str


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


class CaseView(Answer):
    id: str
    case_type: str | None
    description: str | None
    current_status: CurrentStatusOut
    closed: bool
    history: list[HistoryEntryOut]
    expected_end_date: str | None
    subscriber: MaskedSubscriber | None
    preference_changes: list[PreferenceChangeOut]
    notifications: list[NotificationOut]
    tracking_url: str


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


class OutboxMessage(Answer):
    channel: str
    to: str | None
    subject: str | None
    body: str | None
    at: str


class Outbox(Answer):
    messages: list[OutboxMessage]


class ZgwConnectionOut(Answer):
    zaken_api: str
    catalogi_api: str
    client_id: str
    rsins: list[str]
    updated_at: str
    callback_url: str
    kanaal: str


class UpdatedCaseType(Answer):
    code: str
    changes: list[str]


class FailedZaaktype(Answer):
    zaaktype: str
    reason: str


class ImportCounts(Answer):
    created: int
    updated: int
    unchanged: int
    failed: int


class CatalogueImported(Answer):
    created: list[str]
    updated: list[UpdatedCaseType]
    unchanged: list[str]
    failed: list[FailedZaaktype]
    counts: ImportCounts
