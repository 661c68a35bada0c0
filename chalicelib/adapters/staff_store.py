"""The console's staff, sign-in links and sessions on the item table (port: `Staff`).

| item                  | pk                           | sk            |
|-----------------------|------------------------------|---------------|
| staff member          | STAFF#<hmac(address)>        | ORG#<org>     |
| sign-in link          | STAFFLINK#<sha256(token)>    | LINK          |
| console session       | STAFFSESSION#<sha256(token)> | SESSION       |

A member sits in its address's partition, so one Query finds every organisation an address may
sign in to. Links and sessions carry a TTL (`expires_at`); DynamoDB removes them lazily, so the
service checks the time itself. Using a link is a delete that returns the old item: of two
simultaneous uses only one gets it.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from chalicelib.adapters.items import Stored
from chalicelib.adapters.table import Change, Condition, Table
from chalicelib.domain.staff import SignInLink, StaffMember, StaffSession

MEMBER_PREFIX = "STAFF#"
LINK_PREFIX = "STAFFLINK#"
SESSION_PREFIX = "STAFFSESSION#"


class MemberItem(Stored):
    pk: str
    sk: str
    role: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @classmethod
    def of(cls, member: StaffMember) -> MemberItem:
        return cls(
            pk=MEMBER_PREFIX + member.address_hash,
            sk=f"ORG#{member.org_id}",
            role=member.role,
            created_at=member.created_at,
            updated_at=member.updated_at,
        )

    def domain(self) -> StaffMember:
        return StaffMember(
            org_id=self.sk.removeprefix("ORG#"),
            address_hash=self.pk.removeprefix(MEMBER_PREFIX),
            role=self.role,
            created_at=self.created_at,
            updated_at=self.updated_at,
        )


class LinkItem(Stored):
    pk: str
    sk: str = "LINK"
    org_id: str = Field(alias="org")
    address_hash: str = Field(alias="addr")
    expires_at: int  # TTL attribute

    def domain(self) -> SignInLink:
        return SignInLink(token_hash=self.pk.removeprefix(LINK_PREFIX), **self.model_dump(exclude={"pk", "sk"}))


class SessionItem(Stored):
    pk: str
    sk: str = "SESSION"
    org_id: str = Field(alias="org")
    address_hash: str = Field(alias="addr")
    role: str
    csrf: str
    created_at: int = Field(alias="cr")
    seen_at: int = Field(alias="seen")
    expires_at: int  # TTL attribute: the absolute end

    def domain(self) -> StaffSession:
        return StaffSession(token_hash=self.pk.removeprefix(SESSION_PREFIX), **self.model_dump(exclude={"pk", "sk"}))


class StaffStore:
    def __init__(self, table: Table) -> None:
        self.table = table

    def put_member(self, member: StaffMember) -> bool:
        return self.table.replace(MemberItem.of(member).item())

    def get_member(self, org_id: str, address_hash: str) -> StaffMember | None:
        item = self.table.get(MEMBER_PREFIX + address_hash, f"ORG#{org_id}")
        return MemberItem.model_validate(item).domain() if item else None

    def delete_member(self, org_id: str, address_hash: str) -> bool:
        return self.table.delete(MEMBER_PREFIX + address_hash, f"ORG#{org_id}")

    def memberships(self, address_hash: str) -> list[StaffMember]:
        items = self.table.query(MEMBER_PREFIX + address_hash, "ORG#")
        return [MemberItem.model_validate(i).domain() for i in items]

    def put_link(self, link: SignInLink) -> None:
        data = link.model_dump(exclude={"token_hash"})
        self.table.put(LinkItem(pk=LINK_PREFIX + link.token_hash, **data).item())

    def peek_link(self, token_hash: str) -> SignInLink | None:
        item = self.table.get(LINK_PREFIX + token_hash, "LINK")
        return LinkItem.model_validate(item).domain() if item else None

    def take_link(self, token_hash: str) -> SignInLink | None:
        link = self.peek_link(token_hash)
        if link is None or not self.table.delete(LINK_PREFIX + token_hash, "LINK"):
            return None  # unknown, or another request used it between the read and the delete
        return link

    def put_session(self, session: StaffSession) -> None:
        data = session.model_dump(exclude={"token_hash", "org_name"})
        self.table.put(SessionItem(pk=SESSION_PREFIX + session.token_hash, **data).item())

    def get_session(self, token_hash: str) -> StaffSession | None:
        item = self.table.get(SESSION_PREFIX + token_hash, "SESSION")
        return SessionItem.model_validate(item).domain() if item else None

    def touch_session(self, token_hash: str, seen_at: int) -> None:
        # Only an existing session: a touch racing a sign-out must not bring it back.
        change = Change(set={"seen": seen_at})
        self.table.update(SESSION_PREFIX + token_hash, "SESSION", change, Condition(exists=True))

    def delete_session(self, token_hash: str) -> None:
        self.table.delete(SESSION_PREFIX + token_hash, "SESSION")
