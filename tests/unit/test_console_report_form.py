"""The report pages' filters: dates read as yyyy-mm-dd, each mistake named beside its field, the
filters carried into the CSV link."""

from __future__ import annotations

import datetime as dt

from chalicelib.web.console.report_form import filter_form, read_filters

CODES = {"klacht", "ww"}


def test_filters_are_read_from_the_query():
    filters = read_filters({"case_type": "ww", "from": "2026-11-01", "to": " 2026-11-30 "}, CODES)

    assert filters.errors == {}
    assert (filters.case_type, filters.start, filters.end) == ("ww", dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert filters.query() == "?case_type=ww&from=2026-11-01&to=2026-11-30"
    assert filters.query("case_type") == "?case_type=ww"


def test_no_filters_mean_every_case_type_and_the_default_period():
    filters = read_filters(None, CODES)

    assert (filters.case_type, filters.start, filters.end, filters.errors) == (None, None, None, {})
    assert filters.query() == ""


def test_a_bad_date_an_end_before_the_start_and_an_unknown_case_type_are_each_named():
    assert set(read_filters({"from": "1-11-2026"}, CODES).errors) == {"from"}
    assert read_filters({"from": "2026-11-30", "to": "2026-11-01"}, CODES).errors == {
        "to": "De einddatum ligt vóór de begindatum."
    }
    assert set(read_filters({"case_type": "<script>"}, CODES).errors) == {"case_type"}


def test_the_form_shows_each_error_beside_its_field_and_keeps_what_was_typed_escaped():
    filters = read_filters({"from": '"><script>', "to": "2026-11-30"}, CODES)

    form = filter_form(filters, {"klacht": "Klacht", "ww": "WW-aanvraag"})

    assert "<script>" not in form and "&quot;&gt;&lt;script&gt;" in form
    assert 'aria-describedby="from-hint from-error" aria-invalid="true"' in form
    assert 'id="from-error"' in form and 'id="to-error"' not in form
    assert '<label for="case_type">Zaaktype</label>' in form
    assert '<option value="ww">WW-aanvraag</option>' in form
    assert form.startswith('<form class="search report-filter" method="get" action="/console/reports"')


def test_the_chosen_case_type_stays_selected():
    form = filter_form(read_filters({"case_type": "klacht"}, CODES), {"klacht": "Klacht", "ww": "WW"})

    assert '<option value="klacht" selected>Klacht</option>' in form
