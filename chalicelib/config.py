"""Settings, read from the environment once and typed.

Every setting has a local-run default so `make run` works with nothing set; deployed stages set
them in `.chalice/config.json` (names of resources) and SSM/Secrets Manager (secrets).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass

LOCAL_ADMIN_TOKEN = "local-admin-token-change-me"
# A fixed key for the local run only: deployed stages must set ZAAKSTATUS_SECRET_KEY or use KMS.
LOCAL_SECRET_KEY = "bG9jYWwtb25seS1rZXktZG8tbm90LXVzZS1pbi1wcm9kIQ="
LOCAL_TOKEN_KEY = "local-only-tracking-token-key"


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

    @property
    def is_local(self) -> bool:
        return self.stage in ("local", "test")


@functools.cache
def settings() -> Settings:
    env = os.environ.get
    stage = env("ZAAKSTATUS_STAGE", "local")
    return Settings(
        stage=stage,
        region=env("AWS_DEFAULT_REGION", "eu-west-1"),
        table_name=env("ZAAKSTATUS_TABLE", "zaakstatus"),
        queue_url=env("ZAAKSTATUS_QUEUE_URL"),
        queue_name=env("ZAAKSTATUS_QUEUE_NAME", "zaakstatus-notifications"),
        public_url=env("ZAAKSTATUS_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/"),
        admin_token=env("ZAAKSTATUS_ADMIN_TOKEN", LOCAL_ADMIN_TOKEN),
        secret_key=env("ZAAKSTATUS_SECRET_KEY", LOCAL_SECRET_KEY),
        kms_key_id=env("ZAAKSTATUS_KMS_KEY_ID"),
        token_key=env("ZAAKSTATUS_TOKEN_KEY", LOCAL_TOKEN_KEY),
        email_from=env("ZAAKSTATUS_EMAIL_FROM", "noreply@zaakstatus.example"),
        sms_from=env("ZAAKSTATUS_SMS_FROM", "Zaakstatus"),
        twilio_account_sid=env("TWILIO_ACCOUNT_SID", "AC" + "0" * 32),
        twilio_auth_token=env("TWILIO_AUTH_TOKEN", "local-twilio-auth-token"),
        # Points the real twilio client at the loopback stand-in (local run and tests only).
        twilio_base_url=env("ZAAKSTATUS_TWILIO_BASE_URL"),
        twilio_standin_url=env("ZAAKSTATUS_TWILIO_STANDIN_URL"),
        moto_url=env("AWS_ENDPOINT_URL"),
    )


def reset() -> None:
    """Forget the cached settings (tests change the environment)."""
    settings.cache_clear()
