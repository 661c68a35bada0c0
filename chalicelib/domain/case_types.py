"""Rules of a case type: one final status, known placeholders, internal statuses never notify."""

from __future__ import annotations

from chalicelib.domain.errors import FieldError
from chalicelib.domain.inbound import CaseTypeIn
from chalicelib.domain.key_dates import KeyDate
from chalicelib.domain.models import CaseType, Status
from chalicelib.domain.parties import ORGANISATION_ROLES
from chalicelib.domain.rendering import unknown_placeholders


def problems_of(data: CaseTypeIn) -> list[FieldError]:
    problems: list[FieldError] = []
    seen: set[str] = set()
    date_codes = [d.code for d in data.dates]
    problems += [
        FieldError(f"dates.{i}.code", f"'{code}' is listed twice")
        for i, code in enumerate(date_codes)
        if code in date_codes[:i]
    ]
    own = {f"dates.{code}" for code in date_codes}
    for i, status in enumerate(data.statuses):
        if status.code in seen:
            problems.append(FieldError(f"statuses.{i}.code", f"'{status.code}' is listed twice"))
        seen.add(status.code)
        for field in ("text", "text_business", "text_fallback"):
            for lang, text in getattr(status, field).items():
                for name in unknown_placeholders(text, own):
                    problems.append(FieldError(f"statuses.{i}.{field}.{lang}", f"unknown placeholder (({name}))"))
    finals = [i for i, s in enumerate(data.statuses) if s.final]
    if len(finals) > 1:
        problems += [FieldError(f"statuses.{i}.final", "only one status can be final") for i in finals]
    return problems


def to_domain(code: str, data: CaseTypeIn) -> CaseType:
    explicit_final = any(s.final for s in data.statuses)
    last = len(data.statuses) - 1
    statuses = tuple(
        Status(
            code=s.code,
            name=s.name,
            notify=_notify(s.notify, s.public),
            final=s.final if explicit_final else i == last,
            public=s.public,
            text=s.text,
            text_business=s.text_business,
            text_fallback=s.text_fallback,
        )
        for i, s in enumerate(data.statuses)
    )
    return CaseType(
        code=code,
        name=data.name,
        public_name=data.public_name,
        service_norm_days=data.service_norm_days,
        retention_days=data.retention_days,
        statuses=statuses,
        dates=tuple(KeyDate(code=d.code, label=d.label, notify_on_change=d.notify_on_change) for d in data.dates),
        notify_documents=data.notify_documents,
        confidentiality=data.confidentiality.domain(),
        contact=data.contact.domain() if data.contact else None,
    )


def _notify(notify: bool | list[str], public: bool) -> bool | tuple[str, ...]:
    """A non-public status never tells a citizen or business (they never see it); it may tell
    organisation parties whose role it lists."""
    if isinstance(notify, bool):
        return notify and public
    roles = tuple(dict.fromkeys(r for r in notify if public or r in ORGANISATION_ROLES))
    return roles or False
