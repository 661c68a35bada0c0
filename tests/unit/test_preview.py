"""The preview of a status's message: the same text and composition a real message gets, the SMS
encoding and fragments counted as the provider counts them, and missing sample values read as a
real message without them reads."""

from __future__ import annotations

import re

import pytest

from chalicelib.domain import links
from chalicelib.domain.channels.sms import fragments
from chalicelib.domain.errors import InvalidFields, NotFound
from chalicelib.domain.preview import PreviewIn
from chalicelib.domain.preview_message import sms_count
from chalicelib.services import preview
from tests.builders import accept, drain, event_in, put_case_type

TRACK = re.compile(r"https://\S+/track/\S+")


def _preview(deps, status="in_behandeling", channel="sms", language="nl", **extra):
    data = PreviewIn.model_validate({"status": status, "channel": channel, "language": language, **extra})
    return preview.preview(deps, "hvc", "klacht", data)


@pytest.mark.parametrize(
    ("text", "encoding", "characters", "parts"),
    [
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        ("€" * 80, "GSM-7", 160, 1),  # an extension character costs two septets
        ("€" * 81, "GSM-7", 162, 2),
        ("ë" * 70, "UCS-2", 70, 1),  # not in GSM 03.38: the whole message goes as UCS-2
        ("ë" * 71, "UCS-2", 71, 2),
        ("ë" * 134, "UCS-2", 134, 2),
        ("ë" * 135, "UCS-2", 135, 3),
        ("Klaar 🙂" + "a" * 62, "UCS-2", 70, 1),  # an emoji is two UTF-16 code units
        ("Klaar 🙂" + "a" * 63, "UCS-2", 71, 2),
    ],
)
def test_sms_encoding_characters_and_fragments_at_the_boundaries(text, encoding, characters, parts):
    count = sms_count(text)
    assert (count.encoding, count.characters, count.fragments) == (encoding, characters, parts)
    assert count.fragments == fragments(text)  # the count the sender keeps the budget with


def test_the_preview_is_the_message_a_real_event_sends_but_for_the_link(deps, org, sms):
    accept(deps, event_in("in_behandeling"))
    drain(deps)
    [sent] = sms.sent
    shown = _preview(deps, sample={"case": {"id": "HVC-2026-000123", "description": "container niet geleegd"}})
    assert TRACK.sub("<link>", shown.body) == TRACK.sub("<link>", sent.body)
    assert len(shown.body) == len(sent.body)  # a sample link of the real length
    assert shown.sms is not None and shown.sms.fragments == fragments(sent.body)
    assert shown.subject is None and shown.notifies


def test_the_sample_link_opens_no_case(deps, org):
    shown = _preview(deps, sample={"case": {"id": "HVC-2026-000123"}})
    token = TRACK.search(shown.body).group(0).rsplit("/", 1)[1]
    assert token != links.derive(deps.settings.token_key, "hvc", "HVC-2026-000123")


def test_missing_sample_values_leave_their_clause_out_with_no_gap(deps, org):
    for status in ("in_behandeling", "opgeschort"):
        body = _preview(deps, status).body
        text = body.split("\n")[0]
        assert "((" not in body and "  " not in body and " ." not in text
    assert _preview(deps).body.startswith("Uw klacht is in behandeling genomen.\n")
    assert _preview(deps, "opgeschort").body.startswith("Uw klacht is opgeschort.\n")
    explained = _preview(deps, "opgeschort", sample={"status": {"explanation": "wij wachten op de gemeente"}})
    assert explained.body.startswith("Uw klacht is opgeschort. Reden: wij wachten op de gemeente\n")


def test_a_missing_value_gives_the_fallback_text_when_the_status_has_one(deps, org):
    statuses = [
        {
            "code": "in_behandeling",
            "name": "In behandeling",
            "notify": True,
            "text": {"nl": "Uw melding over ((case.description)) is in behandeling."},
            "text_fallback": {"nl": "Wij behandelen uw melding."},
        }
    ]
    put_case_type(deps, "hvc", "klacht", statuses=statuses)
    assert _preview(deps).body.startswith("Wij behandelen uw melding.\n")


def test_the_e_mail_has_the_subject_in_the_language_and_its_plain_text(deps, org):
    shown = _preview(deps, channel="email", language="en", sample={"case": {"description": "bin not emptied"}})
    assert shown.subject == "HVC: Waste collection complaint"
    assert shown.body.startswith(
        "Your complaint about bin not emptied is being handled.\n\nView the status of your case: "
    )
    assert shown.sms is None


def test_a_business_reads_text_business_and_a_status_that_tells_nobody_says_so(deps, org):
    statuses = [
        {
            "code": "ontvangen",
            "name": "Ontvangen",
            "text": {"nl": "We hebben uw aanvraag ontvangen."},
            "text_business": {"nl": "We hebben de aanvraag van uw onderneming ontvangen."},
        }
    ]
    put_case_type(deps, "hvc", "klacht", statuses=statuses)
    business = _preview(deps, "ontvangen", role="business")
    assert business.body.startswith("We hebben de aanvraag van uw onderneming ontvangen.\n")
    assert not business.notifies
    assert _preview(deps, "ontvangen").body.startswith("We hebben uw aanvraag ontvangen.\n")


def test_a_long_text_is_cut_to_the_organisations_budget_keeping_the_link(deps, org):
    statuses = [{"code": "s", "name": "S", "notify": True, "text": {"nl": "Een lange tekst. " * 40}}]
    put_case_type(deps, "hvc", "klacht", statuses=statuses)
    shown = _preview(deps, "s")
    assert shown.sms is not None and shown.sms.fragments == 3  # the organisation's budget
    assert TRACK.search(shown.body) and "..." in shown.body


def test_an_action_and_key_dates_in_the_sample_read_as_in_a_real_message(deps, org):
    dates = [{"code": "besluit", "label": {"nl": "Besluit"}}]
    statuses = [
        {"code": "s", "name": "S", "notify": True, "text": {"nl": "Het besluit volgt uiterlijk ((dates.besluit))."}},
        {"code": "klaar", "name": "Klaar", "text": {"nl": "Klaar."}},  # a closed case asks no action
    ]
    put_case_type(deps, "hvc", "klacht", statuses=statuses, dates=dates)
    assert _preview(deps, "s").body.startswith("Het besluit volgt.\n")  # the date and its lead-in left out
    sample = {"dates": {"besluit": "2027-01-15"}, "action": {"text": "Stuur ons een foto", "deadline": "2027-01-08"}}
    shown = _preview(deps, "s", sample=sample)
    assert shown.body.startswith("Het besluit volgt uiterlijk 15 januari 2027.\nActie nodig: Stuur ons een foto.")


def test_an_unknown_status_or_key_date_is_named_and_an_unknown_case_type_is_not_found(deps, org):
    with pytest.raises(InvalidFields) as raised:
        _preview(deps, "bestaat_niet", sample={"dates": {"onbekend": "2027-01-01"}})
    assert [f.name for f in raised.value.fields] == ["status", "sample.dates.onbekend"]
    data = PreviewIn.model_validate({"status": "ontvangen", "channel": "sms", "language": "nl"})
    with pytest.raises(NotFound):
        preview.preview(deps, "hvc", "onbekend", data)
    with pytest.raises(NotFound):
        preview.preview(deps, "hvc", "Geen Code", data)
