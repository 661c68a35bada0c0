"""The pure rules of confidentiality (a case's level against its case type's two limits) and of
the organisation's contact (what is accepted, how it reads and links)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from chalicelib.domain import confidentiality, org_contact
from chalicelib.domain.channels.email import email_parts
from chalicelib.domain.confidentiality import LEVELS, Limits, LimitsIn, details_hidden, neutral_message, unpublished
from chalicelib.domain.org_contact import Contact, ContactIn

DEFAULT = Limits()


@pytest.mark.parametrize(
    ("level", "hidden", "gone"),
    [
        ("openbaar", False, False),
        ("beperkt_openbaar", False, False),
        ("intern", False, False),
        ("zaakvertrouwelijk", False, False),
        ("vertrouwelijk", True, False),
        ("confidentieel", True, True),
        ("geheim", True, True),
        ("zeer_geheim", True, True),
    ],
)
def test_the_default_limits_hide_details_above_zaakvertrouwelijk_and_everything_above_vertrouwelijk(
    level, hidden, gone
):
    assert (details_hidden(level, DEFAULT), unpublished(level, DEFAULT)) == (hidden, gone)


def test_the_levels_run_from_open_to_top_secret_and_no_level_counts_as_open():
    assert LEVELS[0] == "openbaar" and LEVELS[-1] == "zeer_geheim" and len(LEVELS) == 8
    assert confidentiality.rank(None) == confidentiality.rank("openbaar") == 0
    assert not unpublished(None, Limits(message_details_up_to="openbaar", publish_up_to="openbaar"))


def test_a_case_type_sets_its_own_limits_and_only_known_levels():
    strict = LimitsIn(message_details_up_to="openbaar", publish_up_to="intern").domain()
    assert details_hidden("beperkt_openbaar", strict) and unpublished("zaakvertrouwelijk", strict)
    with pytest.raises(ValidationError):
        LimitsIn.model_validate({"publish_up_to": "topgeheim"})


def test_a_zgw_value_becomes_a_level_only_when_it_is_one_of_the_eight():
    assert confidentiality.level_of("vertrouwelijk") == "vertrouwelijk"
    assert confidentiality.level_of("VERTROUWELIJK") is None
    assert confidentiality.level_of(None) is None


def test_the_neutral_message_names_only_the_organisation_and_the_link():
    url = "https://zaakstatus.test/track/hvc.x"
    assert neutral_message("HVC", url, "nl") == f"Er is nieuws over uw zaak bij HVC. Kijk op {url}"
    assert neutral_message("HVC", url, "en") == f"There is news about your case at HVC. See {url}"


def test_a_contact_is_normalised_and_an_empty_one_is_none():
    given = ContactIn(phone=" 0800 0700 ", email="Balie@HVC.example", hours={"nl": " ma-vr 8-17 "}).domain()

    assert given == Contact(phone="0800 0700", email="Balie@hvc.example", hours={"nl": "ma-vr 8-17"})
    assert ContactIn().domain() is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", "bel ons"),
        ("email", "geen adres"),
        ("url", "http://www.hvc.example"),
        ("hours", {"nederlands": "ma-vr"}),
        ("hours", {"nl": "ma\nvr"}),
    ],
)
def test_a_contact_with_a_bad_field_is_refused_by_name(field, value):
    with pytest.raises(ValidationError) as raised:
        ContactIn.model_validate({field: value})
    assert [e["loc"][0] for e in raised.value.errors()] == [field]


def test_a_contact_reads_in_the_readers_language_and_links_where_it_can():
    contact = Contact(phone="+31 20 123 4567", email="info@hvc.example", hours={"nl": "werkdagen"})

    assert org_contact.rows(contact, "en") == [
        ("phone", "Phone", "+31 20 123 4567"),
        ("email", "E-mail", "info@hvc.example"),
        ("hours", "Opening hours", "werkdagen"),  # Dutch where there is no English
    ]
    assert org_contact.href("phone", "+31 20 123 4567") == "tel:+31201234567"
    assert org_contact.href("email", "info@hvc.example") == "mailto:info@hvc.example"
    assert org_contact.href("hours", "werkdagen") is None


def test_the_case_types_contact_wins_over_the_organisations():
    own, org = Contact(phone="0800 1234"), Contact(phone="0800 0700")

    assert org_contact.out(own, org) is not None and org_contact.out(own, org).phone == "0800 1234"
    assert org_contact.out(None, org) is not None and org_contact.out(None, org).phone == "0800 0700"
    assert org_contact.out(None, None) is None


def test_an_e_mails_footer_escapes_and_links_the_contact():
    contact = Contact(url="https://www.hvc.example/?a=1&b=2", hours={"nl": "<altijd>"})

    _, plain, html = email_parts(
        organisation="HVC", case_type="Klacht", text="Tekst.", tracking_url="https://t", language="nl", contact=contact
    )

    assert "HVC\nVragen over uw zaak? Neem contact op met HVC.\nWebsite: https://www.hvc.example/?a=1&b=2\n" in plain
    assert 'href="https://www.hvc.example/?a=1&amp;b=2"' in html and "Bereikbaar: &lt;altijd&gt;" in html
