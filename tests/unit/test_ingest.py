"""Accepting status events: once only, in order, and with keys only on the queue."""

from __future__ import annotations

import dataclasses
import json

import pytest

from chalicelib.adapters.case_store import CaseStore
from chalicelib.domain import links
from chalicelib.domain.errors import Conflict, InvalidFields
from chalicelib.domain.events import fingerprint, identity_key
from chalicelib.domain.models import Case
from chalicelib.web.problems import problem_for
from tests.builders import CASE_ID, accept, drain, event_in, notification_of, put_case_type

pytestmark = pytest.mark.usefixtures("org")


def test_first_event_creates_the_case_and_a_findable_tracking_token(deps, settings):
    answer = accept(deps, event_in())
    case = deps.cases.load_case("hvc", CASE_ID)
    assert case.exists and case.case_type == "klacht" and case.description == "container niet geleegd"
    token = links.derive(settings.token_key, "hvc", CASE_ID)
    assert answer["tracking_url"] == f"https://zaakstatus.test/track/{token}"
    assert deps.cases.find_tracking_token("hvc", links.lookup_hash(token)) == (CASE_ID, "initiator")


def test_tracking_token_is_never_stored_in_the_clear(deps, table, settings):
    accept(deps, event_in())
    token = links.derive(settings.token_key, "hvc", CASE_ID)
    secret_part = token.split(".", 1)[1]
    assert secret_part not in repr(table.items)


def test_answer_has_the_contract_fields(deps):
    data = event_in(event_id="evt-1")
    answer = accept(deps, data)
    contract = {"event_id", "case_id", "status", "current_status", "notification", "tracking_url"}
    assert set(answer) == contract | {"notifications"}  # one per party told, besides v1's one
    assert answer["event_id"] == "evt-1" and answer["case_id"] == CASE_ID
    assert answer["status"] == answer["current_status"] == "in_behandeling"
    assert answer["notification"]["channel"] == "sms" and answer["notification"]["state"] == "created"


def test_event_without_event_id_is_answered_with_its_identity_key(deps):
    data = event_in()
    assert accept(deps, data)["event_id"] == identity_key(data)


def test_notifying_status_enqueues_exactly_one_message_with_keys_only(deps):
    data = event_in(subscriber={"channel": "sms", "phone": "06 12345678", "email": "jan@example.nl"})
    accept(deps, data)
    # Keys, and the organisation's configuration version the event was accepted under (a number).
    version = deps.config_scope.current("hvc")  # type: ignore[union-attr]
    keys = {"org": "hvc", "case": CASE_ID, "event": identity_key(data), "party": "initiator", "v": version}
    assert deps.queue.messages == [keys]
    raw = json.dumps(deps.queue.messages)
    for personal in ("+31612345678", "12345678", "jan@example.nl", "container", "behandeling"):
        assert personal not in raw


def test_non_notifying_status_enqueues_nothing(deps):
    answer = accept(deps, event_in("ontvangen"))
    assert answer["notification"] is None and deps.queue.messages == []


def test_internal_status_never_notifies_even_when_configured_to(deps):
    answer = accept(deps, event_in("toegewezen"))
    assert answer["notification"] is None and deps.queue.messages == []
    assert answer["current_status"] == "toegewezen"  # the organisation still follows it


def test_replayed_event_sends_nothing_twice(deps, sms):
    data = event_in(event_id="evt-1")
    first = accept(deps, data)
    second = accept(deps, data)
    assert second == first
    assert len(deps.cases.load_case("hvc", CASE_ID).events) == 1
    outcomes = drain(deps)  # a replay may enqueue again; the claim lets only one through
    assert outcomes.count("sent") == 1
    assert all(o == "sent" or o.startswith("already-") for o in outcomes)
    assert len(sms.sent) == 1


def test_replay_after_delivery_enqueues_nothing(deps, sms):
    data = event_in()
    first = accept(deps, data)
    drain(deps)
    assert accept(deps, data)["notification"]["id"] == first["notification"]["id"]
    assert deps.queue.messages == []
    assert len(sms.sent) == 1


def test_same_event_id_with_different_payload_is_a_conflict(deps):
    accept(deps, event_in(event_id="evt-1", explanation="a"))
    with pytest.raises(Conflict) as info:
        accept(deps, event_in(event_id="evt-1", explanation="b"))
    assert problem_for(info.value).status == 409
    with pytest.raises(Conflict):
        accept(deps, event_in("opgeschort", event_id="evt-1", explanation="a"))


def test_same_status_and_instant_without_event_id_with_different_payload_is_a_conflict(deps):
    accept(deps, event_in())
    with pytest.raises(Conflict):
        accept(deps, event_in(explanation="iets anders"))


def test_conflict_leaves_the_stored_event_and_queue_untouched(deps):
    accept(deps, event_in(event_id="evt-1"))
    before = deps.cases.load_case("hvc", CASE_ID)
    queued = list(deps.queue.messages)
    with pytest.raises(Conflict):
        accept(deps, event_in(event_id="evt-1", explanation="b"))
    assert deps.cases.load_case("hvc", CASE_ID) == before
    assert deps.queue.messages == queued


@pytest.mark.parametrize("event_id", [None, "evt-1"])
def test_same_instant_in_another_timezone_is_the_same_event(deps, event_id):
    first = accept(deps, event_in(at="2026-11-28T10:00:00+01:00", event_id=event_id))
    again = accept(deps, event_in(at="2026-11-28T09:00:00Z", event_id=event_id))
    also = accept(deps, event_in(at="2026-11-28T04:00:00-05:00", event_id=event_id))
    assert first == again == also
    assert len(deps.cases.load_case("hvc", CASE_ID).events) == 1


def test_phone_written_differently_is_the_same_payload(deps):
    first = accept(deps, event_in(subscriber={"channel": "sms", "phone": "06 12345678"}))
    again = accept(deps, event_in(subscriber={"channel": "sms", "phone": "+31612345678"}))
    assert first == again


def test_older_event_is_kept_but_changes_nothing_and_sends_nothing(deps):
    accept(deps, event_in("in_behandeling", "2026-11-28T10:00:00+01:00"))
    deps.queue.messages.clear()
    answer = accept(deps, event_in("opgeschort", "2026-11-28T09:59:59+01:00", explanation="te laat"))
    assert answer["current_status"] == "in_behandeling"
    assert answer["notification"] is None and deps.queue.messages == []
    case = deps.cases.load_case("hvc", CASE_ID)
    assert [e.status for e in case.history] == ["opgeschort", "in_behandeling"]
    assert case.current.status == "in_behandeling"


def test_tie_on_occurred_at_counts_the_status_later_in_the_order_as_newer(deps):
    accept(deps, event_in("in_behandeling"))
    answer = accept(deps, event_in("opgeschort", explanation="wacht"))
    assert answer["current_status"] == "opgeschort" and answer["notification"]["state"] == "created"


def test_tie_on_occurred_at_does_not_let_an_earlier_status_overtake(deps):
    accept(deps, event_in("opgeschort", explanation="wacht"))
    deps.queue.messages.clear()
    answer = accept(deps, event_in("in_behandeling"))
    assert answer["current_status"] == "opgeschort" and answer["notification"] is None
    assert deps.queue.messages == []


def test_tie_in_another_timezone_is_still_a_tie(deps):
    accept(deps, event_in("opgeschort", "2026-11-28T10:00:00+01:00", explanation="wacht"))
    answer = accept(deps, event_in("in_behandeling", "2026-11-28T09:00:00+00:00"))
    assert answer["current_status"] == "opgeschort"


def test_unknown_case_type_is_refused_naming_case_case_type(deps):
    with pytest.raises(InvalidFields) as info:
        accept(deps, event_in(case={"id": CASE_ID, "case_type": "vergunning"}))
    assert [p["name"] for p in problem_for(info.value).invalid_params] == ["case.case_type"]
    assert not deps.cases.load_case("hvc", CASE_ID).exists


def test_case_type_of_another_organisation_is_unknown(deps):
    with pytest.raises(InvalidFields) as info:
        accept(deps, event_in(), org_id="other")
    assert [p["name"] for p in problem_for(info.value).invalid_params] == ["case.case_type"]


def test_unknown_status_is_refused_naming_status(deps):
    with pytest.raises(InvalidFields) as info:
        accept(deps, event_in("gesloten"))
    assert [p["name"] for p in problem_for(info.value).invalid_params] == ["status"]
    assert deps.queue.messages == []


def test_existing_case_cannot_change_its_case_type(deps):
    put_case_type(deps, "hvc", "melding")
    accept(deps, event_in())
    with pytest.raises(InvalidFields) as info:
        accept(deps, event_in("ontvangen", case={"id": CASE_ID, "case_type": "melding"}))
    assert [p["name"] for p in problem_for(info.value).invalid_params] == ["case.case_type"]


@pytest.mark.parametrize("channel", ["portal", "none"])
def test_portal_and_none_subscribers_get_a_suppressed_notification(deps, channel):
    answer = accept(deps, event_in(subscriber={"channel": channel}))
    assert answer["notification"]["state"] == "suppressed"
    assert answer["notification"]["channel"] == channel
    assert deps.queue.messages == []


def test_case_without_any_subscriber_gets_a_suppressed_notification(deps):
    answer = accept(deps, event_in(subscriber=None))
    assert answer["notification"]["state"] == "suppressed" and answer["notification"]["channel"] == "none"
    assert deps.queue.messages == []


def test_later_event_without_subscriber_uses_the_stored_preference(deps):
    accept(
        deps,
        event_in("ontvangen", "2026-11-28T09:00:00+01:00", subscriber={"channel": "email", "email": "jan@example.nl"}),
    )
    answer = accept(deps, event_in(subscriber=None))
    assert answer["notification"]["channel"] == "email" and answer["notification"]["state"] == "created"


def test_notification_id_is_stable_per_event(deps):
    data = event_in()
    first = accept(deps, data)["notification"]["id"]
    assert notification_of(deps, identity_key(data)).id == first
    assert accept(deps, data)["notification"]["id"] == first


def test_same_case_id_in_two_organisations_are_two_cases(deps):
    put_case_type(deps, "other", "klacht")
    accept(deps, event_in())
    answer = accept(deps, event_in("ontvangen"), org_id="other")
    assert answer["current_status"] == "ontvangen"
    assert len(deps.cases.load_case("hvc", CASE_ID).events) == 1
    assert answer["tracking_url"] != accept(deps, event_in())["tracking_url"]


class StaleFirstRead(CaseStore):
    """A case store whose next load_case misses what a concurrent request just stored."""

    stale_reads = 0

    def load_case(self, org_id: str, case_id: str) -> Case:
        if self.stale_reads:
            self.stale_reads -= 1
            return Case(org_id=org_id, id=case_id, events=())
        return super().load_case(org_id, case_id)


def test_losing_a_race_for_the_same_event_answers_as_a_replay(deps, table, sms):
    store = StaleFirstRead(table)
    deps = dataclasses.replace(deps, cases=store)
    data = event_in(event_id="evt-1")
    first = accept(deps, data)
    store.stale_reads = 1
    assert accept(deps, data) == first
    store.stale_reads = 1
    with pytest.raises(Conflict):
        accept(deps, event_in(event_id="evt-1", explanation="other"))
    drain(deps)
    assert len(sms.sent) == 1


def test_an_events_fingerprint_is_keyed_so_an_erased_number_cannot_be_recovered_from_it():
    data = event_in(subscriber={"channel": "sms", "phone": "06 12345678"})
    one, other = fingerprint(data, "key-one"), fingerprint(data, "key-two")
    assert one != other  # without the key, trying every number against it finds nothing
    assert fingerprint(data, "key-one") == one  # a replay under the same key still matches
    changed = event_in(subscriber={"channel": "sms", "phone": "06 12345679"})
    assert fingerprint(changed, "key-one") != one
