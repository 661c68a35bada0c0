"""An organisation's own settings (`GET/PUT /v1/organisation`) and its e-mail sender's onboarding:
setting `email_from`, at creation or here, creates the SES identity of its domain; the answer
says plainly when e-mail will be refused until the DNS records are published."""

from __future__ import annotations

import logging
from typing import Any

from chalicelib.domain.errors import Forbidden, NotFound
from chalicelib.domain.models import Organisation
from chalicelib.domain.organisation_answers import (
    OrganisationSettingsOut,
    OrganisationSettingsSaved,
    SenderOut,
    SenderStatusOut,
    sender_out,
    settings_out,
)
from chalicelib.domain.organisation_settings import OrganisationSettingsIn
from chalicelib.domain.sender_identity import SenderIdentity, SenderUnavailable, domain_of, warnings
from chalicelib.domain.test_mode import is_test, live_org
from chalicelib.services.deps import Deps, ServiceSettings

log = logging.getLogger(__name__)


def get(deps: Deps, tenant: str) -> OrganisationSettingsOut:
    """A test client reads its organisation's settings (it sends with them)."""
    return settings_out(_organisation(deps, live_org(tenant)))


def put(deps: Deps, tenant: str, data: OrganisationSettingsIn) -> OrganisationSettingsSaved:
    """Replace the settings; the sender's identity is created (or found) and its state answered."""
    if is_test(tenant):
        raise Forbidden("A test client cannot change the organisation's settings.")
    org = _organisation(deps, tenant).model_copy(update=settings_of(deps.settings, data))
    assert deps.organisation_settings is not None  # bootstrap.build wires it
    if not deps.organisation_settings.replace_settings(org):
        raise NotFound("There is no such organisation.")
    sender, said = onboard(deps, org.email_from)
    return OrganisationSettingsSaved(**settings_out(org).model_dump(), sender=sender, warnings=said)


def sender(deps: Deps, tenant: str) -> SenderStatusOut:
    """Where SES stands with the organisation's sending domain, and the DNS records to publish."""
    org = _organisation(deps, live_org(tenant))
    domain = domain_of(org.email_from)
    identity = deps.sender_identities.get(domain) if deps.sender_identities else None
    if identity is None:
        # No identity (an organisation from before onboarding, or one removed in SES): a PUT creates it.
        said = [f"SES has no identity for {domain}; e-mail is refused. PUT /v1/organisation creates it."]
        return SenderStatusOut(email_from=org.email_from, domain=domain, status="failed", dns_records=[], warnings=said)
    out = sender_out(org.email_from, identity)
    assert out is not None
    return SenderStatusOut(**out.model_dump(), warnings=warnings(identity))


def onboard(deps: Deps, email_from: str) -> tuple[SenderOut | None, list[str]]:
    """Create (or find) the sending domain's identity; never fails the request that set it."""
    identity: SenderIdentity | None = None
    try:
        if deps.sender_identities is not None:
            identity = deps.sender_identities.create(domain_of(email_from))
    except SenderUnavailable as exc:
        log.warning("sender identity not created: %s", exc.detail)
    return sender_out(email_from, identity), warnings(identity)


def settings_of(s: ServiceSettings, data: OrganisationSettingsIn) -> dict[str, Any]:
    """The organisation's fields a request sets; absent senders are the platform's."""
    return {
        "name": data.name,
        "email_from": data.email_from or s.default_email_from,
        "sms_from": data.sms_from or s.default_sms_from,
        "quiet_hours": data.quiet_hours,
        "sms_fragments": data.sms_fragments,
        "contact": data.contact.domain() if data.contact else None,
        "sms_countries": tuple(data.sms_countries),
    }


def _organisation(deps: Deps, org_id: str) -> Organisation:
    org = deps.organisations.get_organisation(org_id)
    if org is None:  # its clients outlived it: nothing to show
        raise NotFound("There is no such organisation.")
    return org
