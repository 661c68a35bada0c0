"""Parts of the answers about what a citizen needs to know: steps, key dates, the result, and
the case type's declared dates and text warnings. `answers.py` builds its models with these;
they are exact too (`extra="forbid"`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class StepOut(Part):
    code: str
    name: str
    state: Literal["done", "current", "upcoming", "skipped"]


class KeyDateOut(Part):
    code: str
    label: str  # in the reader's language (Dutch where the case type has no other)
    date: str | None  # ISO date; None while the organisation has not set it
    previous: str | None  # the value before it was last moved; None: never moved


class ResultOut(Part):
    code: str
    text: str


class KeyDateDeclOut(Part):
    """A key date as the case type declares it."""

    code: str
    label: dict[str, str]
    notify_on_change: bool


class TextWarning(Part):
    """A text that may read with a gap: it uses a placeholder that can be empty and its status
    has no `text_fallback` in that language (the clause with the placeholder is then left out)."""

    field: str  # e.g. `statuses.1.text.nl`
    placeholder: str
    message: str
