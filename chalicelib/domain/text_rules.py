"""What characters a text the organisation gives may hold, decided by where it ends up.

- One line (`OneLine`): names and short texts that go into e-mail headers (the subject names the
  organisation and the case type), SMS and page headings: organisation and case type names in
  every language, status names, key date labels, party names. No control characters at all, no
  line or paragraph separators and no invisible format characters: a CR/LF in a subject makes
  the provider refuse every message (or worse, adds a header).
- A body (`BodyText`): status texts and results are message bodies that may run over lines, so
  line breaks and tabs stay; every other control character is refused.

Refused at the API with a 400 that names the field; `header_safe` is the defence in depth at
send time for names stored before these rules existed."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator

ONE_LINE_RULE = "must be one line without control characters"
BODY_RULE = "must not contain control characters other than line breaks and tabs"
_NOT_ONE_LINE = ("Cc", "Cf", "Zl", "Zp")
_BODY_BREAKS = frozenset("\n\r\t")
_UNSAFE_RUN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]+")


def one_line(value: str) -> str:
    if any(unicodedata.category(c) in _NOT_ONE_LINE for c in value):
        raise ValueError(ONE_LINE_RULE)
    return value


def body_text(value: str) -> str:
    if any(unicodedata.category(c) == "Cc" and c not in _BODY_BREAKS for c in value):
        raise ValueError(BODY_RULE)
    return value


def one_line_as_sent(value: object) -> object:
    """`one_line` on the value as sent, before the model trims it: a name that starts or ends in
    CR/LF is refused, not quietly repaired into one that fits."""
    return one_line(value) if isinstance(value, str) else value


OneLine = Annotated[str, BeforeValidator(one_line_as_sent)]
BodyText = Annotated[str, AfterValidator(body_text)]


def header_safe(value: str) -> str:
    """A text as one header line: each run of control and separator characters one space."""
    return " ".join(_UNSAFE_RUN.sub(" ", value).split())
