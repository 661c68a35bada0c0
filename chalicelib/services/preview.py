"""Preview: a status's message as a citizen would get it, before any citizen does, for a stored
case type (the API) or an unsaved one (the console's form, previewed on submit)."""

from __future__ import annotations

import re

from chalicelib.domain import clock, links
from chalicelib.domain.case_types import to_domain
from chalicelib.domain.errors import NotFound
from chalicelib.domain.inbound import CODE, CaseTypeIn
from chalicelib.domain.models import CaseType, Organisation
from chalicelib.domain.preview import PreviewAnswer, PreviewIn
from chalicelib.domain.preview_message import render
from chalicelib.services.deps import Deps

# Sample links are signed with this, not the token key: they have the real length (so the SMS
# count is right) but never open a case, not even one that has the sample's case id.
SAMPLE_LINK_KEY = "zaakstatus-preview-sample-link"


def preview(deps: Deps, org_id: str, code: str, data: PreviewIn) -> PreviewAnswer:
    case_type = deps.case_types.get_case_type(org_id, code) if re.fullmatch(CODE, code) else None
    organisation = deps.organisations.get_organisation(org_id)
    if case_type is None or organisation is None:
        raise NotFound(
            f"There is no case type '{code}'." if re.fullmatch(CODE, code) else "There is no such case type."
        )
    return preview_case_type(deps, organisation, case_type, data)


def preview_unsaved(deps: Deps, org_id: str, code: str, case_type: CaseTypeIn, data: PreviewIn) -> PreviewAnswer:
    """The message of a case type as a form describes it, before it is saved (checked by the
    caller as `case_types.put` checks it)."""
    organisation = deps.organisations.get_organisation(org_id)
    if organisation is None:
        raise NotFound("There is no such organisation.")
    return preview_case_type(deps, organisation, to_domain(code, case_type), data)


def preview_case_type(deps: Deps, organisation: Organisation, case_type: CaseType, data: PreviewIn) -> PreviewAnswer:
    public_url = deps.settings.public_url

    def url_of(case_id: str, party_id: str) -> str:
        return links.tracking_url(public_url, SAMPLE_LINK_KEY, organisation.id, case_id, 0, party_id)

    return render(organisation, case_type, data, url_of, public_url, clock.now())
