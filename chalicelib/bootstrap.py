"""The composition root: which adapter implements which port, built lazily and once.

Imported only by the entry points (`app.py`, `cli.py`), the local run (`local/`), the benchmark
(`bench/`) and tests. Nothing is built at import time (Lambda cold starts, and moto's mocks must
come first). Tests replace the whole set with `use(...)` and go back with `reset()`.

The adapters are imported where they are built, so `import app` loads none of them, nor boto3,
requests, cryptography or twilio: a cold start pays for them on its first request, and
`bench/imports.py` measures both.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from chalicelib import config
from chalicelib.attempt_ports import Attempts
from chalicelib.citizen_ports import CitizenIndex, OidcProvider
from chalicelib.document_ports import Blobs
from chalicelib.ports import Metrics, Outbox, Queue, SecretBox, Sender, Senders, WebhookPoster, ZgwApis
from chalicelib.report_ports import Reports
from chalicelib.sender_ports import OrganisationSettings, SenderIdentities
from chalicelib.services.deps import Deps, ServiceSettings
from chalicelib.staff_ports import Staff
from chalicelib.test_mode_ports import SimulatedOutbox
from chalicelib.web.ratelimit import Limits

if TYPE_CHECKING:
    from chalicelib.adapters.config_cache import ConfigVersions
    from chalicelib.adapters.table import Table


@functools.cache
def aws_client(service: str) -> Any:
    import boto3  # on first use: `import app` stays light

    return boto3.session.Session().client(service, region_name=config.settings().region)


def _queue_url(name: str, url: str | None) -> Callable[[], str]:
    return functools.cache(lambda: url or aws_client("sqs").get_queue_url(QueueName=name)["QueueUrl"])


def _twilio_sms() -> Sender:
    from chalicelib.adapters.twilio_sms import TwilioSmsSender  # twilio is imported only to send SMS

    s = config.settings()
    return TwilioSmsSender(s.twilio_account_sid, s.twilio_auth_token, base_url=s.twilio_base_url)


def _ses_email() -> Sender:
    from chalicelib.adapters.ses_email import SesEmailSender

    return SesEmailSender(lambda: aws_client("sesv2"), config.settings().ses_configuration_set)


# Each channel's provider (the channels themselves are described in chalicelib/domain/channels).
SENDERS: dict[str, Callable[[], Sender]] = {"sms": _twilio_sms, "email": _ses_email}


def service_settings(s: config.Settings) -> ServiceSettings:
    return ServiceSettings(
        public_url=s.public_url,
        token_key=s.token_key,
        identity_key=s.identity_key,
        admin_token=s.admin_token,
        default_email_from=s.email_from,
        default_sms_from=s.sms_from,
        daily_cap=s.daily_cap,
        quiet_hours=s.quiet_hours,
        is_local=s.is_local,
        oidc_claim=s.oidc_claim,
        operator_attempts=s.operator_attempts,
    )


def build(
    table: Table,
    senders: Senders,
    secrets: SecretBox,
    *,
    queue: Queue | None = None,
    zgw_queue: Queue | None = None,
    metrics: Metrics | None = None,
    zgw_apis: ZgwApis | None = None,
    outbox: Outbox | None = None,
    webhook_poster: WebhookPoster | None = None,
    blobs: Blobs | None = None,
    sender_identities: SenderIdentities | None = None,
) -> Deps:
    """The dependencies on one item table; the queues, metrics and ZGW client as configured unless
    given (tests give in-memory ones). Nothing here opens a connection: clients come on first use."""
    from chalicelib.adapters.case_store import CaseStore
    from chalicelib.adapters.config_cache import (
        CachedCaseTypeStore,
        CachedOrganisationStore,
        CachedWebhookStore,
        ConfigVersions,
    )
    from chalicelib.adapters.document_store import DocumentStore
    from chalicelib.adapters.emf_metrics import EmfMetrics
    from chalicelib.adapters.ledger_store import LedgerStore
    from chalicelib.adapters.local_outbox import LocalOutbox
    from chalicelib.adapters.sqs_queue import SqsQueue
    from chalicelib.adapters.zgw_store import ZgwItemStore

    s = config.settings()
    versions = ConfigVersions(table)
    return Deps(
        settings=service_settings(s),
        organisations=CachedOrganisationStore(table, versions),
        case_types=CachedCaseTypeStore(table, versions),
        cases=CaseStore(table),
        ledger=LedgerStore(table),
        zgw=ZgwItemStore(table),
        queue=queue or SqsQueue(_sqs, _queue_url(s.queue_name, s.queue_url)),
        zgw_queue=zgw_queue or SqsQueue(_sqs, _queue_url(s.zgw_queue_name, s.zgw_queue_url)),
        secrets=secrets,
        senders=senders,
        metrics=metrics or EmfMetrics(),
        zgw_apis=zgw_apis or _zgw_apis(s.zgw_retry_backoff, s.is_local),
        outbox=outbox or LocalOutbox(s.twilio_standin_url, s.moto_url),
        webhooks=CachedWebhookStore(table, versions),
        webhook_poster=webhook_poster or _webhook_poster(s.is_local),
        documents=DocumentStore(table),
        blobs=blobs or _s3_blobs(s.documents_bucket),
        staff=_staff_store(table),
        simulated_outbox=_simulated_outbox(table),
        sender_identities=sender_identities or _ses_identities(s.is_local),
        organisation_settings=_organisation_settings(table, versions),
        reports=_report_store(table),
        citizen_index=_citizen_index(table),
        oidc=_oidc(s),
        attempts=_attempt_store(table),
        config_scope=versions,
    )


def _report_store(table: Table) -> Reports:
    from chalicelib.adapters.report_store import ReportStore

    return ReportStore(table)


def _ses_identities(verify_locally: bool) -> SenderIdentities:
    # Only the local run and the tests (moto) verify a new sending domain at once; a deployed
    # stage waits for SES to find the DNS records the organisation publishes.
    from chalicelib.adapters.ses_identities import SesIdentities

    return SesIdentities(lambda: aws_client("sesv2"), lambda: aws_client("ses"), verify_locally=verify_locally)


def _organisation_settings(table: Table, versions: ConfigVersions) -> OrganisationSettings:
    from chalicelib.adapters.config_cache import CachedOrganisationSettingsStore

    return CachedOrganisationSettingsStore(table, versions)


def _oidc(s: config.Settings) -> OidcProvider | None:
    """The OIDC client where issuer, client id and secret are all set; otherwise DigiD is off."""
    if not (s.oidc_issuer and s.oidc_client_id and s.oidc_client_secret):
        return None
    from chalicelib.adapters.oidc_client import OidcClient

    return OidcClient(s.oidc_issuer, s.oidc_client_id, s.oidc_client_secret, allow_loopback_http=s.is_local)


def _citizen_index(table: Table) -> CitizenIndex:
    from chalicelib.adapters.citizen_index_store import CitizenIndexStore

    return CitizenIndexStore(table)


def _attempt_store(table: Table) -> Attempts:
    from chalicelib.adapters.attempt_store import AttemptStore

    return AttemptStore(table)


def _staff_store(table: Table) -> Staff:
    from chalicelib.adapters.staff_store import StaffStore

    return StaffStore(table)


def _simulated_outbox(table: Table) -> SimulatedOutbox:
    from chalicelib.adapters.simulated_outbox_store import SimulatedOutboxStore

    return SimulatedOutboxStore(table)


def _sqs() -> Any:
    return aws_client("sqs")


@functools.cache
def s3_client() -> Any:
    """S3 with SigV4: pre-signed URLs carry X-Amz-Expires; on AWS they name the bucket at its
    region's endpoint, in the local run moto's own address (path style)."""
    import boto3
    from botocore.config import Config

    s = config.settings()
    style = "path" if s.moto_url else "virtual"
    signing = Config(signature_version="s3v4", s3={"addressing_style": style})
    return boto3.session.Session().client("s3", region_name=s.region, config=signing)


def _s3_blobs(bucket: str) -> Blobs:
    from chalicelib.adapters.s3_blobs import S3Blobs

    return S3Blobs(s3_client, bucket)


def _webhook_poster(allow_loopback: bool) -> WebhookPoster:
    # urllib3 is imported by the adapter on its first request, not here.
    from chalicelib.adapters.outbound_http import GuardedHttp

    return GuardedHttp(allow_loopback=allow_loopback, user_agent="zaakstatus-webhooks/1")


def _zgw_apis(backoff: float, allow_loopback: bool) -> ZgwApis:
    # Through the outbound-URL guard, as the webhooks: loopback only in the local run and tests.
    from chalicelib.adapters.zgw_http import ZgwHttpApis

    return ZgwHttpApis(backoff=backoff, allow_loopback=allow_loopback)


def _build() -> Deps:
    from chalicelib.adapters.dynamodb_table import DynamoDBTable
    from chalicelib.adapters.secretbox import CachingBox, FernetBox, KmsBox
    from chalicelib.adapters.senders import LazySenders

    s = config.settings()
    box = KmsBox(lambda: aws_client("kms"), s.kms_key_id) if s.kms_key_id else FernetBox(s.secret_key)
    table = DynamoDBTable(lambda: aws_client("dynamodb"), s.table_name)
    return build(table, LazySenders(SENDERS), CachingBox(box))


_current: Deps | None = None
_limits: Limits | None = None


def deps() -> Deps:
    global _current
    if _current is None:
        _current = _build()
    return _current


def settings() -> config.Settings:
    return config.settings()


def limits() -> Limits:
    """The abuse limits' counters: per warm container, kept across requests."""
    global _limits
    if _limits is None:
        s = config.settings()
        _limits = Limits(ingest_per_minute=s.ingest_per_minute, tracking_per_minute=s.tracking_per_minute)
    return _limits


def is_local() -> bool:
    return config.settings().is_local


def use(replacement: Deps) -> None:
    global _current
    _current = replacement


def reset() -> None:
    global _current, _limits
    _current = None
    _limits = None
    aws_client.cache_clear()
    s3_client.cache_clear()
