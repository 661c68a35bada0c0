"""An organisation's staff in the console: who may sign in, their links and their sessions.

A staff member is known only by a keyed hash of their normalised e-mail address: the console
needs to find a member by the address they type, never to list or show addresses. The sign-in
e-mail goes to the address as typed in the sign-in form, and is not kept.

Links and sessions are bearer secrets: only their SHA-256 is stored, so a read of the table
gives nobody a way in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Literal

from pydantic import BaseModel, ConfigDict

from chalicelib.domain.contacts import normalise_email
from chalicelib.domain.errors import invalid
from chalicelib.domain.inbound import Inbound

Role = Literal["admin", "agent", "viewer"]
ROLES: tuple[str, ...] = ("admin", "agent", "viewer")
LINK_TTL_S = 15 * 60
SESSION_IDLE_S = 30 * 60
SESSION_MAX_S = 8 * 3600
SESSION_TOUCH_S = 60  # the idle clock moves at most once a minute: not a write per page


class StaffIn(Inbound):
    role: Role


class StaffMember(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    org_id: str
    address_hash: str
    role: Role
    created_at: dt.datetime
    updated_at: dt.datetime


class SignInLink(BaseModel):
    """A single-use link for one organisation; `expires_at` in epoch seconds."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    token_hash: str
    org_id: str
    address_hash: str
    expires_at: int


class StaffSession(BaseModel):
    """A signed-in staff member. `role` is read from the member at every request, so a change
    by the operator counts at once; `csrf` is the per-session form token."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    token_hash: str
    org_id: str
    address_hash: str
    role: Role
    csrf: str
    created_at: int  # epoch seconds
    seen_at: int
    expires_at: int  # absolute end (also the item's TTL)
    org_name: str = ""  # for the page header: read with the session, not stored in it


def normalised_address(raw: str) -> str:
    """The address as typed, checked and normalised (lower case), or InvalidFields."""
    try:
        return normalise_email(raw.strip()).lower()
    except ValueError:
        raise invalid("email", "is not a valid e-mail address") from None


def exact_address(raw: str) -> str:
    """An address that names a key (a path parameter): whitespace around it makes it another
    address, not a typo to forgive, so it is refused; otherwise as `normalised_address`."""
    if raw != raw.strip():
        raise invalid("email", "must not have spaces or line breaks around it")
    return normalised_address(raw)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def secret_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def session_alive(session: StaffSession, now: int) -> bool:
    return now < session.expires_at and now - session.seen_at < SESSION_IDLE_S
