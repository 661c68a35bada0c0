"""Settings, read from the environment once and typed.

Every setting has a local-run default so `make run` works with nothing set; deployed stages set
them in `.chalice/config.json` (names of resources) and SSM/Secrets Manager (secrets).
"""

from __future__ import annotations

import base64
import functools
import logging
import os
from dataclasses import dataclass

from chalicelib.adapters.parameters import read_parameters

LOCAL_ADMIN_TOKEN = "local-admin-token-change-me"
# A fixed key for the local run only: deployed stages must set ZAAKSTATUS_SECRET_KEY or use KMS.
LOCAL_SECRET_KEY = "bG9jYWwtb25seS1rZXktZG8tbm90LXVzZS1pbi1wcm9kIQ="
LOCAL_TOKEN_KEY = "local-only-tracking-token-key"

# Secret settings and their local-run defaults. A deployed stage puts no secret in its environment
# (nor in the template): `<NAME>_PARAM` names an SSM SecureString parameter instead, read once,
# lazily, when the settings are first read. Outside local/test a secret given neither way gets
# a random value, so a missing parameter fails closed instead of falling back to a known default.
SECRETS: dict[str, str] = {
    "ZAAKSTATUS_ADMIN_TOKEN": LOCAL_ADMIN_TOKEN,
    "ZAAKSTATUS_SECRET_KEY": LOCAL_SECRET_KEY,
    "ZAAKSTATUS_TOKEN_KEY": LOCAL_TOKEN_KEY,
    "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
    "TWILIO_AUTH_TOKEN": "local-twilio-auth-token",
    "ZAAKSTATUS_IDENTITY_KEY": "local-only-identity-key",
}
LOCAL_STAGES = ("local", "test")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    stage: str
    region: str
    table_name: str
    queue_url: str | None
    queue_name: str
    public_url: str
    admin_token: str
    secret_key: str
    kms_key_id: str | None
    token_key: str
    email_from: str
    sms_from: str
    twilio_account_sid: str
    twilio_auth_token: str
    twilio_base_url: str | None
    twilio_standin_url: str | None
    moto_url: str | None
    # The ZGW inbox queue (hub notifications, keys only) and the ZGW API retry budget per attempt.
    zgw_queue_name: str = "zaakstatus-zgw"
    zgw_queue_url: str | None = None
    zgw_retry_backoff: float = 0.5
    zgw_redelivery_s: int = 60  # first redelivery delay of a failed ZGW message; doubles per receive
    # The key of BSN/KvK hashes, and abuse limits.
    identity_key: str = "local-only-identity-key"
    ingest_per_minute: int = 3000  # per organisation, per container (see chalicelib/web/ratelimit.py)
    tracking_per_minute: int = 60  # tracking-token lookups per client address, per container
    operator_attempts: int = 10  # wrong operator tokens per client address per 15 minutes (stored)
    # Delivery: messages per recipient per day; quiet hours "HH:MM-HH:MM" or "off"
    # (Europe/Amsterdam; an organisation can still turn them off for itself).
    daily_cap: int = 10
    quiet_hours: str = "22:00-08:00"
    ses_configuration_set: str | None = None  # its SNS event destination feeds `ses_events`
    documents_bucket: str = "zaakstatus-documents"  # S3: the content of case documents
    # DigiD/eHerkenning through an OpenID Connect provider (a broker); off unless all three are set.
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    oidc_claim: str = "bsn"  # the ID token claim with the BSN (a name containing "kvk": a KvK number)

    @property
    def is_local(self) -> bool:
        return self.stage in LOCAL_STAGES


@functools.cache
def settings() -> Settings:
    env = os.environ.get
    stage = env("ZAAKSTATUS_STAGE", "local")
    region = env("AWS_DEFAULT_REGION", "eu-west-1")
    secret = _secrets(region, stage in LOCAL_STAGES)
    return Settings(
        stage=stage,
        region=region,
        table_name=env("ZAAKSTATUS_TABLE", "zaakstatus"),
        queue_url=env("ZAAKSTATUS_QUEUE_URL"),
        queue_name=env("ZAAKSTATUS_QUEUE_NAME", "zaakstatus-notifications"),
        public_url=env("ZAAKSTATUS_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/"),
        admin_token=secret["ZAAKSTATUS_ADMIN_TOKEN"],
        secret_key=secret["ZAAKSTATUS_SECRET_KEY"],
        kms_key_id=env("ZAAKSTATUS_KMS_KEY_ID"),
        token_key=secret["ZAAKSTATUS_TOKEN_KEY"],
        email_from=env("ZAAKSTATUS_EMAIL_FROM", "noreply@zaakstatus.example"),
        sms_from=env("ZAAKSTATUS_SMS_FROM", "Zaakstatus"),
        twilio_account_sid=secret["TWILIO_ACCOUNT_SID"],
        twilio_auth_token=secret["TWILIO_AUTH_TOKEN"],
        # Points the real twilio client at the loopback stand-in (local run and tests only).
        twilio_base_url=env("ZAAKSTATUS_TWILIO_BASE_URL"),
        twilio_standin_url=env("ZAAKSTATUS_TWILIO_STANDIN_URL"),
        moto_url=env("AWS_ENDPOINT_URL"),
        zgw_queue_name=env("ZAAKSTATUS_ZGW_QUEUE_NAME", "zaakstatus-zgw"),
        zgw_queue_url=env("ZAAKSTATUS_ZGW_QUEUE_URL"),
        zgw_retry_backoff=float(env("ZAAKSTATUS_ZGW_RETRY_BACKOFF", "0.5")),
        zgw_redelivery_s=int(env("ZAAKSTATUS_ZGW_REDELIVERY_S", "60")),
        identity_key=secret["ZAAKSTATUS_IDENTITY_KEY"],
        ingest_per_minute=int(env("ZAAKSTATUS_INGEST_PER_MINUTE", "3000")),
        tracking_per_minute=int(env("ZAAKSTATUS_TRACKING_PER_MINUTE", "60")),
        operator_attempts=int(env("ZAAKSTATUS_OPERATOR_ATTEMPTS", "10")),
        daily_cap=int(env("ZAAKSTATUS_DAILY_CAP", "10")),
        quiet_hours=env("ZAAKSTATUS_QUIET_HOURS", "22:00-08:00"),
        ses_configuration_set=env("ZAAKSTATUS_SES_CONFIGURATION_SET"),
        documents_bucket=env("ZAAKSTATUS_DOCUMENTS_BUCKET", "zaakstatus-documents"),
        oidc_issuer=env("ZAAKSTATUS_OIDC_ISSUER") or None,
        oidc_client_id=env("ZAAKSTATUS_OIDC_CLIENT_ID") or None,
        oidc_client_secret=_oidc_secret(region) if env("ZAAKSTATUS_OIDC_ISSUER") else None,
        oidc_claim=env("ZAAKSTATUS_OIDC_CLAIM") or "bsn",
    )


def reset() -> None:
    """Forget the cached settings (tests change the environment)."""
    settings.cache_clear()


def _oidc_secret(region: str) -> str | None:
    """Like the other secrets (the value, or `_PARAM` naming an SSM SecureString), but with no
    default: without it the OIDC sign-in stays off."""
    name = "ZAAKSTATUS_OIDC_CLIENT_SECRET"
    if value := os.environ.get(name):
        return value
    if param := os.environ.get(name + "_PARAM"):
        return read_parameters([param], region)[param]
    return None


def _secrets(region: str, local: bool) -> dict[str, str]:
    env = os.environ.get
    values = {name: os.environ[name] for name in SECRETS if env(name)}
    wanted = {name: os.environ[name + "_PARAM"] for name in SECRETS if name not in values and env(name + "_PARAM")}
    if wanted:
        found = read_parameters(sorted(set(wanted.values())), region)
        values.update({name: found[param] for name, param in wanted.items()})
    for name, default in SECRETS.items():
        if name not in values:
            if not local:
                log.warning("%s is not set (nor %s_PARAM): using a random value", name, name)
            # Random key material is also a valid Fernet key.
            values[name] = default if local else base64.urlsafe_b64encode(os.urandom(32)).decode()
    return values
