"""What `GET/PUT /v1/organisation`, `GET /v1/organisation/sender` and the operator's creation
answer about an organisation's settings and its e-mail sender. Exact, like every answer."""

from __future__ import annotations

from typing import Literal

from chalicelib.domain.answers import Answer, OrganisationCreated
from chalicelib.domain.notice_answers import ContactOut
from chalicelib.domain.org_contact import out
from chalicelib.domain.organisation import Organisation
from chalicelib.domain.sender_identity import SenderIdentity, Status


class DnsRecordOut(Answer):
    type: Literal["CNAME"]
    name: str
    value: str


class SenderOut(Answer):
    email_from: str
    domain: str  # the SES identity: the address's domain
    status: Status
    dns_records: list[DnsRecordOut]  # to publish in the domain's DNS; SES verifies when it finds them


class SenderStatusOut(SenderOut):
    """`GET /v1/organisation/sender`."""

    warnings: list[str]  # empty once SES has verified the domain


class OrganisationSettingsOut(Answer):
    id: str
    name: str
    email_from: str
    sms_from: str
    quiet_hours: bool
    sms_fragments: int
    contact: ContactOut | None
    sms_countries: list[str]  # whose mobile numbers it takes for SMS (ISO 3166 alpha-2)


class OrganisationSettingsSaved(OrganisationSettingsOut):
    sender: SenderOut | None  # null when SES could not be asked now (see `warnings`)
    warnings: list[str]  # what stops e-mail from going out, e.g. DNS records still to publish


class OrganisationOnboarded(OrganisationCreated):
    sender: SenderOut | None
    warnings: list[str]


def settings_out(org: Organisation) -> OrganisationSettingsOut:
    return OrganisationSettingsOut(
        id=org.id,
        name=org.name,
        email_from=org.email_from,
        sms_from=org.sms_from,
        quiet_hours=org.quiet_hours,
        sms_fragments=org.sms_fragments,
        contact=out(org.contact),
        sms_countries=list(org.sms_countries),
    )


def sender_out(email_from: str, identity: SenderIdentity | None) -> SenderOut | None:
    if identity is None:
        return None
    records = [DnsRecordOut(type=r.type, name=r.name, value=r.value) for r in identity.dns_records]
    return SenderOut(email_from=email_from, domain=identity.domain, status=identity.status, dns_records=records)
