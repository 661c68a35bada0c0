"""What a use case gets to work with: the ports, and the few settings the rules need."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.attempt_ports import Attempts
from chalicelib.citizen_ports import CitizenIndex, OidcProvider
from chalicelib.document_ports import Blobs, Documents
from chalicelib.ports import (
    Cases,
    CaseTypes,
    ConfigScope,
    Metrics,
    NotificationLedger,
    Organisations,
    Outbox,
    Queue,
    SecretBox,
    Senders,
    WebhookPoster,
    Webhooks,
    ZgwApis,
    ZgwStore,
)
from chalicelib.report_ports import Reports
from chalicelib.sender_ports import OrganisationSettings, SenderIdentities
from chalicelib.staff_ports import Staff
from chalicelib.test_mode_ports import SimulatedOutbox


@dataclass(frozen=True)
class ServiceSettings:
    public_url: str  # the base of tracking links and provider callbacks
    token_key: str  # HMAC key of tracking tokens, form tokens and address hashes
    identity_key: str  # HMAC key of initiators' BSN/KvK
    admin_token: str  # the operator's bearer token
    default_email_from: str
    default_sms_from: str
    daily_cap: int  # messages per recipient per organisation per Dutch day
    quiet_hours: str  # "22:00-08:00" or "off"
    is_local: bool  # the local run or tests: plain-http loopback ZGW servers, the dev outbox
    oidc_claim: str = "bsn"  # the ID token claim with the BSN (or, named *kvk*, the KvK number)
    operator_attempts: int = 10  # wrong operator tokens per client address per window, then 429


@dataclass(frozen=True)
class Deps:
    settings: ServiceSettings
    organisations: Organisations
    case_types: CaseTypes
    cases: Cases
    ledger: NotificationLedger
    zgw: ZgwStore
    queue: Queue  # the sender queue: notifications and retention sweeps (keys only)
    zgw_queue: Queue  # hub messages to resolve (keys only)
    secrets: SecretBox
    senders: Senders
    metrics: Metrics
    zgw_apis: ZgwApis
    outbox: Outbox
    webhooks: Webhooks  # webhooks and their deliveries
    webhook_poster: WebhookPoster  # POSTs through the outbound-URL guard
    documents: Documents  # a case's documents' metadata (items in its partition)
    blobs: Blobs  # documents' content (S3, encrypted)
    staff: Staff | None = None  # the console's staff, sign-in links and sessions
    simulated_outbox: SimulatedOutbox | None = None  # a test tenant's messages, never a provider's
    sender_identities: SenderIdentities | None = None  # SES's verified sending domains
    organisation_settings: OrganisationSettings | None = None  # replaces an organisation's settings
    reports: Reports | None = None  # management information's counters and open cases' due dates
    citizen_index: CitizenIndex | None = None  # a citizen's cases by address/identity hash, links, sessions
    oidc: OidcProvider | None = None  # DigiD/eHerkenning through OIDC, where configured
    attempts: Attempts | None = None  # failed sign-ins per client address (the operator's token)
    config_scope: ConfigScope | None = None  # configuration cached per container, its version read per request
