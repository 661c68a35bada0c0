"""The whole of "Mijn zaken" for one citizen with cases at three organisations, two found by the
e-mail address and one by the BSN only: the sign-in link shows the first two, DigiD the third,
and another citizen's case at a fourth organisation shows in neither."""

from __future__ import annotations

from typing import Any

from local.oidc_standin import OidcStandIn
from tests.functional.test_digid_sign_in import approve, callback, cookies, provider, start  # noqa: F401
from tests.my_cases import CITIZEN, OTHER, case, case_ids, organisation, sign_in

BSN = "999993653"
OTHER_BSN = "999990019"


def test_one_citizen_sees_exactly_their_cases_of_three_organisations_by_link_and_by_digid(
    harness: Any,
    provider: OidcStandIn,  # noqa: F811 - the imported fixture
) -> None:
    gouda, raalte, svb, hvc = (organisation(harness, o) for o in ("gouda", "raalte", "svb", "hvc"))
    case(harness, gouda, "GOUDA-1", email=CITIZEN)
    case(harness, raalte, "RAALTE-1", email=CITIZEN)
    case(harness, svb, "SVB-1", initiator={"bsn": BSN})  # no contact address: found by the BSN only
    case(harness, hvc, "HVC-1", email=OTHER, initiator={"bsn": OTHER_BSN})  # another citizen's

    by_link = sign_in(harness, CITIZEN)
    assert sorted(case_ids(harness, by_link)) == ["GOUDA-1", "RAALTE-1"]

    url, flow = start(harness)
    signed_in = callback(harness, approve(url, BSN), flow)
    assert signed_in.status_code == 200, signed_in.body
    by_digid = f"zs_mijn={cookies(signed_in)['zs_mijn']}"
    assert case_ids(harness, by_digid) == ["SVB-1"]

    other = sign_in(harness, OTHER)
    assert case_ids(harness, other) == ["HVC-1"]  # the fourth organisation's case is theirs alone
