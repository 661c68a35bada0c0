"""A citizen signs in to "Mijn zaken": by a single-use link sent to an address that is a party's
contact, or (services of the DigiD/eHerkenning sign-in) by an identity.

A session holds an address hash, an identity hash, or both; the overview (services/my_cases.py)
lists the cases found under each. To start one after another way of signing in, call
`start_session(deps, identity_hash="bsn:<hex>")` (the keyed hash `domain.privacy.identity_hash`
gives, as stored for a case's initiator) and set its `token` as the cookie with
`web.my_cases_session.session_cookie(token, secure)`; `session_of(deps, cookie_value)` reads it.
Sessions end after 15 idle minutes or 8 hours; only the SHA-256 of a link or session is stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from chalicelib.citizen_ports import CitizenIndex
from chalicelib.domain import clock, privacy
from chalicelib.domain.channels import ChannelError, OutgoingMessage
from chalicelib.domain.citizen import (
    LINK_TTL_S,
    SESSION_MAX_S,
    SESSION_TOUCH_S,
    CitizenLink,
    CitizenSession,
    address_key,
    contact_hash,
    normalised_contact,
    session_alive,
)
from chalicelib.domain.dates import dutch_day
from chalicelib.domain.errors import NotFound, Unauthorized
from chalicelib.domain.staff import new_secret, secret_hash
from chalicelib.services.deps import Deps

log = logging.getLogger(__name__)
GONE = "This sign-in link is not valid (any more)."
CAP_TENANT = "~mijn-zaken"  # the daily cap's counter of sign-in messages: no organisation has this id
LINK_TEXT = {
    "email": (
        "U vroeg een link aan om uw zaken te bekijken op Mijn zaken.\n\n{url}\n\n"
        "De link werkt één keer en 15 minuten lang. Vroeg u niets aan? Dan kunt u dit bericht negeren.\n\n"
        "You asked for a link to see your cases. It works once, for 15 minutes.\n"
    ),
    "phone": "Uw link naar Mijn zaken (1 keer, 15 min geldig): {url}",
}


@dataclass(frozen=True)
class SignedIn:
    token: str  # the session cookie's value; only its hash is stored
    session: CitizenSession


def _index(deps: Deps) -> CitizenIndex:
    if deps.citizen_index is None:
        raise NotFound("There is nothing at this address.")
    return deps.citizen_index


def address_hash_of(deps: Deps, email: str | None, phone: str | None) -> tuple[str, str, str]:
    """(kind, normalised address, its hash) of the sign-in form's address; InvalidFields if none."""
    kind, address = normalised_contact(email, phone)
    return kind, address, contact_hash(deps.settings.token_key, address)


def request_link(deps: Deps, email: str | None, phone: str | None) -> None:
    """Send a link if the address is a party's contact anywhere here. The caller learns nothing
    either way: the same answer follows, and the look-up is the same work for both."""
    kind, address, hashed = address_hash_of(deps, email, phone)
    index = _index(deps)
    known = bool(index.refs(address_key(hashed) or ""))
    token = new_secret()
    if not known:
        return
    expires = int(clock.now().timestamp()) + LINK_TTL_S
    index.put_link(CitizenLink(token_hash=secret_hash(token), address_hash=hashed, expires_at=expires))
    _send(deps, kind, address, f"{deps.settings.public_url}/mijn-zaken/login/{token}")


def _send(deps: Deps, kind: str, address: str, url: str) -> None:
    recipient = privacy.address_hash(deps.settings.token_key, address)
    day = dutch_day(clock.now())
    if not deps.ledger.count_recipient_message(CAP_TENANT, recipient, day, deps.settings.daily_cap):
        log.info("mijn-zaken sign-in link not sent: daily cap")
        return
    s = deps.settings
    if kind == "email":
        message = OutgoingMessage(
            to=address, body=LINK_TEXT["email"].format(url=url), sender=s.default_email_from, subject="Mijn zaken"
        )
    else:
        message = OutgoingMessage(to=address, body=LINK_TEXT["phone"].format(url=url), sender=s.default_sms_from)
    try:
        deps.senders.get("email" if kind == "email" else "sms").send(message)
    except ChannelError as error:
        # The answer is the same either way; the operator sees the failure in the logs (no address).
        log.warning("mijn-zaken sign-in link not sent: %s", type(error).__name__)


def peek(deps: Deps, token: str) -> None:
    """NotFound unless the link is valid and unused (looking does not use it)."""
    link = _index(deps).peek_link(secret_hash(token)) if len(token) <= 128 else None
    if link is None or link.expires_at <= int(clock.now().timestamp()):
        raise NotFound(GONE)


def sign_in(deps: Deps, token: str) -> SignedIn:
    """Use the link (once) and start a session of its address."""
    link = _index(deps).take_link(secret_hash(token)) if len(token) <= 128 else None
    if link is None or link.expires_at <= int(clock.now().timestamp()):
        raise NotFound(GONE)
    return start_session(deps, address_hash=link.address_hash)


def start_session(deps: Deps, address_hash: str | None = None, identity_hash: str | None = None) -> SignedIn:
    """A new session for whoever proved an address, an identity, or both."""
    if not address_hash and not identity_hash:
        raise Unauthorized("Not signed in.")
    now = int(clock.now().timestamp())
    token = new_secret()
    session = CitizenSession(
        token_hash=secret_hash(token),
        address_hash=address_hash,
        identity_hash=identity_hash,
        csrf=new_secret(),
        created_at=now,
        seen_at=now,
        expires_at=now + SESSION_MAX_S,
    )
    _index(deps).put_session(session)
    return SignedIn(token, session)


def session_of(deps: Deps, token: str | None) -> CitizenSession:
    """The live session of a cookie value; Unauthorized when there is none or it timed out."""
    if not token or len(token) > 128:
        raise Unauthorized("Not signed in.")
    index = _index(deps)
    session = index.get_session(secret_hash(token))
    now = int(clock.now().timestamp())
    if session is None or not session_alive(session, now):
        raise Unauthorized("Not signed in.")
    if now - session.seen_at >= SESSION_TOUCH_S:
        index.touch_session(session.token_hash, now)
    return session.model_copy(update={"seen_at": now})


def sign_out(deps: Deps, session: CitizenSession) -> None:
    _index(deps).delete_session(session.token_hash)
