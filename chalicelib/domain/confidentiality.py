"""Confidentiality: a case's vertrouwelijkheidaanduiding (ZGW's eight values, from open to top
secret) against its case type's two limits.

- Above `message_details_up_to` a message names only the organisation and the link: no
  description, status text, explanation or action.
- Above `publish_up_to` there is no page (the link answers as an unknown one) and no message.

A case has the level its events gave last (`openbaar` until one gives one).
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

from chalicelib.domain.base import Domain

Level = Literal[
    "openbaar",
    "beperkt_openbaar",
    "intern",
    "zaakvertrouwelijk",
    "vertrouwelijk",
    "confidentieel",
    "geheim",
    "zeer_geheim",
]
LEVELS: tuple[str, ...] = get_args(Level)  # ZGW's vertrouwelijkheidaanduiding, least confidential first
OPEN = LEVELS[0]
CONFIDENTIAL = "confidential"  # the error word of a message not sent because of the case's level


class Limits(Domain):
    """A case type's limits: up to which level messages carry details, and up to which level
    there is a page and a message at all."""

    message_details_up_to: str = "zaakvertrouwelijk"
    publish_up_to: str = "vertrouwelijk"


class LimitsIn(BaseModel):
    """`"confidentiality"` of a case type."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)
    message_details_up_to: Level = "zaakvertrouwelijk"
    publish_up_to: Level = "vertrouwelijk"

    def domain(self) -> Limits:
        return Limits(message_details_up_to=self.message_details_up_to, publish_up_to=self.publish_up_to)


def rank(level: str | None) -> int:
    """A level's place, open first; an unknown or missing level counts as open."""
    return LEVELS.index(level) if level in LEVELS else 0


def level_of(zgw_value: object) -> str | None:
    """A zaak's `vertrouwelijkheidaanduiding` as a level; None when it is none of the eight."""
    return zgw_value if isinstance(zgw_value, str) and zgw_value in LEVELS else None


def details_hidden(level: str | None, limits: Limits) -> bool:
    """Messages say only that there is news, with the link."""
    return rank(level) > rank(limits.message_details_up_to)


def unpublished(level: str | None, limits: Limits) -> bool:
    """No page and no message at all."""
    return rank(level) > rank(limits.publish_up_to)


NEUTRAL = {
    "nl": "Er is nieuws over uw zaak bij {organisation}. Kijk op {url}",
    "en": "There is news about your case at {organisation}. See {url}",
}


def neutral_message(organisation: str, url: str, language: str) -> str:
    """The one sentence a message about a case above the details limit says."""
    return (NEUTRAL.get(language) or NEUTRAL["nl"]).format(organisation=organisation, url=url)
