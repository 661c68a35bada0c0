"""The NotificationLedger port's contract, held against both tables."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from chalicelib.adapters.case_store import CaseStore
from chalicelib.adapters.ledger_store import LedgerStore
from chalicelib.domain.messages import NotificationRef
from chalicelib.domain.models import Notification, NotificationChange, State
from chalicelib.domain.parties import INITIATOR
from tests.integration.tables import SMS, T0, InMemory, OnDynamoDB, event

KEY = "k" * 32
REF = NotificationRef("hvc", "HVC-1", KEY)  # the initiator's
THEIRS = NotificationRef("hvc", "HVC-1", KEY, "advocaat-1")  # a representative's, on the same event
CLAIM = NotificationChange(State.SENDING, count_attempt=True)


class LedgerContract:
    @pytest.fixture
    def cases(self, table: Any) -> CaseStore:
        return CaseStore(table)

    @pytest.fixture
    def ledger(self, table: Any) -> LedgerStore:
        return LedgerStore(table)

    def notification(self, cases: CaseStore, key: str = KEY) -> Any:
        return cases.load_case("hvc", "HVC-1").event(key).notification

    # a notification's state

    def test_transition_moves_from_an_allowed_state_and_records_fields(self, ledger, cases):
        cases.add_event("hvc", "HVC-1", event())
        assert (
            ledger.transition(
                REF, State.CLAIMABLE, NotificationChange(State.SENDING, count_attempt=True, channel="email")
            )
            is True
        )
        n = self.notification(cases)
        assert (n.state, n.attempts, n.channel) == (State.SENDING, 1, "email")
        assert n.updated_at > T0
        assert ledger.transition(REF, (State.SENDING,), NotificationChange(State.SENT, provider_id="SM123")) is True
        n = self.notification(cases)
        assert (n.state, n.attempts, n.provider_id, n.channel, n.error) == (State.SENT, 1, "SM123", "email", None)

    def test_a_change_that_clears_the_error_removes_it_and_its_class(self, ledger, cases):
        cases.add_event("hvc", "HVC-1", event())
        ledger.transition(REF, State.CLAIMABLE, CLAIM)
        retry = NotificationChange(State.TEMPORARY_FAILURE, error="twilio-429", error_class="retryable")
        ledger.transition(REF, (State.SENDING,), retry)
        ledger.transition(REF, State.CLAIMABLE, CLAIM)
        sent = NotificationChange(State.SENT, provider_id="SM1", clears_error=True)
        assert ledger.transition(REF, (State.SENDING,), sent) is True
        n = self.notification(cases)
        assert (n.state, n.provider_id, n.error, n.error_class) == (State.SENT, "SM1", None, None)

    def test_transition_from_a_wrong_state_changes_nothing(self, ledger, cases):
        cases.add_event("hvc", "HVC-1", event())
        before = cases.load_case("hvc", "HVC-1")
        change = NotificationChange(State.SENT, count_attempt=True, provider_id="x", error="e")
        assert ledger.transition(REF, (State.SENDING,), change) is False
        assert cases.load_case("hvc", "HVC-1") == before

    def test_transition_of_unknown_event_or_event_without_notification_is_false(self, ledger, cases):
        assert ledger.transition(REF, State.CLAIMABLE, CLAIM) is False
        assert cases.load_case("hvc", "HVC-1").exists is False
        cases.add_event("hvc", "HVC-1", event(notification=False))
        assert ledger.transition(REF, State.CLAIMABLE, CLAIM) is False
        assert self.notification(cases) is None

    def test_attempts_are_counted_and_errors_recorded_across_retries(self, ledger, cases):
        cases.add_event("hvc", "HVC-1", event())
        for _ in range(3):
            assert ledger.transition(REF, State.CLAIMABLE, CLAIM)
            assert ledger.transition(
                REF, (State.SENDING,), NotificationChange(State.TEMPORARY_FAILURE, error="throttled")
            )
        n = self.notification(cases)
        assert (n.state, n.attempts, n.error) == (State.TEMPORARY_FAILURE, 3, "throttled")
        assert ledger.transition(REF, State.CLAIMABLE, NotificationChange(State.SUPPRESSED)) is True
        assert ledger.transition(REF, State.CLAIMABLE, CLAIM) is False

    def test_a_fallback_records_its_channel_and_flag(self, ledger, cases):
        cases.add_event("hvc", "HVC-1", event())
        change = NotificationChange(
            State.CREATED, error="twilio-21211", error_class="permanent", channel="email", fallback=True
        )
        assert ledger.transition(REF, State.CLAIMABLE, change) is True
        n = self.notification(cases)
        assert (n.state, n.channel, n.fallback, n.error, n.error_class) == (
            State.CREATED,
            "email",
            True,
            "twilio-21211",
            "permanent",
        )

    def test_transition_leaves_the_rest_of_the_event_alone(self, ledger, cases):
        original = event(subscriber=SMS, explanation="x")
        cases.add_event("hvc", "HVC-1", original)
        ledger.transition(REF, State.CLAIMABLE, CLAIM)
        after = cases.load_case("hvc", "HVC-1").event(original.key)
        assert after.model_copy(update={"notifications": {}}) == original.model_copy(update={"notifications": {}})

    def test_two_parties_notifications_on_one_event_move_independently(self, ledger, cases):
        cases.add_event("hvc", "HVC-1", event(notified=(INITIATOR, THEIRS.party_id)))
        assert ledger.transition(REF, State.CLAIMABLE, CLAIM) is True
        assert ledger.transition(REF, State.CLAIMABLE, CLAIM) is False  # the initiator's is claimed
        assert ledger.transition(THEIRS, State.CLAIMABLE, CLAIM) is True  # the representative's was not
        failed = NotificationChange(State.PERMANENT_FAILURE, error="twilio-21211", error_class="permanent")
        assert ledger.transition(THEIRS, (State.SENDING,), failed) is True
        assert ledger.transition(REF, (State.SENDING,), NotificationChange(State.SENT, provider_id="SM1")) is True

        notifications = cases.load_case("hvc", "HVC-1").event(KEY).notifications
        mine, theirs = notifications[INITIATOR], notifications[THEIRS.party_id]
        assert (mine.state, mine.attempts, mine.provider_id, mine.error) == (State.SENT, 1, "SM1", None)
        assert (theirs.state, theirs.attempts, theirs.provider_id, theirs.error) == (
            State.PERMANENT_FAILURE,
            1,
            None,
            "twilio-21211",
        )
        assert (mine.id, theirs.id) == ("n-kkkkkk-initiator", "n-kkkkkk-advocaat-1")  # each keeps its own

    def test_a_party_the_event_did_not_notify_has_nothing_to_transition(self, ledger, cases):
        cases.add_event("hvc", "HVC-1", event())  # the initiator's notification only
        before = cases.load_case("hvc", "HVC-1")
        assert ledger.transition(THEIRS, State.CLAIMABLE, CLAIM) is False
        assert ledger.transition(THEIRS, State.FINAL, NotificationChange(State.SUPPRESSED)) is False
        assert cases.load_case("hvc", "HVC-1") == before

    def test_racing_claims_let_exactly_one_win(self, make_table):
        table = make_table()
        cases, ledger = CaseStore(table), LedgerStore(table)
        workers = 4
        for round_ in range(20):
            ref = NotificationRef("hvc", "HVC-1", f"{round_:032d}")
            cases.add_event("hvc", "HVC-1", event(ref.event_key))
            barrier = threading.Barrier(workers)
            results: list[bool] = []
            errors: list[BaseException] = []

            def claim(
                ref: NotificationRef = ref,
                barrier: threading.Barrier = barrier,
                results: list[bool] = results,
                errors: list[BaseException] = errors,
            ) -> None:
                try:
                    barrier.wait()
                    results.append(ledger.transition(ref, State.CLAIMABLE, CLAIM))
                except BaseException as exc:  # noqa: BLE001 - reported below
                    errors.append(exc)

            threads = [threading.Thread(target=claim) for _ in range(workers)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert errors == []
            assert results.count(True) == 1, f"round {round_}: {results}"
            assert cases.load_case("hvc", "HVC-1").event(ref.event_key).notification.attempts == 1

    # per recipient: the daily cap and unusable addresses

    def test_the_daily_counter_stops_at_the_limit_per_recipient_and_day(self, ledger):
        assert [ledger.count_recipient_message("hvc", "r1", "2026-11-28", 3) for _ in range(4)] == [
            True,
            True,
            True,
            False,
        ]
        assert ledger.count_recipient_message("hvc", "r1", "2026-11-29", 3) is True  # a new day
        assert ledger.count_recipient_message("hvc", "r2", "2026-11-28", 3) is True  # another recipient
        assert ledger.count_recipient_message("other", "r1", "2026-11-28", 3) is True  # another organisation
        assert ledger.count_recipient_message("hvc", "r3", "2026-11-28", 0) is False

    def test_an_unusable_address_is_remembered_per_organisation(self, ledger):
        assert ledger.address_suppressed("hvc", "a" * 32) is False
        ledger.suppress_address("hvc", "a" * 32, "bounce")
        ledger.suppress_address("hvc", "a" * 32, "complaint")  # again: still suppressed, no error
        assert ledger.address_suppressed("hvc", "a" * 32) is True
        assert ledger.address_suppressed("other", "a" * 32) is False
        assert ledger.address_suppressed("hvc", "b" * 32) is False

    # quiet hours

    def test_held_notifications_come_back_by_morning_until_released(self, ledger):
        first, second = NotificationRef("hvc", "HVC-1", "a" * 32), NotificationRef("other", "X#1", "b" * 32)
        ledger.hold_for_morning("2026-11-29", first)
        ledger.hold_for_morning("2026-11-29", second)
        ledger.hold_for_morning("2026-11-29", first)  # held twice is held once
        ledger.hold_for_morning("2026-11-30", NotificationRef("hvc", "HVC-2", "c" * 32))
        assert sorted(ledger.held_for_morning("2026-11-29"), key=lambda r: r.org_id) == [first, second]
        ledger.release_held("2026-11-29", first)
        assert ledger.held_for_morning("2026-11-29") == [second]
        assert ledger.held_for_morning("2026-11-28") == []
        assert len(ledger.held_for_morning("2026-11-30")) == 1

    def test_two_parties_of_one_event_are_held_and_released_apart(self, ledger):
        mine, theirs = NotificationRef("hvc", "HVC#1", KEY), NotificationRef("hvc", "HVC#1", KEY, "advocaat-1")
        ledger.hold_for_morning("2026-11-29", mine)
        ledger.hold_for_morning("2026-11-29", theirs)
        assert sorted(ledger.held_for_morning("2026-11-29"), key=lambda r: r.party_id) == [theirs, mine]
        ledger.release_held("2026-11-29", mine)
        assert ledger.held_for_morning("2026-11-29") == [theirs]
        ledger.release_held("2026-11-29", theirs)
        assert ledger.held_for_morning("2026-11-29") == []

    # reminders of actions

    def test_reminders_are_kept_by_day_until_dropped(self, ledger):
        ledger.schedule_reminder("2026-12-12", "hvc", "HVC#1", KEY)
        ledger.schedule_reminder("2026-12-12", "other", "X-1", "b" * 32)
        ledger.schedule_reminder("2026-12-12", "hvc", "HVC#1", KEY)  # kept twice is kept once
        ledger.schedule_reminder("2026-12-13", "hvc", "HVC-2", "c" * 32)
        assert sorted(ledger.reminders_due("2026-12-12")) == [("hvc", "HVC#1", KEY), ("other", "X-1", "b" * 32)]
        ledger.drop_reminder("2026-12-12", "hvc", "HVC#1", KEY)
        assert ledger.reminders_due("2026-12-12") == [("other", "X-1", "b" * 32)]
        assert ledger.reminders_due("2026-12-11") == []

    def test_added_notifications_are_created_once_beside_the_events_own(self, ledger, cases):
        cases.add_event("hvc", "HVC-1", event())
        slot = "initiator~reminder"
        first = Notification(id="r-1", channel="sms", state=State.CREATED, updated_at=T0)
        ledger.add_notifications(REF, {slot: first})
        assert ledger.transition(NotificationRef("hvc", "HVC-1", KEY, slot), State.CLAIMABLE, CLAIM) is True
        ledger.add_notifications(REF, {slot: first.model_copy(update={"id": "r-2"})})  # again: kept as it is

        notifications = cases.load_case("hvc", "HVC-1").event(KEY).notifications
        assert (notifications[slot].id, notifications[slot].state) == ("r-1", State.SENDING)
        assert notifications[INITIATOR].state == State.CREATED

    def test_notifications_are_added_to_an_event_that_told_nobody(self, ledger, cases):
        cases.add_event("hvc", "HVC-1", event(notification=False))
        reminder = Notification(id="r-1", channel="email", state=State.CREATED, updated_at=T0)
        ledger.add_notifications(REF, {"initiator~reminder": reminder, "advocaat-1~reminder": reminder})
        ledger.add_notifications(NotificationRef("hvc", "HVC-9", KEY), {"initiator~reminder": reminder})  # no event

        notifications = cases.load_case("hvc", "HVC-1").event(KEY).notifications
        assert sorted(notifications) == ["advocaat-1~reminder", "initiator~reminder"]
        assert not cases.load_case("hvc", "HVC-9").known


class TestLedgerInMemory(LedgerContract, InMemory):
    pass


class TestLedgerOnDynamoDB(LedgerContract, OnDynamoDB):
    pass
