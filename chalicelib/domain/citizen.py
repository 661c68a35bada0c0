"""A citizen's own cases across organisations: the index that finds them, sign-in links and
sessions.

The index is keyed only by keyed hashes: `a:<hmac(address)>` for an e-mail address or mobile
number that is a party's contact, `i:<identity hash>` for an initiator's (or person party's)
BSN/KvK. A reference names the case and party; the overview checks it against the case itself
before showing anything, so an entry left behind by a changed address shows nothing.

Links and sessions are bearer secrets: only their SHA-256 is stored (as in the console).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from chalicelib.domain.contacts import normalise_email, normalise_mobile
from chalicelib.domain.errors import invalid
from chalicelib.domain.inbound import Inbound
from chalicelib.domain.privacy import address_hash

LINK_TTL_S = 15 * 60
SESSION_IDLE_S = 15 * 60
SESSION_MAX_S = 8 * 3600
SESSION_TOUCH_S = 60  # the idle clock moves at most once a minute: not a write per request


class SignInIn(Inbound):
    """`POST /v1/me/sign-in`: the address at which the citizen hears about their cases (one of the two)."""

    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=32)


class CaseRef(BaseModel):
    """A party of a case, as the index finds it."""

    model_config = ConfigDict(frozen=True, defer_build=True)
    org_id: str
    case_id: str
    party_id: str


class CitizenLink(BaseModel):
    """A single-use sign-in link for the holder of an address; `expires_at` in epoch seconds."""

    model_config = ConfigDict(frozen=True, defer_build=True)
    token_hash: str
    address_hash: str
    expires_at: int


class CitizenSession(BaseModel):
    """A signed-in citizen: by a link (`address_hash`), by DigiD/eHerkenning (`identity_hash`), or
    both. `csrf` is the per-session form token."""

    model_config = ConfigDict(frozen=True, defer_build=True)
    token_hash: str
    address_hash: str | None = None
    identity_hash: str | None = None
    csrf: str
    created_at: int  # epoch seconds
    seen_at: int
    expires_at: int  # absolute end (also the item's TTL)

    def keys(self) -> list[str]:
        """The index keys whose cases this session may see."""
        return [k for k in (address_key(self.address_hash), identity_key(self.identity_hash)) if k]


def address_key(hashed: str | None) -> str | None:
    return f"a:{hashed}" if hashed else None


def identity_key(hashed: str | None) -> str | None:
    return f"i:{hashed}" if hashed else None


def contact_hash(token_key: str, address: str) -> str:
    """The keyed hash of a normalised address (e-mail lower-cased, phone E.164), apart from the
    hashes the ledger keeps of the same address."""
    return address_hash(token_key, "citizen\0" + address.strip().lower())


def normalised_contact(email: str | None, phone: str | None) -> tuple[str, str]:
    """(`email` | `phone`, the address) as typed in the sign-in form, or InvalidFields."""
    if email and not phone:
        try:
            return "email", normalise_email(email.strip()).lower()
        except ValueError:
            raise invalid("email", "is not a valid e-mail address") from None
    if phone and not email:
        try:
            return "phone", normalise_mobile(phone.strip())
        except ValueError:
            raise invalid("phone", "is not a valid mobile number") from None
    raise invalid("email", "give an e-mail address or a mobile number (one of them)")


def session_alive(session: CitizenSession, now: int) -> bool:
    return now < session.expires_at and now - session.seen_at < SESSION_IDLE_S
