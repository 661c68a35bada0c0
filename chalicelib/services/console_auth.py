"""Staff of an organisation: registered by the operator, signed in by a single-use e-mail link,
kept signed in by a session that ends after 30 idle minutes or 8 hours.

A person who is staff of several organisations gets one e-mail with a link per organisation
(each names its organisation): a session is always of one organisation, so nothing of one can
show up in the pages of another; signing in to another means using its link.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from chalicelib.domain import clock
from chalicelib.domain.channels import ChannelError, OutgoingMessage
from chalicelib.domain.errors import NotFound, Unauthorized
from chalicelib.domain.inbound import ORG_ID
from chalicelib.domain.masking import mask_email
from chalicelib.domain.privacy import address_hash
from chalicelib.domain.staff import (
    LINK_TTL_S,
    SESSION_MAX_S,
    SESSION_TOUCH_S,
    SignInLink,
    StaffIn,
    StaffMember,
    StaffSession,
    exact_address,
    new_secret,
    normalised_address,
    secret_hash,
    session_alive,
)
from chalicelib.domain.staff_answers import StaffOut
from chalicelib.services.deps import Deps
from chalicelib.staff_ports import Staff

log = logging.getLogger(__name__)
GONE = "This sign-in link is not valid (any more)."


@dataclass(frozen=True)
class SignedIn:
    token: str  # the session cookie's value; only its hash is stored
    session: StaffSession


def _staff(deps: Deps) -> Staff:
    if deps.staff is None:
        raise NotFound("There is nothing at this address.")
    return deps.staff


def _hash(deps: Deps, address: str) -> str:
    return address_hash(deps.settings.token_key, "staff\0" + address)


def _known_organisation(deps: Deps, org_id: str) -> None:
    # An id no organisation could have is not looked up: a key of any length from the URL would
    # otherwise reach DynamoDB, whose key size limit makes it a 500.
    if not re.fullmatch(ORG_ID, org_id) or deps.organisations.get_organisation(org_id) is None:
        raise NotFound("There is no such organisation.")


def register(deps: Deps, org_id: str, raw_email: str, data: StaffIn) -> tuple[StaffOut, bool]:
    """The operator makes an address staff of an organisation (or changes its role)."""
    _known_organisation(deps, org_id)
    address = exact_address(raw_email)
    now = clock.now()
    hashed = _hash(deps, address)
    before = _staff(deps).get_member(org_id, hashed)
    member = StaffMember(
        org_id=org_id,
        address_hash=hashed,
        role=data.role,
        created_at=before.created_at if before else now,
        updated_at=now,
    )
    created = _staff(deps).put_member(member)
    return StaffOut(organisation=org_id, email=mask_email(address) or "", role=data.role), created


def remove(deps: Deps, org_id: str, raw_email: str) -> None:
    _known_organisation(deps, org_id)
    _staff(deps).delete_member(org_id, _hash(deps, exact_address(raw_email)))


def request_link(deps: Deps, raw_email: str) -> None:
    """Send the links, if the address is staff anywhere. The caller learns nothing either way:
    the same answer follows, and the lookup and hashing are the same work for both."""
    address = normalised_address(raw_email)
    members = _staff(deps).memberships(_hash(deps, address))
    links: list[tuple[str, str]] = []
    expires = int(clock.now().timestamp()) + LINK_TTL_S
    for member in members:
        org = deps.organisations.get_organisation(member.org_id)
        if org is None:
            continue
        token = new_secret()
        link = SignInLink(
            token_hash=secret_hash(token), org_id=member.org_id, address_hash=member.address_hash, expires_at=expires
        )
        _staff(deps).put_link(link)
        links.append((org.name, f"{deps.settings.public_url}/console/login/{token}"))
    if links:
        _send(deps, address, links)


def _send(deps: Deps, address: str, links: list[tuple[str, str]]) -> None:
    lines = [f"{name}:\n{url}\n" for name, url in links]
    body = (
        "U vroeg een link aan om u aan te melden bij de console van Zaakstatus.\n\n"
        + "\n".join(lines)
        + "\nDe link werkt één keer en 15 minuten lang. Vroeg u niets aan? Dan kunt u dit bericht negeren.\n"
    )
    message = OutgoingMessage(
        to=address, body=body, sender=deps.settings.default_email_from, subject="Aanmelden bij Zaakstatus"
    )
    try:
        deps.senders.get("email").send(message)
    except ChannelError as error:
        # The page says the same either way; the operator sees the failure in the logs (no address).
        log.warning("console sign-in e-mail not sent: %s", type(error).__name__)


def peek(deps: Deps, token: str) -> str:
    """The name of the organisation a valid, unused link signs in to; NotFound otherwise."""
    link = _staff(deps).peek_link(secret_hash(token))
    if link is None or link.expires_at <= int(clock.now().timestamp()):
        raise NotFound(GONE)
    org = deps.organisations.get_organisation(link.org_id)
    if org is None:
        raise NotFound(GONE)
    return org.name


def sign_in(deps: Deps, token: str) -> SignedIn:
    """Use the link (once) and start a session of its organisation."""
    staff = _staff(deps)
    link = staff.take_link(secret_hash(token))
    now = int(clock.now().timestamp())
    if link is None or link.expires_at <= now:
        raise NotFound(GONE)
    member = staff.get_member(link.org_id, link.address_hash)
    if member is None:
        raise NotFound(GONE)
    session_token = new_secret()
    session = StaffSession(
        token_hash=secret_hash(session_token),
        org_id=member.org_id,
        address_hash=member.address_hash,
        role=member.role,
        csrf=new_secret(),
        created_at=now,
        seen_at=now,
        expires_at=now + SESSION_MAX_S,
    )
    staff.put_session(session)
    return SignedIn(session_token, session)


def session_of(deps: Deps, token: str | None) -> StaffSession:
    """The live session of a cookie value, with the member's current role; Unauthorized when
    there is none, it timed out, or the person is no longer staff."""
    if not token:
        raise Unauthorized("Not signed in.")
    staff = _staff(deps)
    session = staff.get_session(secret_hash(token))
    now = int(clock.now().timestamp())
    if session is None or not session_alive(session, now):
        raise Unauthorized("Not signed in.")
    member = staff.get_member(session.org_id, session.address_hash)
    if member is None:
        staff.delete_session(session.token_hash)
        raise Unauthorized("Not signed in.")
    org = deps.organisations.get_organisation(session.org_id)
    if org is None:
        raise Unauthorized("Not signed in.")
    if now - session.seen_at >= SESSION_TOUCH_S:
        staff.touch_session(session.token_hash, now)
    return session.model_copy(update={"role": member.role, "seen_at": now, "org_name": org.name})


def sign_out(deps: Deps, session: StaffSession) -> None:
    _staff(deps).delete_session(session.token_hash)
