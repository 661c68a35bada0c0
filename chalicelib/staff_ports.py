"""The port of the staff console: staff members, their sign-in links and their sessions."""

from __future__ import annotations

from typing import Protocol

from chalicelib.domain.staff import SignInLink, StaffMember, StaffSession


class Staff(Protocol):
    def put_member(self, member: StaffMember) -> bool:
        """Register or replace; True when the member is new to the organisation."""
        ...

    def get_member(self, org_id: str, address_hash: str) -> StaffMember | None: ...

    def delete_member(self, org_id: str, address_hash: str) -> bool:
        """True when there was one; their sessions end at their next request (the role check)."""
        ...

    def memberships(self, address_hash: str) -> list[StaffMember]:
        """Every organisation this address may sign in to, by organisation id."""
        ...

    def put_link(self, link: SignInLink) -> None: ...

    def peek_link(self, token_hash: str) -> SignInLink | None:
        """The link, if stored (expired or not), without using it."""
        ...

    def take_link(self, token_hash: str) -> SignInLink | None:
        """Use the link: only one caller ever gets it, then it is gone."""
        ...

    def put_session(self, session: StaffSession) -> None: ...

    def get_session(self, token_hash: str) -> StaffSession | None: ...

    def touch_session(self, token_hash: str, seen_at: int) -> None: ...

    def delete_session(self, token_hash: str) -> None: ...
