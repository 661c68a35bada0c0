"""What comes in about key dates and results (strict, as everything in `inbound.py`): a case
type's declared dates, and an event's dates and result."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from chalicelib.domain.dates import Day
from chalicelib.domain.ids import Exact
from chalicelib.domain.key_dates import Result
from chalicelib.domain.text_rules import BodyText, OneLine

DATE_CODE = r"^[a-z0-9][a-z0-9_-]{0,63}$"  # a code as everywhere (`inbound.CODE`)


class FactsIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


class KeyDateIn(FactsIn):
    """A key date of a case type: `dates.<code>` in events and texts."""

    code: Exact = Field(pattern=DATE_CODE)
    label: dict[str, OneLine]
    notify_on_change: bool = False  # moving it tells the case's persons and businesses

    @field_validator("label")
    @classmethod
    def _label(cls, label: dict[str, str]) -> dict[str, str]:
        if "nl" not in label:
            raise ValueError("a key date needs a Dutch label (label.nl)")
        for lang, value in label.items():
            if len(lang) != 2 or not lang.isascii() or not lang.islower():
                raise ValueError(f"language {lang!r} is not a two-letter code")
            if not value.strip() or len(value) > 100:
                raise ValueError(f"label in {lang!r} must be 1 to 100 characters")
        return label


# An event's key dates: code -> day; the codes are checked against the case type on ingest.
EventDates = dict[Annotated[Exact, Field(pattern=DATE_CODE)], Day]


class ResultIn(FactsIn):
    """The decision, with the final status: a code of the organisation's and the citizen's text."""

    code: Exact = Field(pattern=DATE_CODE)
    text: BodyText = Field(min_length=1, max_length=1000)

    def domain(self) -> Result:
        return Result(code=self.code, text=self.text)
