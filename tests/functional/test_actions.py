"""An action asked of the citizen, through the app: HVC asks for a photo of the container by a
deadline. The message goes out though the status itself tells nobody, the page shows the action
first, and the reminder goes out once, three days before the deadline, unless a later event
cleared or replaced the action."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from chalicelib.domain import clock
from local.queue_poller import scheduled_event
from tests.builders import event_body

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CASE = "/v1/cases/HVC-2026-000123"
PHOTO = {"text": "Stuur ons een foto van de container", "deadline": "2026-12-15", "url": "https://www.hvc.example/foto"}
ASKED = "Actie nodig: Stuur ons een foto van de container. Uiterlijk op 15 december 2026. Dat kan via https://www.hvc.example/foto"


@pytest.fixture
def now(monkeypatch):
    """The clock, held at the moment the list holds (Europe/Amsterdam); tests move it on."""
    moment = [dt.datetime(2026, 11, 27, 10, 0, tzinfo=AMSTERDAM)]
    monkeypatch.setattr(clock, "now", lambda: moment[0].astimezone(dt.UTC))
    return moment


def _remind(harness, now, when: dt.datetime) -> None:
    """The scheduled job at `when`, then the sender for what it queued."""
    now[0] = when
    harness.client.lambda_.invoke("release_quiet_hours", scheduled_event())
    harness.run_worker_until_empty()


def _post(harness, hvc, status: str, at: str, **extra) -> dict:
    response = harness.request("POST", "/v1/events", hvc, event_body(status, at, **extra))
    assert response.status_code == 202, response.body
    return response.json_body


def _texts(harness) -> list[str]:
    return [m["body"] for m in harness.standin.messages]


def _token(harness, hvc) -> str:
    return harness.request("GET", CASE, hvc).json_body["tracking_url"].rsplit("/", 1)[1]


def test_an_action_on_a_status_that_tells_nobody_is_still_sent_and_reminded_once_three_days_before(harness, hvc, now):
    accepted = _post(harness, hvc, "ontvangen", "2026-11-27T09:30:00+01:00", action=PHOTO)
    assert [n["party_id"] for n in accepted["notifications"]] == ["initiator"]  # `ontvangen` tells nobody
    harness.run_worker_until_empty()

    [asked] = _texts(harness)
    assert asked.startswith("We hebben uw klacht ontvangen.\n" + ASKED)
    assert "/track/" in asked

    _remind(harness, now, dt.datetime(2026, 12, 11, 9, 30, tzinfo=AMSTERDAM))  # four days before: not yet
    _remind(harness, now, dt.datetime(2026, 12, 12, 8, 30, tzinfo=AMSTERDAM))  # the day, before the morning hour
    assert len(_texts(harness)) == 1

    _remind(harness, now, dt.datetime(2026, 12, 12, 9, 0, tzinfo=AMSTERDAM))
    _remind(harness, now, dt.datetime(2026, 12, 12, 9, 15, tzinfo=AMSTERDAM))  # the job runs again
    _remind(harness, now, dt.datetime(2026, 12, 13, 9, 0, tzinfo=AMSTERDAM))  # and the next morning

    texts = _texts(harness)
    assert len(texts) == 2
    assert texts[1].startswith(
        "Herinnering: Stuur ons een foto van de container. Uiterlijk op 15 december 2026. "
        "Dat kan via https://www.hvc.example/foto\n"
    )
    notifications = harness.request("GET", CASE, hvc).json_body["notifications"]
    assert [(n["party_id"], n["reminder"], n["state"]) for n in notifications] == [
        ("initiator", False, "sent"),
        ("initiator", True, "sent"),
    ]


def test_the_next_event_clearing_the_action_means_no_reminder(harness, hvc, now):
    _post(harness, hvc, "ontvangen", "2026-11-27T09:30:00+01:00", action=PHOTO)
    harness.run_worker_until_empty()
    now[0] = dt.datetime(2026, 11, 28, 10, 0, tzinfo=AMSTERDAM)
    _post(harness, hvc, "in_behandeling", "2026-11-28T10:00:00+01:00", action=None)
    harness.run_worker_until_empty()

    _remind(harness, now, dt.datetime(2026, 12, 12, 9, 0, tzinfo=AMSTERDAM))

    texts = _texts(harness)
    assert len(texts) == 2
    assert "Actie nodig" not in texts[1] and texts[1].startswith("Uw klacht over container niet geleegd is in")
    assert harness.request("GET", "/v1/track/" + _token(harness, hvc)).json_body["action"] is None


def test_a_replaced_action_is_reminded_by_its_own_deadline_and_the_old_one_not_at_all(harness, hvc, now):
    _post(harness, hvc, "ontvangen", "2026-11-27T09:30:00+01:00", action=PHOTO)
    form = {"text": "Vul het formulier in.", "deadline": "2026-12-20"}
    _post(harness, hvc, "in_behandeling", "2026-11-28T10:00:00+01:00", action=form)
    harness.run_worker_until_empty()

    _remind(harness, now, dt.datetime(2026, 12, 12, 9, 0, tzinfo=AMSTERDAM))
    assert not any(t.startswith("Herinnering") for t in _texts(harness))

    _remind(harness, now, dt.datetime(2026, 12, 17, 9, 0, tzinfo=AMSTERDAM))
    [reminder] = [t for t in _texts(harness) if t.startswith("Herinnering")]
    assert reminder.startswith("Herinnering: Vul het formulier in. Uiterlijk op 20 december 2026.\nhttps://")


def test_an_event_without_action_keeps_the_one_asked_and_tells_no_one_of_it_again(harness, hvc, now):
    _post(harness, hvc, "ontvangen", "2026-11-27T09:30:00+01:00", action=PHOTO)
    _post(harness, hvc, "in_behandeling", "2026-11-28T10:00:00+01:00")
    harness.run_worker_until_empty()

    later = _texts(harness)[-1]
    assert "Actie nodig" not in later
    view = harness.request("GET", "/v1/track/" + _token(harness, hvc)).json_body
    assert view["action"] == {"text": PHOTO["text"], "deadline": "2026-12-15", "url": PHOTO["url"]}


def test_the_page_shows_the_action_first_with_its_deadline_and_link(harness, hvc, now):
    _post(harness, hvc, "ontvangen", "2026-11-27T09:30:00+01:00", action=PHOTO)

    html = harness.request("GET", f"/track/{_token(harness, hvc)}").body.decode()

    assert html.index("Actie nodig") < html.index("Huidige status")
    assert '<time datetime="2026-12-15">15 december 2026</time>' in html
    assert '<a href="https://www.hvc.example/foto">Regel dit online bij HVC</a>' in html
    english = harness.request("GET", f"/track/{_token(harness, hvc)}?lang=en").body.decode()
    assert "Action needed" in english and "15 December 2026" in english


def test_a_closed_case_asks_nothing_and_reminds_of_nothing(harness, hvc, now):
    _post(harness, hvc, "ontvangen", "2026-11-27T09:30:00+01:00", action=PHOTO)
    _post(harness, hvc, "afgehandeld", "2026-12-01T10:00:00+01:00")
    harness.run_worker_until_empty()

    _remind(harness, now, dt.datetime(2026, 12, 12, 9, 0, tzinfo=AMSTERDAM))

    assert not any(t.startswith("Herinnering") for t in _texts(harness))
    assert harness.request("GET", "/v1/track/" + _token(harness, hvc)).json_body["action"] is None


def test_an_action_with_a_link_that_is_not_https_is_refused_by_name(harness, hvc, now):
    action = {**PHOTO, "url": "http://www.hvc.example/foto"}
    response = harness.request("POST", "/v1/events", hvc, event_body(action=action))

    assert response.status_code == 400
    assert [p["name"] for p in response.json_body["invalid_params"]] == ["action.url"]


def test_every_person_and_business_party_is_asked_on_its_own_channel_and_reminded(harness, hvc, now):
    lawyer = {"role": "representative", "kind": "person", "channel": "email", "email": "advocaat@example.nl"}
    bakery = {"role": "co_initiator", "kind": "business", "channel": "sms", "phone": "0611111111", "name": "De Korst"}
    harness.request("PUT", f"{CASE}/parties/advocaat", hvc, lawyer)
    harness.request("PUT", f"{CASE}/parties/bakkerij", hvc, bakery)
    _post(harness, hvc, "ontvangen", "2026-11-27T09:30:00+01:00", action=PHOTO)
    harness.run_worker_until_empty()

    _remind(harness, now, dt.datetime(2026, 12, 12, 9, 0, tzinfo=AMSTERDAM))

    sms = sorted((m["to"], "Herinnering" in m["body"]) for m in harness.standin.messages)
    assert sms == [("+31611111111", False), ("+31611111111", True), ("+31612345678", False), ("+31612345678", True)]
    assert all("Stuur ons een foto van de container" in m["body"] for m in harness.standin.messages)
    notifications = harness.request("GET", CASE, hvc).json_body["notifications"]
    lawyers = [(n["reminder"], n["channel"], n["state"]) for n in notifications if n["party_id"] == "advocaat"]
    assert lawyers == [(False, "email", "sent"), (True, "email", "sent")]
