"""Parts of the tracking view about what the citizen must do and whom to ask: the action asked
now and the organisation's contact. Exact, like every answer (`extra="forbid"`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Notice(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class ActionOut(Notice):
    text: str
    deadline: str  # ISO date: the last day to act
    url: str | None  # where to do it (https), when the organisation gave a link


class ContactOut(Notice):
    phone: str | None
    email: str | None
    url: str | None
    hours: dict[str, str]  # opening hours by language


class ConfidentialityOut(Notice):
    message_details_up_to: str  # above this level messages say only that there is news
    publish_up_to: str  # above this level there is no page and no message
