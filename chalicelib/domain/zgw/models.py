"""What the ZGW integration receives and keeps: the connection and the hub's notifications."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, TypeAdapter, field_validator
from pydantic_core import CoreSchema

from chalicelib.domain.inbound import Inbound
from chalicelib.domain.outbound import UrlRefused, check_url

RSIN = r"^[0-9]{9}$"

if TYPE_CHECKING:
    from pydantic import AnyHttpUrl
else:

    class AnyHttpUrl:
        """pydantic's AnyHttpUrl, imported when a model that uses it is first built: its module
        imports importlib.metadata, which would cost every cold start of the API."""

        @classmethod
        def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
            from pydantic import AnyHttpUrl

            return handler.generate_schema(AnyHttpUrl)


@functools.cache
def _url() -> TypeAdapter[AnyHttpUrl]:
    return TypeAdapter(AnyHttpUrl)  # built on the first hub message, not at import


class ConnectionIn(Inbound):
    zaken_api: AnyHttpUrl
    catalogi_api: AnyHttpUrl
    client_id: str = Field(min_length=1, max_length=200)
    secret: str = Field(min_length=8, max_length=500)
    rsins: list[str] = Field(min_length=1, max_length=20)
    notifications_authorization: str = Field(min_length=16, max_length=1000)

    @field_validator("rsins")
    @classmethod
    def _rsins(cls, rsins: list[str]) -> list[str]:
        for rsin in rsins:
            if not re.fullmatch(RSIN, rsin):
                raise ValueError("an RSIN is 9 digits")
        return sorted(set(rsins))

    @field_validator("zaken_api", "catalogi_api", mode="before")
    @classmethod
    def _guarded(cls, value: object) -> object:
        # The URL as sent, before pydantic repairs it (it resolves `..` and `%2e%2e`, rewrites
        # 2130706433 as 127.0.0.1): refused, not repaired. Loopback is judged by the service,
        # which knows whether this is the local run.
        if isinstance(value, str):
            try:
                check_url(value, allow_loopback=True)
            except UrlRefused as refused:
                raise ValueError(refused.reason) from None
        return value


class NotificationIn(BaseModel):
    """`Notificatie` of notificaties-consumer.openapi.yaml (1.0.0-rc1). Unknown fields are allowed
    there (no `additionalProperties: false`), so a newer hub's extra fields do not break us."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True, defer_build=True)

    kanaal: str = Field(min_length=1, max_length=50)
    hoofd_object: str = Field(alias="hoofdObject", min_length=1)
    resource: str = Field(min_length=1, max_length=100)
    resource_url: str = Field(alias="resourceUrl", min_length=1)
    actie: str = Field(min_length=1, max_length=100)
    aanmaakdatum: dt.datetime
    kenmerken: dict[str, str] = Field(default_factory=dict)

    @field_validator("hoofd_object", "resource_url")
    @classmethod
    def _uri(cls, value: str) -> str:
        # Checked as a URL but kept as sent: a normalised form (case, port, slash) could differ
        # from the form the APIs use, and URLs are identities here.
        _url().validate_python(value)
        return value

    @field_validator("kenmerken")
    @classmethod
    def _kenmerken(cls, kenmerken: dict[str, str]) -> dict[str, str]:
        for value in kenmerken.values():
            if not 1 <= len(value) <= 1000:
                raise ValueError("each kenmerk is 1 to 1000 characters")
        return kenmerken


class Connection(BaseModel):
    """Stored per organisation. The secret is SecretBox ciphertext; the hub's Authorization value
    is kept only as a keyed hash, compared in constant time."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    org_id: str
    zaken_api: str
    catalogi_api: str
    client_id: str
    secret_encrypted: str
    rsins: tuple[str, ...]
    authorization_hash: str
    updated_at: dt.datetime


class ZaakLink(BaseModel):
    """Which case a zaak became: a `zaak`/`destroy` names only the zaak's URL, which the Zaken API
    no longer answers for, so the link is kept (no personal data: a URL hash and a case id)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    case_id: str


class CatalogueImportIn(Inbound):
    catalogus: AnyHttpUrl | None = None  # one catalogue of the Catalogi API; all when absent
