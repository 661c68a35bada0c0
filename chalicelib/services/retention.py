"""The retention sweep: bring every item of a case in line with its expiry (see
`chalicelib/domain/retention.py`). It reads the case when it runs, so a reopen or close that
overtook the request is respected; it is idempotent, so a replayed closing event may ask again."""

from __future__ import annotations

from chalicelib.domain.retention import expiry_of
from chalicelib.services import citizen_index, parties
from chalicelib.services.deps import Deps


def sweep(deps: Deps, org_id: str, case_id: str) -> int:
    """Stamp (or clear) `expires_at` on every item of the case; returns the items written."""
    case = deps.cases.load_case(org_id, case_id)
    if not case.exists:
        return 0
    case_type = deps.case_types.get_case_type(org_id, case.case_type or "")
    expires_at = expiry_of(case, case_type)
    written = deps.cases.expire_case(org_id, case_id, parties.beyond(deps, case), expires_at)
    return written + citizen_index.stamp(deps, case, expires_at)  # "Mijn zaken" finds it as long
