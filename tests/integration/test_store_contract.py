"""The Store port's contract, written once and held against every adapter.

MemoryStore is the reference; DynamoDBStore runs on moto. A difference between the two is a
failure here, not a surprise in a deployed stage.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import boto3
import pytest
from moto import mock_aws

from chalicelib.adapters.dynamodb_store import DynamoDBStore
from chalicelib.adapters.memory_store import MemoryStore
from chalicelib.models.domain import (
    CaseType,
    ClientCredentials,
    Event,
    Notification,
    Organisation,
    State,
    Status,
    Subscriber,
    SubscriberChange,
)
from chalicelib.ports import Store
from local.resources import create_table

T0 = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.timezone.utc)


def organisation(org_id: str = "hvc", name: str = "HVC") -> Organisation:
    return Organisation(id=org_id, name=name, email_from=f"noreply@{org_id}.example", sms_from="HVC", created_at=T0)


def case_type(code: str = "klacht", name: str = "Klacht") -> CaseType:
    return CaseType(
        code=code,
        name=name,
        public_name={"nl": "Klacht", "en": "Complaint"},
        service_norm_days=14,
        statuses=(
            Status(code="ontvangen", name="Ontvangen", text={"nl": "Ontvangen."}),
            Status(code="intern", name="Intern", public=False),
            Status(code="klaar", name="Klaar", notify=True, final=True, text={"nl": "Klaar: ((case.id))"}),
        ),
    )


def event(
    key: str = "k" * 32,
    status: str = "klaar",
    *,
    notification: bool = True,
    subscriber: Subscriber | None = None,
    explanation: str | None = None,
    minutes: int = 0,
) -> Event:
    at = T0 + dt.timedelta(minutes=minutes)
    return Event(
        key=key,
        event_id=f"evt-{key[:6]}",
        case_type="klacht",
        description="container niet geleegd",
        expected_end_date=dt.date(2026, 12, 12),
        status=status,
        order=2,
        occurred_at=at,
        explanation=explanation,
        subscriber=subscriber,
        received_at=at + dt.timedelta(seconds=1),
        fingerprint="f" * 32,
        current_status=status,
        notification=Notification(id=f"n-{key[:6]}", channel="sms", state=State.CREATED, updated_at=at)
        if notification
        else None,
    )


SMS = Subscriber(channel="sms", phone="+31612345678", language="nl")
EMAIL = Subscriber(channel="email", email="jan@example.nl", language="en")


class StoreContract:
    """Every Store adapter behaves like this. Subclasses provide `make_store`."""

    @pytest.fixture
    def make_store(self):  # pragma: no cover - overridden
        raise NotImplementedError

    @pytest.fixture
    def store(self, make_store) -> Store:
        return make_store()

    # organisations and clients

    def test_create_organisation_twice_keeps_the_first(self, store):
        assert store.create_organisation(organisation()) is True
        assert store.create_organisation(organisation(name="Imposter")) is False
        assert store.get_organisation("hvc") == organisation()

    def test_unknown_organisation_is_none(self, store):
        assert store.get_organisation("nope") is None

    def test_client_comes_back_and_belongs_to_its_organisation(self, store):
        client = ClientCredentials(org_id="hvc", client_id="hvc.abc", secret_encrypted="gAAAA-secret", created_at=T0)
        store.put_client(client)
        assert store.get_client("hvc", "hvc.abc") == client
        assert store.get_client("hvc", "hvc.other") is None
        assert store.get_client("other", "hvc.abc") is None

    def test_put_client_replaces_the_secret(self, store):
        store.put_client(ClientCredentials(org_id="hvc", client_id="hvc.abc", secret_encrypted="old", created_at=T0))
        store.put_client(ClientCredentials(org_id="hvc", client_id="hvc.abc", secret_encrypted="new", created_at=T0))
        assert store.get_client("hvc", "hvc.abc").secret_encrypted == "new"

    # case types

    def test_put_case_type_says_whether_it_was_new_and_replaces(self, store):
        assert store.put_case_type("hvc", case_type()) is True
        assert store.put_case_type("hvc", case_type(name="Klacht v2")) is False
        assert store.get_case_type("hvc", "klacht") == case_type(name="Klacht v2")

    def test_case_type_round_trips_whole(self, store):
        store.put_case_type("hvc", case_type())
        got = store.get_case_type("hvc", "klacht")
        assert got == case_type()
        assert got.status("intern").public is False and got.status("klaar").final is True

    def test_case_types_are_listed_per_organisation(self, store):
        for code in ("b", "a", "c"):
            store.put_case_type("hvc", case_type(code))
        store.put_case_type("other", case_type("z"))
        store.create_organisation(organisation())
        store.put_client(ClientCredentials(org_id="hvc", client_id="hvc.x", secret_encrypted="s", created_at=T0))
        assert sorted(c.code for c in store.list_case_types("hvc")) == ["a", "b", "c"]
        assert [c.code for c in store.list_case_types("other")] == ["z"]
        assert store.list_case_types("nobody") == []
        assert store.get_case_type("hvc", "z") is None

    # cases

    def test_unknown_case_does_not_exist(self, store):
        case = store.load_case("hvc", "HVC-1")
        assert case.exists is False and case.events == () and case.subscriber_changes == ()
        assert (case.org_id, case.id) == ("hvc", "HVC-1")

    def test_add_event_twice_with_the_same_key_keeps_the_first(self, store):
        first = event(explanation="eerste")
        assert store.add_event("hvc", "HVC-1", first) is True
        assert store.add_event("hvc", "HVC-1", event(explanation="tweede")) is False
        case = store.load_case("hvc", "HVC-1")
        assert case.events == (first,)

    def test_events_come_back_equal(self, store):
        events = [
            event("a" * 32, "ontvangen", notification=False, subscriber=SMS, minutes=0),
            event("b" * 32, "intern", notification=False, minutes=5),
            event("c" * 32, "klaar", subscriber=EMAIL, explanation="klaar", minutes=10),
        ]
        for e in events:
            assert store.add_event("hvc", "HVC-1", e) is True
        case = store.load_case("hvc", "HVC-1")
        assert case.exists
        assert sorted(case.events, key=lambda e: e.key) == events
        assert case.subscriber == EMAIL

    def test_same_event_key_in_another_case_or_organisation_is_another_event(self, store):
        assert store.add_event("hvc", "HVC-1", event()) is True
        assert store.add_event("hvc", "HVC-2", event()) is True
        assert store.add_event("other", "HVC-1", event()) is True
        assert len(store.load_case("hvc", "HVC-1").events) == 1

    def test_cases_do_not_leak_into_each_other(self, store):
        store.add_event("hvc", "HVC-1", event())
        store.add_event("hvc", "HVC-10", event("d" * 32))
        store.put_tracking_token("hvc", "h" * 64, "HVC-1")
        store.put_case_type("hvc", case_type())
        assert [e.key for e in store.load_case("hvc", "HVC-1").events] == ["k" * 32]
        assert store.load_case("hvc", "HVC").exists is False

    def test_subscriber_changes_come_back(self, store):
        store.add_event("hvc", "HVC-1", event(subscriber=SMS))
        first = SubscriberChange(subscriber=EMAIL, at=T0 + dt.timedelta(hours=1), origin="organisation")
        second = SubscriberChange(subscriber=Subscriber(channel="portal"), at=T0 + dt.timedelta(hours=2), origin="citizen")
        store.add_subscriber_change("hvc", "HVC-1", first)
        store.add_subscriber_change("hvc", "HVC-1", second)
        case = store.load_case("hvc", "HVC-1")
        assert sorted(case.subscriber_changes, key=lambda c: c.at) == [first, second]
        assert case.subscriber == Subscriber(channel="portal")

    def test_two_subscriber_changes_at_the_same_moment_are_both_kept(self, store):
        store.add_event("hvc", "HVC-1", event())
        for s in (SMS, EMAIL):
            store.add_subscriber_change("hvc", "HVC-1", SubscriberChange(subscriber=s, at=T0, origin="organisation"))
        assert len(store.load_case("hvc", "HVC-1").subscriber_changes) == 2

    # tracking tokens

    def test_tracking_token_is_found_by_its_hash_within_its_organisation(self, store):
        store.put_tracking_token("hvc", "a" * 64, "HVC-1")
        assert store.find_tracking_token("hvc", "a" * 64) == "HVC-1"
        assert store.find_tracking_token("hvc", "b" * 64) is None
        assert store.find_tracking_token("other", "a" * 64) is None

    # notifications

    def test_transition_moves_from_an_allowed_state_and_records_fields(self, store):
        store.add_event("hvc", "HVC-1", event())
        assert store.transition_notification(
            "hvc", "HVC-1", "k" * 32, State.CLAIMABLE, State.SENDING, count_attempt=True, channel="email"
        ) is True
        n = store.load_case("hvc", "HVC-1").event("k" * 32).notification
        assert (n.state, n.attempts, n.channel) == (State.SENDING, 1, "email")
        assert n.updated_at > T0
        assert store.transition_notification(
            "hvc", "HVC-1", "k" * 32, (State.SENDING,), State.SENT, provider_id="SM123"
        ) is True
        n = store.load_case("hvc", "HVC-1").event("k" * 32).notification
        assert (n.state, n.attempts, n.provider_id, n.channel, n.error) == (State.SENT, 1, "SM123", "email", None)

    def test_transition_from_a_wrong_state_changes_nothing(self, store):
        store.add_event("hvc", "HVC-1", event())
        before = store.load_case("hvc", "HVC-1")
        assert store.transition_notification(
            "hvc", "HVC-1", "k" * 32, (State.SENDING,), State.SENT, count_attempt=True, provider_id="x", error="e"
        ) is False
        assert store.load_case("hvc", "HVC-1") == before

    def test_transition_of_unknown_event_or_event_without_notification_is_false(self, store):
        assert store.transition_notification("hvc", "HVC-1", "k" * 32, State.CLAIMABLE, State.SENDING) is False
        assert store.load_case("hvc", "HVC-1").exists is False
        store.add_event("hvc", "HVC-1", event(notification=False))
        assert store.transition_notification("hvc", "HVC-1", "k" * 32, State.CLAIMABLE, State.SENDING) is False
        assert store.load_case("hvc", "HVC-1").event("k" * 32).notification is None

    def test_attempts_are_counted_and_errors_recorded_across_retries(self, store):
        store.add_event("hvc", "HVC-1", event())
        key = "k" * 32
        for _ in range(3):
            assert store.transition_notification("hvc", "HVC-1", key, State.CLAIMABLE, State.SENDING, count_attempt=True)
            assert store.transition_notification(
                "hvc", "HVC-1", key, (State.SENDING,), State.TEMPORARY_FAILURE, error="throttled"
            )
        n = store.load_case("hvc", "HVC-1").event(key).notification
        assert (n.state, n.attempts, n.error) == (State.TEMPORARY_FAILURE, 3, "throttled")
        assert store.transition_notification("hvc", "HVC-1", key, State.CLAIMABLE, State.SUPPRESSED) is True
        assert store.transition_notification("hvc", "HVC-1", key, State.CLAIMABLE, State.SENDING) is False

    def test_transition_leaves_the_rest_of_the_event_alone(self, store):
        original = event(subscriber=SMS, explanation="x")
        store.add_event("hvc", "HVC-1", original)
        store.transition_notification("hvc", "HVC-1", original.key, State.CLAIMABLE, State.SENDING, count_attempt=True)
        after = store.load_case("hvc", "HVC-1").event(original.key)
        assert after.model_copy(update={"notification": None}) == original.model_copy(update={"notification": None})

    def test_racing_claims_let_exactly_one_win(self, make_store):
        store = make_store()
        workers = 4
        for round_ in range(20):
            key = f"{round_:032d}"
            store.add_event("hvc", "HVC-1", event(key))
            barrier = threading.Barrier(workers)
            results: list[bool] = []
            errors: list[BaseException] = []

            def claim() -> None:
                try:
                    barrier.wait()
                    results.append(
                        store.transition_notification(
                            "hvc", "HVC-1", key, State.CLAIMABLE, State.SENDING, count_attempt=True
                        )
                    )
                except BaseException as exc:  # noqa: BLE001 - reported below
                    errors.append(exc)

            threads = [threading.Thread(target=claim) for _ in range(workers)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert errors == []
            assert results.count(True) == 1, f"round {round_}: {results}"
            assert store.load_case("hvc", "HVC-1").event(key).notification.attempts == 1


    # deleting a case (ZGW zaak/destroy)

    def test_delete_case_removes_its_events_preferences_and_token_and_nothing_else(self, store):
        store.add_event("hvc", "HVC-1", event(subscriber=SMS))
        store.add_subscriber_change("hvc", "HVC-1", SubscriberChange(subscriber=EMAIL, at=T0, origin="organisation"))
        store.put_tracking_token("hvc", "a" * 64, "HVC-1")
        store.add_event("hvc", "HVC-10", event())
        store.put_tracking_token("hvc", "b" * 64, "HVC-10")
        store.put_case_type("hvc", case_type())

        store.delete_case("hvc", "HVC-1", "a" * 64)

        case = store.load_case("hvc", "HVC-1")
        assert case.exists is False and case.subscriber_changes == ()
        assert store.find_tracking_token("hvc", "a" * 64) is None
        assert store.load_case("hvc", "HVC-10").exists
        assert store.find_tracking_token("hvc", "b" * 64) == "HVC-10"
        assert store.get_case_type("hvc", "klacht") is not None
        store.delete_case("hvc", "HVC-1", "a" * 64)  # again: nothing left, no error

    # ZGW connection, inbox and zaak links

    def test_zgw_connection_round_trips_and_lists_its_organisation(self, store):
        from chalicelib.zgw.models import Connection

        conn = Connection(org_id="hvc", zaken_api="https://z.example/api/v1", catalogi_api="https://c.example/api/v1",
                          client_id="zs", secret_encrypted="gAAAA-x", rsins=("002220647",),
                          authorization_hash="h" * 64, updated_at=T0)
        assert store.get_zgw_connection("hvc") is None
        store.put_zgw_connection(conn)
        store.put_zgw_connection(conn.model_copy(update={"org_id": "svb"}))
        store.put_zgw_connection(conn.model_copy(update={"client_id": "zs2"}))
        assert store.get_zgw_connection("hvc") == conn.model_copy(update={"client_id": "zs2"})
        assert store.list_zgw_organisations() == ["hvc", "svb"]
        store.put_case_type("hvc", case_type())
        assert [c.code for c in store.list_case_types("hvc")] == ["klacht"]

    def test_zgw_inbox_keeps_a_message_once_until_deleted(self, store):
        message = {"kanaal": "zaken", "resourceUrl": "https://z.example/statussen/1"}
        assert store.put_zgw_inbox("hvc", "k1", message) is True
        assert store.put_zgw_inbox("hvc", "k1", {"other": 1}) is False
        assert store.get_zgw_inbox("hvc", "k1") == message
        assert store.get_zgw_inbox("svb", "k1") is None
        store.delete_zgw_inbox("hvc", "k1")
        assert store.get_zgw_inbox("hvc", "k1") is None

    def test_zgw_zaak_link_round_trips_and_is_deleted(self, store):
        from chalicelib.zgw.models import ZaakLink

        store.put_zgw_zaak("hvc", "z" * 32, ZaakLink(case_id="ZAAK-1"))
        store.put_zgw_zaak("hvc", "y" * 32, ZaakLink(case_id="ZAAK-2"))
        assert store.get_zgw_zaak("hvc", "z" * 32) == ZaakLink(case_id="ZAAK-1")
        assert store.get_zgw_zaak("hvc", "y" * 32) == ZaakLink(case_id="ZAAK-2")
        assert store.get_zgw_zaak("svb", "z" * 32) is None
        store.delete_zgw_zaak("hvc", "z" * 32)
        assert store.get_zgw_zaak("hvc", "z" * 32) is None

class TestMemoryStore(StoreContract):
    @pytest.fixture
    def make_store(self):
        return MemoryStore


@pytest.fixture
def atomic_moto_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    """DynamoDB applies each request atomically (a conditional update is checked and written as
    one step); moto evaluates requests in the caller's thread with no such guarantee, so two
    threads can both pass a condition. Serialise moto's request handling as the real service
    serialises writes to one item, so the race test tests our condition and not moto's locking."""
    from moto.core.botocore_stubber import BotocoreStubber

    lock = threading.Lock()
    original = BotocoreStubber.process_request

    def process_request(self, request):
        with lock:
            return original(self, request)

    monkeypatch.setattr(BotocoreStubber, "process_request", process_request)


class TestDynamoDBStore(StoreContract):
    @pytest.fixture
    def make_store(self, atomic_moto_requests) -> Iterator:
        with mock_aws():
            create_table(boto3.client("dynamodb"), "zaakstatus")
            yield lambda: DynamoDBStore(lambda: boto3.client("dynamodb"), "zaakstatus")
