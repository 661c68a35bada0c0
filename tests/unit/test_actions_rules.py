"""The pure rules of an action asked of the citizen: the fold over a case's events, its words in
a message, the reminder's day, and who an event that asks one tells."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from chalicelib.domain import actions
from chalicelib.domain.case_types import to_domain
from chalicelib.domain.citizen_action import Action, ActionIn, message, reminder_day, reminder_days_due
from chalicelib.domain.messages import NotificationRef
from chalicelib.domain.models import Case, Event, PartyInfo, Subscriber, SubscriberChange
from tests.builders import case_type_in

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PHOTO = Action(text="Stuur ons een foto", deadline=dt.date(2026, 12, 15), url="https://www.hvc.example/foto")
FORM = Action(text="Vul het formulier in.", deadline=dt.date(2026, 12, 20))
CASE_TYPE = to_domain("klacht", case_type_in())


def _event(key: str, status: str, day: int, **fields) -> Event:
    at = dt.datetime(2026, 11, day, 10, 0, tzinfo=dt.UTC)
    return Event(
        key=key,
        event_id=None,
        case_type="klacht",
        description=None,
        expected_end_date=None,
        status=status,
        order=CASE_TYPE.order(status),
        occurred_at=at,
        explanation=None,
        subscriber=None,
        received_at=at,
        fingerprint="f",
        current_status=status,
        **fields,
    )


def _case(*events: Event) -> Case:
    """The case with its initiator and a commissioning organisation as parties."""
    at = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    parties = (
        SubscriberChange(subscriber=Subscriber(channel="sms", phone="+31612345678"), at=at, origin="organisation"),
        SubscriberChange(
            subscriber=Subscriber(channel="email", email="zaken@gouda.example"),
            at=at,
            origin="organisation",
            party_id="gouda",
            info=PartyInfo(role="commissioner", kind="organisation", organisation="gouda"),
        ),
    )
    return Case(org_id="hvc", id="HVC-1", events=events, subscriber_changes=parties)


def test_the_action_asked_is_the_last_one_set_in_the_cases_order():
    case = _case(
        _event("b", "in_behandeling", 28, action=FORM),
        _event("a", "ontvangen", 27, action=PHOTO),  # received later, happened earlier
    )

    assert actions.current(case, CASE_TYPE) == FORM
    assert actions.asks(case, CASE_TYPE, "b") and not actions.asks(case, CASE_TYPE, "a")


def test_the_same_action_again_keeps_its_first_event_as_the_one_that_asked_it():
    case = _case(_event("a", "ontvangen", 27, action=PHOTO), _event("b", "in_behandeling", 28, action=PHOTO))

    assert actions.asks(case, CASE_TYPE, "a")


def test_null_clears_the_action_and_an_event_without_one_leaves_it():
    asked = _event("a", "ontvangen", 27, action=PHOTO)

    assert actions.current(_case(asked, _event("b", "in_behandeling", 28)), CASE_TYPE) == PHOTO
    assert actions.current(_case(asked, _event("b", "in_behandeling", 28, clears_action=True)), CASE_TYPE) is None


def test_a_closed_case_asks_nothing():
    case = _case(_event("a", "ontvangen", 27, action=PHOTO), _event("z", "afgehandeld", 29))

    assert actions.current(case, CASE_TYPE) is None


def test_the_placeholders_take_the_action_asked_right_after_their_event():
    asked, cleared = _event("a", "ontvangen", 27, action=PHOTO), _event("b", "in_behandeling", 28, clears_action=True)
    case = _case(asked, cleared)

    assert actions.placeholder_values(case, asked, "nl") == {
        "action.text": "Stuur ons een foto",
        "action.deadline": "15 december 2026",
    }
    assert actions.placeholder_values(case, cleared, "en") == {"action.text": "", "action.deadline": ""}


def test_an_event_that_asks_a_new_action_tells_every_person_and_business_but_no_organisation():
    before = _case(_event("a", "ontvangen", 27))
    status = CASE_TYPE.status("ontvangen")
    assert status is not None and not status.notifies("initiator")

    asking = actions.notifies_with_action(
        status.notifies, before, CASE_TYPE, _event("b", "ontvangen", 28, action=PHOTO)
    )
    silent = actions.notifies_with_action(status.notifies, before, CASE_TYPE, _event("c", "ontvangen", 28))

    assert [r for r in ("initiator", "representative", "interested", "commissioner") if asking(r)] == [
        "initiator",
        "representative",
        "interested",
    ]
    assert not silent("initiator")


def test_a_message_is_its_status_text_then_the_action_and_a_reminder_the_action_alone():
    case = _case(_event("a", "ontvangen", 27, action=PHOTO))
    asked = "Actie nodig: Stuur ons een foto. Uiterlijk op 15 december 2026. Dat kan via https://www.hvc.example/foto"

    assert actions.with_action("Ontvangen.", case, CASE_TYPE, NotificationRef("hvc", "HVC-1", "a"), "nl") == (
        f"Ontvangen.\n{asked}"
    )
    assert actions.with_action("", case, CASE_TYPE, NotificationRef("hvc", "HVC-1", "a"), "nl") == asked
    reminder = NotificationRef("hvc", "HVC-1", "a", actions.reminder_slot("initiator"))
    assert reminder.party == "initiator"
    assert actions.with_action("Ontvangen.", case, CASE_TYPE, reminder, "en") == (
        "Reminder: Stuur ons een foto. Deadline: 15 December 2026. You can do this at https://www.hvc.example/foto"
    )


def test_a_reminder_is_news_only_while_its_event_still_asks_the_action():
    reminder = NotificationRef("hvc", "HVC-1", "a", actions.reminder_slot("initiator"))
    asked = _case(_event("a", "ontvangen", 27, action=PHOTO))
    replaced = _case(_event("a", "ontvangen", 27, action=PHOTO), _event("b", "in_behandeling", 28, action=FORM))

    assert actions.still_news(asked, CASE_TYPE, reminder, status_current=True)
    assert not actions.still_news(replaced, CASE_TYPE, reminder, status_current=False)
    # A status message no longer the newest still goes for the action it asks, not otherwise.
    assert actions.still_news(asked, CASE_TYPE, NotificationRef("hvc", "HVC-1", "a"), status_current=False)
    assert not actions.still_news(replaced, CASE_TYPE, NotificationRef("hvc", "HVC-1", "a"), status_current=False)


def test_an_organisation_party_is_never_asked_the_action():
    case = _case(_event("a", "ontvangen", 27, action=PHOTO))
    theirs = NotificationRef("hvc", "HVC-1", "a", "gouda")

    assert actions.with_action("Ontvangen.", case, CASE_TYPE, theirs, "nl") == "Ontvangen."
    assert not actions.still_news(case, CASE_TYPE, theirs, status_current=False)


def test_the_words_end_each_sentence_once():
    assert message(Action(text="Bel ons!", deadline=dt.date(2027, 1, 2)), "nl") == (
        "Actie nodig: Bel ons! Uiterlijk op 2 januari 2027."
    )
    assert message(FORM, "en") == "Action needed: Vul het formulier in. Deadline: 20 December 2026."


def test_the_reminder_is_three_days_before_the_deadline_and_only_when_that_is_still_to_come():
    assert reminder_day(PHOTO, dt.date(2026, 11, 27)) == dt.date(2026, 12, 12)
    assert reminder_day(PHOTO, dt.date(2026, 12, 12)) is None
    assert reminder_day(PHOTO, dt.date(2026, 12, 14)) is None


def test_reminders_are_due_from_the_morning_hour_in_amsterdam_for_today_and_yesterday():
    assert reminder_days_due(dt.datetime(2026, 12, 12, 8, 59, tzinfo=AMSTERDAM)) == []
    assert reminder_days_due(dt.datetime(2026, 12, 12, 9, 0, tzinfo=AMSTERDAM)) == [
        dt.date(2026, 12, 11),
        dt.date(2026, 12, 12),
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [("url", "http://www.hvc.example"), ("url", "https://a b"), ("text", ""), ("text", "a\nb"), ("text", "x" * 501)],
)
def test_an_action_with_a_bad_field_is_refused(field, value):
    data = {"text": "Stuur een foto", "deadline": "2026-12-15", field: value}

    with pytest.raises(ValidationError) as raised:
        ActionIn.model_validate(data)
    assert [e["loc"] for e in raised.value.errors()] == [(field,)]
