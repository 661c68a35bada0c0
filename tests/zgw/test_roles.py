"""A zaak's Rollen as parties: the pure mapping (`chalicelib/domain/zgw/roles.py`). No I/O."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest

from chalicelib.domain.parties import PARTY_ID
from chalicelib.domain.zgw.roles import MAX_PARTIES, initiator_rollen, parties_of, party_id_of
from chalicelib.domain.zgw.statuses import initiator_in
from local import zgw_documents

ZAAK = "https://zaken.example.nl/zaken/api/v1/zaken/1"
CATALOGI = "https://zaken.example.nl/catalogi/api/v1/"
BSN, BSN_2 = "999993653", "123456782"  # both pass the eleven-test


def rol(betrokkene_type: str, generiek: str, ident: dict[str, Any], **details: Any) -> dict[str, Any]:
    uid = str(uuid.uuid4())
    url = f"https://zaken.example.nl/zaken/api/v1/rollen/{uid}"
    return zgw_documents.rol(url, uid, ZAAK, CATALOGI, betrokkene_type, generiek, ident, **details)


def person(bsn: str = BSN_2, **details: Any) -> dict[str, Any]:
    return rol("natuurlijk_persoon", details.pop("generiek", "mede_initiator"), zgw_documents.person(bsn), **details)


def email(address: str) -> dict[str, str]:
    return {"naam": "contactpersoon", "emailadres": address}


def by_id(rollen: list[dict[str, Any]], known: tuple[str, ...] = ()) -> dict[str, Any]:
    return {p.party_id: p for p in parties_of(rollen, known)}


@pytest.mark.parametrize(
    "generiek, machtiging, role",
    [
        ("mede_initiator", "", "co_initiator"),
        ("belanghebbende", "", "interested"),
        ("belanghebbende", "gemachtigde", "representative"),
        ("initiator", "gemachtigde", "representative"),  # acts for the initiator, is not one
        ("mede_initiator", "machtiginggever", "co_initiator"),
    ],
)
def test_each_generic_role_and_machtiging_maps_to_its_party_role(generiek, machtiging, role):
    mapped = rol("natuurlijk_persoon", generiek, zgw_documents.person(BSN_2), machtiging=machtiging)
    [party] = parties_of([mapped])
    assert party.role == role and party.kind == "person"
    assert party.party_id == f"rol-{mapped['uuid']}" and re.match(PARTY_ID, party.party_id)


@pytest.mark.parametrize("generiek", ["behandelaar", "adviseur", "beslisser", "klantcontacter", "zaakcoordinator"])
def test_the_organisations_own_roles_are_no_parties(generiek):
    assert parties_of([person(generiek=generiek, contact=email("a@example.nl"))]) == []


@pytest.mark.parametrize(
    "betrokkene_type, ident",
    [
        ("medewerker", {"identificatie": "m1", "achternaam": "Smit", "voorletters": "A", "voorvoegselAchternaam": ""}),
        ("organisatorische_eenheid", {"identificatie": "oe1", "naam": "Team Afval", "isGehuisvestIn": ""}),
        ("iets_nieuws", {"nummer": "1"}),  # a type a later Zaken API may add
    ],
)
def test_other_and_unknown_betrokkene_types_are_skipped(betrokkene_type, ident):
    skipped = rol(betrokkene_type, "belanghebbende", ident, contact=email("b@example.nl"))
    kept = person()
    assert list(by_id([skipped, kept])) == [party_id_of(kept)]


def test_a_person_is_identified_by_bsn_and_a_business_by_kvk_branch_or_rsin():
    company = {"innNnpId": "876543210", "statutaireNaam": "Korenschoof BV"}
    nnp = rol("niet_natuurlijk_persoon", "belanghebbende", company)
    vestiging = {"vestigingsNummer": "000012345678", "kvkNummer": "12345678", "handelsnaam": ["Bakkerij Bol"]}
    branch = rol("vestiging", "belanghebbende", vestiging)
    newer_nnp = rol("niet_natuurlijk_persoon", "belanghebbende", {"innNnpId": "876543210", "kvkNummer": "87654321"})
    parties = by_id([person(), nnp, branch, newer_nnp])
    assert parties[party_id_of(nnp)].identifier.rsin == "876543210"
    assert parties[party_id_of(nnp)].kind == "business" and parties[party_id_of(nnp)].name == "Korenschoof BV"
    assert parties[party_id_of(branch)].identifier.kind_and_number == ("kvk", "12345678/000012345678")
    assert parties[party_id_of(branch)].name == "Bakkerij Bol"
    assert parties[party_id_of(newer_nnp)].identifier.kvk == "87654321"  # Zaken API 1.6 adds kvkNummer
    person_party = next(p for p in parties.values() if p.kind == "person")
    assert person_party.identifier.bsn == BSN_2 and person_party.name is None  # a person's name is not kept


def test_a_number_that_fails_its_check_leaves_the_party_without_identity():
    [party] = parties_of([person(bsn="123456789")])  # fails the eleven-test
    assert party.identifier is None


def test_contact_comes_from_the_contactpersoon_e_mail_first_then_a_mobile_number():
    both = person(contact={"naam": "x", "emailadres": "Mede@Example.nl", "telefoonnummer": "06 12345678"})
    mobile = person(contact={"naam": "x", "telefoonnummer": "06 22222222"})
    landline = person(contact={"naam": "x", "telefoonnummer": "010 1234567", "emailadres": "geen adres"})
    nothing = person()
    parties = by_id([both, mobile, landline, nothing])
    assert (parties[party_id_of(both)].channel, parties[party_id_of(both)].email) == ("email", "Mede@example.nl")
    assert parties[party_id_of(both)].phone == "+31612345678"
    assert (parties[party_id_of(mobile)].channel, parties[party_id_of(mobile)].phone) == ("sms", "+31622222222")
    assert (parties[party_id_of(landline)].channel, parties[party_id_of(landline)].phone) == ("portal", None)
    assert parties[party_id_of(nothing)].channel == "portal"


def test_the_earliest_initiator_is_party_initiator_and_a_later_one_a_co_initiator():
    later = person(bsn=BSN_2, generiek="initiator", registered="2026-11-29T09:00:00Z", contact=email("b@example.nl"))
    first = person(bsn=BSN, generiek="initiator", registered="2026-11-28T09:00:00Z", contact=email("a@example.nl"))
    parties = by_id([later, first])
    assert parties["initiator"].email == "a@example.nl" and parties["initiator"].role == "initiator"
    assert parties[party_id_of(later)].role == "co_initiator"
    assert initiator_in(initiator_rollen([later, first])).bsn == BSN  # the v1 hash is the same person's


def test_the_initiator_without_contact_data_is_left_to_the_case_system():
    assert parties_of([person(bsn=BSN, generiek="initiator")]) == []
    assert initiator_in(initiator_rollen([person(bsn=BSN, generiek="initiator")])).bsn == BSN


def test_a_gemachtigde_under_initiator_does_not_become_the_initiator():
    gemachtigde = person(bsn=BSN_2, generiek="initiator", machtiging="gemachtigde", registered="2026-11-27T09:00:00Z")
    initiator = person(bsn=BSN, generiek="initiator")
    assert initiator_in(initiator_rollen([gemachtigde, initiator])).bsn == BSN


def test_known_parties_are_not_registered_again():
    mede, other = person(contact=email("a@example.nl")), person(contact=email("b@example.nl"))
    assert list(by_id([mede, other], known=(party_id_of(mede),))) == [party_id_of(other)]


def test_at_most_as_many_parties_as_an_event_carries_in_registration_order():
    rollen = [person(registered=f"2026-11-28T09:{minute:02d}:00Z") for minute in range(MAX_PARTIES + 5)]
    assert [p.party_id for p in parties_of(rollen)] == [party_id_of(r) for r in rollen[:MAX_PARTIES]]
    assert parties_of(list(reversed(rollen))) == parties_of(rollen)  # the API's order does not matter


def test_a_rol_without_uuid_gets_an_id_from_its_url():
    odd = {**person(), "uuid": "not-a-uuid"}
    assert re.match(PARTY_ID, party_id_of(odd)) and party_id_of(odd) != party_id_of({**odd, "url": ZAAK + "/x"})


def test_a_business_name_without_control_characters_and_at_most_200_long():
    named = rol("vestiging", "belanghebbende", {"kvkNummer": "12345678", "handelsnaam": ["A\nB" + "c" * 300]})
    [party] = parties_of([named])
    assert party.name is not None and "\n" not in party.name and len(party.name) <= 200
