"""An organisation's configuration kept per warm container, and never stale.

What a request needs besides the case itself (the API client and its secret, the organisation's
settings, its case types, whether it has webhooks) changes rarely, yet reading it cost three to
five requests per event. Each organisation has a version item (`ORG#<org>` / `CONFIG`), bumped
after every change to any of these through the stores below. A request, or a queue batch, reads
the version once (a consistent `GetItem`); what the container holds under an older version is
read again. So a revoked client is refused by the very next request in every container, and a
changed case type is used by the next event, at the price of one small read.

The version is bumped *after* the write: a reader that sees the new version also sees the new
configuration, and one that cached the old configuration under the old version reads it again.
Outside a request scope (the CLI, tests calling services directly) every read checks the version.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any, TypeVar

from chalicelib.adapters.case_type_store import CaseTypeStore
from chalicelib.adapters.items import org_pk
from chalicelib.adapters.organisation_settings_store import OrganisationSettingsStore
from chalicelib.adapters.organisation_store import OrganisationStore
from chalicelib.adapters.table import Change, Table
from chalicelib.adapters.webhook_store import WebhookStore
from chalicelib.domain.models import CaseType, ClientCredentials, Organisation
from chalicelib.domain.test_mode import live_org
from chalicelib.domain.webhooks import Webhook

VERSION_SK = "CONFIG"
MAX_ENTRIES = 20_000  # a bound on memory: ~20 KB per case type at worst, well under 512 MB
T = TypeVar("T")


class ConfigVersions:
    """The organisations' configuration versions, read at most once per request scope."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self._scope = threading.local()  # the local run serves requests on many threads
        self._entries: dict[tuple[str, ...], tuple[int, Any]] = {}

    @contextmanager
    def request(self) -> Iterator[None]:
        """One request's (or queue batch's) view: each organisation's version read once."""
        self._scope.seen = {}
        try:
            yield
        finally:
            self._scope.seen = None

    def current(self, org_id: str) -> int:
        org = live_org(org_id)
        seen: dict[str, int] | None = getattr(self._scope, "seen", None)
        if seen is not None and org in seen:
            return seen[org]
        item = self.table.get(org_pk(org), VERSION_SK)
        version = int(item["v"]) if item else 0
        if seen is not None:
            seen[org] = version
        return version

    def hint(self, org_id: str, version: int) -> None:
        """A queue message names the version its event was accepted under: that, or what this
        request read itself if newer, spares the sender the read (the configuration as it was
        when the event came, or newer, is what its message is made of)."""
        seen: dict[str, int] | None = getattr(self._scope, "seen", None)
        if seen is not None:
            org = live_org(org_id)
            seen[org] = max(version, seen.get(org, version))

    def bumped(self, org_id: str, result: T) -> T:
        """`result` of a write to the organisation's configuration, after bumping its version."""
        self.bump(org_id)
        return result

    def bump(self, org_id: str) -> None:
        org = live_org(org_id)
        self.table.update(org_pk(org), VERSION_SK, Change(add={"v": 1}))
        seen: dict[str, int] | None = getattr(self._scope, "seen", None)
        if seen is not None:
            seen.pop(org, None)  # this request's own change is read back as it now is

    def cached(self, org_id: str, key: tuple[str, ...], load: Callable[[], T]) -> T:
        version = self.current(org_id)
        hit = self._entries.get((org_id, *key))
        if hit is not None and hit[0] >= version:  # newer than a hint is recent enough too
            return hit[1]  # stored by this function, with load()'s type
        value = load()
        if len(self._entries) >= MAX_ENTRIES:
            self._entries.clear()
        self._entries[(org_id, *key)] = (version, value)
        return value


class CachedOrganisationStore(OrganisationStore):
    def __init__(self, table: Table, versions: ConfigVersions) -> None:
        super().__init__(table)
        self.versions = versions

    def create_organisation(self, org: Organisation) -> bool:
        return self.versions.bumped(org.id, super().create_organisation(org))

    def get_organisation(self, org_id: str) -> Organisation | None:
        return self.versions.cached(org_id, ("ORG",), partial(OrganisationStore.get_organisation, self, org_id))

    def put_client(self, client: ClientCredentials) -> None:
        self.versions.bumped(client.org_id, super().put_client(client))

    def get_client(self, org_id: str, client_id: str) -> ClientCredentials | None:
        load = partial(OrganisationStore.get_client, self, org_id, client_id)
        return self.versions.cached(org_id, ("CLIENT", client_id), load)

    def delete_client(self, org_id: str, client_id: str) -> bool:
        return self.versions.bumped(org_id, super().delete_client(org_id, client_id))

    def set_partner(self, org_id: str, partner: str, subcases: bool) -> None:
        self.versions.bumped(org_id, super().set_partner(org_id, partner, subcases))

    def is_partner(self, org_id: str, partner: str) -> bool:
        return self.versions.cached(
            org_id, ("PARTNER", partner), partial(OrganisationStore.is_partner, self, org_id, partner)
        )


class CachedCaseTypeStore(CaseTypeStore):
    def __init__(self, table: Table, versions: ConfigVersions) -> None:
        super().__init__(table)
        self.versions = versions

    def put_case_type(self, org_id: str, case_type: CaseType) -> bool:
        return self.versions.bumped(org_id, super().put_case_type(org_id, case_type))

    def get_case_type(self, org_id: str, code: str) -> CaseType | None:
        return self.versions.cached(
            org_id, ("CASETYPE", code), partial(CaseTypeStore.get_case_type, self, org_id, code)
        )


class CachedOrganisationSettingsStore(OrganisationSettingsStore):
    def __init__(self, table: Table, versions: ConfigVersions) -> None:
        super().__init__(table)
        self.versions = versions

    def replace_settings(self, org: Organisation) -> bool:
        return self.versions.bumped(org.id, super().replace_settings(org))


class CachedWebhookStore(WebhookStore):
    """The list of an organisation's webhooks is on every event's path (is there anyone to
    tell?); single webhooks and their deliveries are read as stored."""

    def __init__(self, table: Table, versions: ConfigVersions) -> None:
        super().__init__(table)
        self.versions = versions

    def put_webhook(self, hook: Webhook) -> bool:
        return self.versions.bumped(hook.org_id, super().put_webhook(hook))

    def list_webhooks(self, org_id: str) -> list[Webhook]:
        return list(self.versions.cached(org_id, ("WEBHOOKS",), partial(WebhookStore.list_webhooks, self, org_id)))

    def delete_webhook(self, org_id: str, name: str) -> bool:
        return self.versions.bumped(org_id, super().delete_webhook(org_id, name))
