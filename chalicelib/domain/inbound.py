"""What comes in over HTTP, validated strictly: unknown fields are refused so a typo in a field
name is reported instead of silently ignored. Contact data is normalised here (E.164, the
normalised e-mail address), so what is stored is one form of each."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from chalicelib.domain import privacy
from chalicelib.domain.channels import CHANNELS
from chalicelib.domain.citizen_action import ActionIn
from chalicelib.domain.confidentiality import Level, LimitsIn
from chalicelib.domain.contacts import CONTACT_FIELDS
from chalicelib.domain.dates import Day, Moment
from chalicelib.domain.ids import Exact
from chalicelib.domain.inbound_facts import EventDates, KeyDateIn, ResultIn
from chalicelib.domain.models import Subscriber
from chalicelib.domain.org_contact import ContactIn
from chalicelib.domain.organisation_settings import OrganisationSettingsIn
from chalicelib.domain.parties import INITIATOR, KINDS, PARTY_ID, ROLES, Party, PartyInfo
from chalicelib.domain.text_rules import BodyText, OneLine

ORG_ID = r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$"
CODE = r"^[a-z0-9][a-z0-9_-]{0,63}$"
CASE_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
LANGUAGE = r"^[a-z]{2}$"
CHANNEL_NAME = r"^[a-z][a-z0-9_-]{0,19}$"
CLIENT_ID = r"^[a-z0-9-]{1,40}\.[0-9a-f]{16}$"  # `<org>.<16 hex>`: a token's client finds its organisation


class Inbound(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


def _registered(channel: str) -> str:
    if channel not in CHANNELS.choices():
        raise ValueError(f"choose one of {', '.join(CHANNELS.choices())}")
    return channel


# A registered channel's name, or `portal` / `none`; the registry decides, not this model.
ChannelChoice = Annotated[str, Field(pattern=CHANNEL_NAME), AfterValidator(_registered)]


NAME = r"^[^\x00-\x1f\x7f]+$"  # no control characters: a name goes into e-mail headers and pages
Role = Literal[ROLES]  # type: ignore[valid-type]
Kind = Literal[KINDS]  # type: ignore[valid-type]


class OrganisationIn(OrganisationSettingsIn):
    """The operator's `POST /v1/admin/organisations`: the settings (checked as a PUT's) and the id."""

    id: Exact = Field(pattern=ORG_ID)


class StatusIn(Inbound):
    code: Exact = Field(pattern=CODE)
    name: OneLine = Field(min_length=1, max_length=200)
    notify: bool | Annotated[list[Role], Field(max_length=len(ROLES))] = False  # True: every person/business party
    final: bool = False
    public: bool = True
    text: dict[str, BodyText] = Field(default_factory=dict, validate_default=True)
    text_business: dict[str, BodyText] = Field(default_factory=dict)  # for a business party ("uw onderneming")
    text_fallback: dict[str, BodyText] = Field(default_factory=dict)  # when a placeholder of the text has no value

    @field_validator("text", "text_business", "text_fallback")
    @classmethod
    def _languages(cls, text: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        # A field validator (not a model validator), so the error is named `...text`.
        if info.field_name == "text" and info.data.get("public", True) and "nl" not in text:
            raise ValueError("a public status needs a Dutch text (text.nl)")
        for lang, value in text.items():
            if not re.fullmatch(LANGUAGE, lang):
                raise ValueError(f"language {lang!r} is not a two-letter code")
            if not value.strip() or len(value) > 1000:
                raise ValueError(f"text in {lang!r} must be 1 to 1000 characters")
        return text


class CaseTypeIn(Inbound):
    name: OneLine = Field(min_length=1, max_length=200)
    public_name: dict[str, OneLine] = Field(default_factory=dict)  # the e-mail's subject: one line
    service_norm_days: int | None = Field(default=None, ge=0, le=3650)
    retention_days: int = Field(default=365, ge=0, le=36500)
    statuses: list[StatusIn] = Field(min_length=1, max_length=50)
    confidentiality: LimitsIn = Field(default_factory=LimitsIn)  # what a confidential case's messages say
    contact: ContactIn | None = None  # this case type's own desk; wins over the organisation's contact
    dates: list[KeyDateIn] = Field(default_factory=list, max_length=20)  # the case's key dates
    notify_documents: bool = False  # a document added tells the person and business parties


class SubscriberIn(Inbound):
    # Field validators that look at `channel` (declared first), so a missing number is
    # reported as `subscriber.phone`, not as the whole subscriber.
    channel: ChannelChoice
    phone: str | None = Field(default=None, max_length=40, validate_default=True)
    email: str | None = Field(default=None, max_length=254, validate_default=True)
    language: str = Field(default="nl", pattern=LANGUAGE)

    @field_validator("phone", "email")
    @classmethod
    def _contact(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Each contact field in its normalised form; the chosen channel's own one is required."""
        field = next(f for f in CONTACT_FIELDS if f.name == info.field_name)
        channel = info.data.get("channel")
        if value in (None, ""):
            spec = CHANNELS.get(channel)
            if spec is not None and spec.contact.name == field.name:
                raise ValueError(f"channel '{channel}' {field.needed}")
            return None
        return field.normalise(value)


def subscriber_of(data: SubscriberIn) -> Subscriber:
    return Subscriber(channel=data.channel, phone=data.phone, email=data.email, language=data.language)


def _eleven_test(value: str) -> str:
    if not privacy.is_bsn(value):
        raise ValueError("is not a valid BSN (eleven-test)")
    return value


Bsn = Annotated[str, Field(pattern=r"^[0-9]{9}$"), AfterValidator(_eleven_test)]


class InitiatorIn(Inbound):
    """Who initiated the case: a citizen's BSN or a company's KvK number, exactly one.

    Only a keyed hash of it is stored (`chalicelib/domain/privacy.py`); errors never echo it."""

    bsn: Bsn | None = None
    kvk: str | None = Field(default=None, pattern=r"^[0-9]{8}$")

    @model_validator(mode="after")
    def _exactly_one(self) -> InitiatorIn:
        if (self.bsn is None) == (self.kvk is None):
            raise ValueError("give exactly one of 'bsn' and 'kvk'")
        return self

    @property
    def kind_and_number(self) -> tuple[str, str]:
        return ("bsn", self.bsn) if self.bsn is not None else ("kvk", self.kvk or "")


class IdentifierIn(Inbound):
    """Who a party is: exactly one of a BSN (person), a KvK number with an optional branch
    number or an RSIN (business), or an organisation on this deployment. Only keyed hashes of
    the numbers are stored; errors never echo them."""

    bsn: Bsn | None = None
    kvk: str | None = Field(default=None, pattern=r"^[0-9]{8}$")
    branch: str | None = Field(default=None, pattern=r"^[0-9]{12}$")
    rsin: str | None = Field(default=None, pattern=r"^[0-9]{9}$")
    organisation: Exact | None = Field(default=None, pattern=ORG_ID)

    @model_validator(mode="after")
    def _exactly_one(self) -> IdentifierIn:
        given = [n for n in ("bsn", "kvk", "rsin", "organisation") if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of 'bsn', 'kvk', 'rsin' and 'organisation'")
        if self.branch is not None and self.kvk is None:
            raise ValueError("'branch' goes with 'kvk'")
        return self

    @property
    def kind_and_number(self) -> tuple[str, str] | None:
        """The number to hash; None for an organisation (its id is not personal data)."""
        if self.kvk is not None:
            return ("kvk", f"{self.kvk}/{self.branch}" if self.branch else self.kvk)
        for kind in ("bsn", "rsin"):
            if (number := getattr(self, kind)) is not None:
                return (kind, number)
        return None


class PartyIn(SubscriberIn):
    """`PUT /v1/cases/{id}/parties/{party_id}`: a party and its contact preference."""

    channel: ChannelChoice = "portal"
    role: Role
    kind: Kind = "person"
    name: str | None = Field(default=None, min_length=1, max_length=200, pattern=NAME)
    identifier: IdentifierIn | None = None

    @model_validator(mode="after")
    def _consistent(self) -> PartyIn:
        ident = self.identifier
        if ident is not None and ident.bsn is not None and self.kind != "person":
            raise ValueError("a BSN identifies a person: 'kind' must be 'person'")
        if ident is not None and (ident.kvk or ident.rsin) and self.kind == "person":
            raise ValueError("a KvK number or RSIN identifies a business or organisation, not a person")
        if ident is not None and ident.organisation is not None and self.kind != "organisation":
            raise ValueError("'identifier.organisation' needs 'kind' 'organisation'")
        return self


class EventPartyIn(PartyIn):
    party_id: Exact = Field(pattern=PARTY_ID)


def party_of(party_id: str, data: PartyIn, identity: str | None) -> Party:
    info = PartyInfo(
        role=data.role,
        kind=data.kind,
        name=data.name,
        identity=identity,
        organisation=data.identifier.organisation if data.identifier else None,
    )
    return Party(party_id=party_id, info=info, subscriber=subscriber_of(data))


def check_role(party_id: str, role: str) -> str | None:
    """Why a party id and role do not go together (the initiator is party `initiator`)."""
    if (party_id == INITIATOR) != (role == INITIATOR):
        return "the initiator is the party with id 'initiator', and only it has role 'initiator'"
    return None


class PartnerIn(Inbound):
    subcases: bool


class ParentIn(Inbound):
    organisation: Exact = Field(pattern=ORG_ID)
    case_id: Exact = Field(pattern=CASE_ID)


class CaseRefIn(Inbound):
    id: Exact = Field(pattern=CASE_ID)
    case_type: Exact = Field(pattern=CODE)
    description: str | None = Field(default=None, max_length=500)
    expected_end_date: Day | None = None
    initiator: InitiatorIn | None = None
    parent: ParentIn | None = None  # the case this one is a sub-case of (another organisation's)
    confidentiality: Level | None = Field(default=None, description="vertrouwelijkheidaanduiding; the last one counts")


class EventIn(Inbound):
    event_id: str | None = Field(default=None, min_length=1, max_length=128)
    case: CaseRefIn
    status: Exact = Field(pattern=CODE)
    occurred_at: Moment
    explanation: str | None = Field(default=None, max_length=1000)
    subscriber: SubscriberIn | None = None
    parties: list[EventPartyIn] = Field(default_factory=list, max_length=20)
    action: ActionIn | None = Field(default=None, description="to do by a deadline; null clears it, absent keeps it")
    dates: EventDates = Field(default_factory=dict, max_length=20)  # key dates set or moved
    result: ResultIn | None = None  # the decision; with the final status only

    @field_validator("parties")
    @classmethod
    def _parties(cls, parties: list[EventPartyIn], info: ValidationInfo) -> list[EventPartyIn]:
        ids = [p.party_id for p in parties]
        if len(set(ids)) != len(ids):
            raise ValueError("each party_id may appear once")
        for p in parties:
            if (problem := check_role(p.party_id, p.role)) is not None:
                raise ValueError(f"party '{p.party_id}': {problem}")
        if info.data.get("subscriber") is not None and INITIATOR in ids:
            raise ValueError("give the initiator either as 'subscriber' or as party 'initiator', not both")
        return parties


class PreferencesIn(BaseModel):
    """The citizen's JSON body of `PUT /v1/track/{token}/preferences`; empty contact fields keep
    the stored ones. Checked further by the preferences service, with codes the page can word."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)
    channel: ChannelChoice
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=254)
    language: str | None = Field(default=None, pattern=LANGUAGE)
