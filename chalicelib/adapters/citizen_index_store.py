"""A citizen's index, sign-in links and sessions on the item table (port: `CitizenIndex`).

| item                  | pk                             | sk                           |
|-----------------------|--------------------------------|------------------------------|
| case reference        | CITIZEN#a:<hmac(address)>      | REF#<org>#<case_id>#<party>  |
|                       | CITIZEN#i:<hmac(BSN/KvK)>      | REF#<org>#<case_id>#<party>  |
| sign-in link          | CITIZENLINK#<sha256(token)>    | LINK                         |
| session               | CITIZENSESSION#<sha256(token)> | SESSION                      |

One Query per key finds every case of an address or identity, of every organisation. The
reference's parts are also attributes, so a case id holding `#` reads back intact. References of
a closed case carry its TTL; links and sessions carry theirs (DynamoDB removes them lazily, so the
service checks the time itself).
"""

from __future__ import annotations

from pydantic import Field

from chalicelib.adapters.items import Stored
from chalicelib.adapters.table import Change, Condition, Table
from chalicelib.domain.citizen import CaseRef, CitizenLink, CitizenSession

REF_PREFIX = "CITIZEN#"
LINK_PREFIX = "CITIZENLINK#"
SESSION_PREFIX = "CITIZENSESSION#"


def _sk(ref: CaseRef) -> str:
    return f"REF#{ref.org_id}#{ref.case_id}#{ref.party_id}"


class RefItem(Stored):
    pk: str
    sk: str
    org_id: str = Field(alias="org")
    case_id: str = Field(alias="case")
    party_id: str = Field(alias="party")
    expires_at: int | None = None


class LinkItem(Stored):
    pk: str
    sk: str = "LINK"
    address_hash: str = Field(alias="addr")
    expires_at: int


class SessionItem(Stored):
    pk: str
    sk: str = "SESSION"
    address_hash: str | None = Field(default=None, alias="addr")
    identity_hash: str | None = Field(default=None, alias="id")
    csrf: str
    created_at: int = Field(alias="cr")
    seen_at: int = Field(alias="seen")
    expires_at: int  # TTL attribute: the absolute end


class CitizenIndexStore:
    def __init__(self, table: Table) -> None:
        self.table = table

    def put_ref(self, key: str, ref: CaseRef, expires_at: int | None = None) -> None:
        data = ref.model_dump()
        self.table.put(RefItem(pk=REF_PREFIX + key, sk=_sk(ref), expires_at=expires_at, **data).item())

    def delete_ref(self, key: str, ref: CaseRef) -> None:
        self.table.delete(REF_PREFIX + key, _sk(ref))

    def refs(self, key: str) -> list[CaseRef]:
        items = [RefItem.model_validate(i) for i in self.table.query(REF_PREFIX + key, "REF#")]
        return [CaseRef(org_id=i.org_id, case_id=i.case_id, party_id=i.party_id) for i in items]

    def put_link(self, link: CitizenLink) -> None:
        data = link.model_dump(exclude={"token_hash"})
        self.table.put(LinkItem(pk=LINK_PREFIX + link.token_hash, **data).item())

    def peek_link(self, token_hash: str) -> CitizenLink | None:
        item = self.table.get(LINK_PREFIX + token_hash, "LINK")
        if item is None:
            return None
        stored = LinkItem.model_validate(item)
        return CitizenLink(token_hash=token_hash, address_hash=stored.address_hash, expires_at=stored.expires_at)

    def take_link(self, token_hash: str) -> CitizenLink | None:
        link = self.peek_link(token_hash)
        if link is None or not self.table.delete(LINK_PREFIX + token_hash, "LINK"):
            return None  # unknown, or another request used it between the read and the delete
        return link

    def put_session(self, session: CitizenSession) -> None:
        data = session.model_dump(exclude={"token_hash"})
        self.table.put(SessionItem(pk=SESSION_PREFIX + session.token_hash, **data).item())

    def get_session(self, token_hash: str) -> CitizenSession | None:
        item = self.table.get(SESSION_PREFIX + token_hash, "SESSION")
        if item is None:
            return None
        stored = SessionItem.model_validate(item)
        return CitizenSession(token_hash=token_hash, **stored.model_dump(exclude={"pk", "sk"}))

    def touch_session(self, token_hash: str, seen_at: int) -> None:
        # Only an existing session: a touch racing a sign-out must not bring it back.
        change = Change(set={"seen": seen_at})
        self.table.update(SESSION_PREFIX + token_hash, "SESSION", change, Condition(exists=True))

    def delete_session(self, token_hash: str) -> None:
        self.table.delete(SESSION_PREFIX + token_hash, "SESSION")
