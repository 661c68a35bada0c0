"""What the ZGW services answer (see `chalicelib/domain/answers.py`)."""

from __future__ import annotations

from chalicelib.domain.answers import Answer


class ZgwConnectionOut(Answer):
    zaken_api: str
    catalogi_api: str
    client_id: str
    rsins: list[str]
    updated_at: str
    callback_url: str
    kanaal: str


class UpdatedCaseType(Answer):
    code: str
    changes: list[str]


class FailedZaaktype(Answer):
    zaaktype: str
    reason: str


class ImportCounts(Answer):
    created: int
    updated: int
    unchanged: int
    failed: int


class CatalogueImported(Answer):
    created: list[str]
    updated: list[UpdatedCaseType]
    unchanged: list[str]
    failed: list[FailedZaaktype]
    counts: ImportCounts
