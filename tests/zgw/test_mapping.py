"""The pure parts: codes, case ids, durations, versions, and the webhook model against the
consumer description. No I/O."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pydantic import ValidationError

from chalicelib.domain.inbound import CASE_ID, CODE
from chalicelib.domain.zgw.catalogue import code_of, current_versions, norm_days
from chalicelib.domain.zgw.models import NotificationIn
from chalicelib.domain.zgw.statuses import case_id_of, event_id_of, explanation_of
from tests.zgw.openapi import check_answer, errors_of


@pytest.mark.parametrize(
    "text, code",
    [
        ("ZAAKTYPE-2018-0000000001", "zaaktype-2018-0000000001"),
        ("In behandeling", "in-behandeling"),
        ("Zaak   afgehandeld!", "zaak-afgehandeld"),
        ("Één/twee", "een-twee"),
    ],
)
def test_codes_are_lowercase_slugs(text, code):
    assert code_of(text) == code and re.match(CODE, code)


def test_a_text_with_nothing_usable_still_gets_a_stable_code():
    assert code_of("???") == code_of("???") and re.match(CODE, code_of("???"))
    assert re.match(CODE, code_of("x" * 200))


@pytest.mark.parametrize("identificatie", ["ZAAK-2026-0000000001", "2026/001 bezwaar", "-abc", "z" * 40])
def test_case_ids_fit_the_case_id_pattern_and_keep_valid_identificaties(identificatie):
    case_id = case_id_of(identificatie)
    assert re.match(CASE_ID, case_id)
    if re.match(CASE_ID, identificatie):
        assert case_id == identificatie
    assert case_id_of("2026/001 a") != case_id_of("2026-001 a")


def test_the_reconciliations_event_key_is_the_one_ingest_gives_the_status():
    from chalicelib.domain.events import identity_key
    from chalicelib.domain.inbound import EventIn
    from chalicelib.domain.zgw.statuses import event_key_of

    url = "https://zaken.example.nl/zaken/api/v1/statussen/1b0f1c5e-0000-4000-8000-000000000002"
    data = EventIn(
        event_id=event_id_of(url),
        case={"id": "Z-1", "case_type": "zt"},
        status="open",
        occurred_at="2026-11-28T10:00:00Z",
    )
    assert event_key_of(url) == identity_key(data)


def test_event_id_of_a_long_status_url_fits_and_is_stable():
    url = "https://zaken.example.nl/" + "x" * 500
    assert event_id_of(url) == event_id_of(url) and len(event_id_of(url)) <= 128


@pytest.mark.parametrize(
    "duration, days", [("P14D", 14), ("P6W", 42), ("P2W3D", 17), ("P1M", None), (None, None), ("", None)]
)
def test_service_norms_in_days_and_weeks(duration, days):
    assert norm_days(duration) == days


def test_the_version_valid_today_wins_else_the_newest():
    old = {"identificatie": "A", "beginGeldigheid": "2020-01-01", "eindeGeldigheid": "2023-12-31"}
    now = {"identificatie": "A", "beginGeldigheid": "2024-01-01", "eindeGeldigheid": None}
    future = {"identificatie": "A", "beginGeldigheid": "2030-01-01", "eindeGeldigheid": None}
    assert current_versions([future, old, now], dt.date(2026, 11, 28)) == [now]
    assert current_versions([old], dt.date(2026, 11, 28)) == [old]


def test_explanation_combines_toelichting_and_suspension():
    assert explanation_of({"statustoelichting": ""}, {"opschorting": {"indicatie": False, "reden": ""}}) is None
    assert explanation_of({"statustoelichting": "x"}, {"opschorting": None}) == "x"
    assert explanation_of({}, {"opschorting": {"indicatie": True, "reden": "wacht"}}) == "opgeschort: wacht"


GOOD = {
    "kanaal": "zaken",
    "hoofdObject": "https://z.example/zaken/1",
    "resource": "status",
    "resourceUrl": "https://z.example/statussen/1",
    "actie": "create",
    "aanmaakdatum": "2026-11-28T10:00:00Z",
    "kenmerken": {"bronorganisatie": "002220647"},
}
POINTER = "components/schemas/Notificatie"


@pytest.mark.parametrize(
    "body",
    [
        GOOD,
        {k: v for k, v in GOOD.items() if k != "kenmerken"},
        {**GOOD, "extra": 1},
        {**GOOD, "kanaal": ""},
        {**GOOD, "kanaal": "k" * 51},
        {**GOOD, "resource": "r" * 101},
        {k: v for k, v in GOOD.items() if k != "resourceUrl"},
        {**GOOD, "aanmaakdatum": "gisteren"},
        {**GOOD, "kenmerken": {"a": ""}},
        {**GOOD, "kenmerken": {"a": "x" * 1001}},
    ],
)
def test_the_webhook_model_accepts_exactly_what_the_consumer_description_accepts(body):
    schema_ok = errors_of("notificaties-consumer", POINTER, body) == []
    try:
        NotificationIn.model_validate(body)
        model_ok = True
    except ValidationError:
        model_ok = False
    assert model_ok == schema_ok


def test_the_drift_check_catches_a_missing_required_field():
    status = {
        "url": "https://z.example/statussen/1",
        "uuid": "1b0f1c5e-0000-4000-8000-000000000002",
        "zaak": "https://z.example/zaken/1",
        "statustype": "https://c.example/statustypen/1",
        "datumStatusGezet": "2026-11-28T10:00:00Z",
        "indicatieLaatstGezetteStatus": True,
        "zaakinformatieobjecten": [],
    }
    headers = {"API-version": "1.5.1", "ETag": '"x"'}
    assert check_answer("/zaken/api/v1/statussen/{uuid}", 200, status, headers) == []
    broken = {k: v for k, v in status.items() if k != "datumStatusGezet"}
    assert check_answer("/zaken/api/v1/statussen/{uuid}", 200, broken, headers) != []
    assert check_answer("/zaken/api/v1/statussen/{uuid}", 503, {}, headers) != []
