"""No broken sentences: a status text whose placeholder has no value.

Such a text gives way to the status's `text_fallback` in the same language; without one (or when
the fallback misses a value too), the clause around the empty placeholder is left out:
"Uw klacht over ((case.description)) is in behandeling genomen." reads "Uw klacht is in
behandeling genomen.", "Reden: ((status.explanation))" goes as a whole, and a sentence that
starts with the placeholder goes with it. What is left is tidied: no double space, no space
before a stop, no empty brackets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from chalicelib.domain.case_answers import TextWarning
from chalicelib.domain.models import CaseType, Status
from chalicelib.domain.rendering import PLACEHOLDER, fill

# Placeholders that may have no value: a case without description, a status without
# explanation, a date not yet set, a case without result; the expected end date only where the
# case type has no service norm to compute it from.
MAYBE_EMPTY = ("case.description", "status.explanation", "result.text", "action.text", "action.deadline")
# Words that only lead into the placeholder ("over", "uiterlijk", "by"): they go with it.
LEAD_INS = frozenset(
    "over van voor met op in bij om tot uiterlijk per naar tegen rond vanaf na sinds "
    "about by for on of with at to from regarding until before after around since".split()
)
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def may_be_empty(name: str, case_type: CaseType) -> bool:
    if name == "case.expected_end_date":
        return case_type.service_norm_days is None
    return name in MAYBE_EMPTY or name.startswith("dates.")


def empty_in(text: str, values: Mapping[str, str]) -> list[str]:
    return [name for name in PLACEHOLDER.findall(text) if not values.get(name, "").strip()]


def status_text(status: Status | None, code: str, kind: str, language: str, values: Mapping[str, str]) -> str:
    """What a party of `kind` reads for a status, every placeholder filled or its clause gone."""
    if status is None:
        return code
    template = status.text_for(kind, language) or status.name
    if not empty_in(template, values):
        return fill(template, dict(values))
    written_in = language if language in status.text else "nl"
    fallback = status.text_fallback.get(written_in, "")
    return complete(fallback or template, values) or status.name


def translated(status: Status | None, kind: str, language: str) -> bool:
    """Whether the status's text exists in `language` (else the reader gets the Dutch one)."""
    if language == "nl" or status is None:
        return True
    texts = status.text_business if kind == "business" and status.text_business else status.text
    return language in texts


def complete(text: str, values: Mapping[str, str]) -> str:
    """`text` filled, each clause with a placeholder without value left out."""
    while match := next((m for m in PLACEHOLDER.finditer(text) if not values.get(m.group(1), "").strip()), None):
        text = _without(text, match.start(), match.end())
    return tidy(fill(text, dict(values)))


def _without(text: str, start: int, end: int) -> str:
    """`text` without the placeholder at start:end and what only leads into it."""
    opening = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    prefix = text[opening:start]
    words = list(re.finditer(r"\S+", prefix))
    if words and words[-1].group().endswith(":"):  # a label ("Reden: ") goes from its clause's start
        cut = max(prefix.rfind(","), prefix.rfind(";"))
        if cut >= 0:
            return text[: opening + cut] + text[end:]
        words = []
    while words and words[-1].group().lower() in LEAD_INS:
        words.pop()
    if not words:  # the sentence starts with the placeholder (or its lead-in): it goes whole
        closing = SENTENCE_END.search(text, end)
        return text[:opening] + text[closing.end() if closing else len(text) :]
    return text[: opening + words[-1].end()] + text[end:]


def tidy(text: str) -> str:
    text = re.sub(r"\(\s*\)|\[\s*\]|\"\s*\"|'\s*'", "", text)
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    text = re.sub(r"([,;:])(?=[.!?]|$)", "", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    return text.strip()


def warnings_of(case_type: CaseType) -> list[TextWarning]:
    """The texts that use a placeholder that may be empty while their status has no fallback
    text in that language: they will read with that clause left out."""
    found: list[TextWarning] = []
    for i, status in enumerate(case_type.statuses):
        for field in ("text", "text_business", "text_fallback"):
            for lang, text in getattr(status, field).items():
                if field != "text_fallback" and status.text_fallback.get(lang):
                    continue
                instead = "" if field == "text_fallback" else f" and there is no text_fallback.{lang}"
                found += [
                    TextWarning(
                        field=f"statuses.{i}.{field}.{lang}",
                        placeholder=name,
                        message=f"(({name})) may be empty{instead}: the clause with it is then left out",
                    )
                    for name in dict.fromkeys(PLACEHOLDER.findall(text))
                    if may_be_empty(name, case_type)
                ]
    return found
