"""The console's SVG bar charts: lengths in proportion, labels escaped, empty data said in words,
and a table with the same numbers beside each chart."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from chalicelib.web.console import charts
from chalicelib.web.console.charts import BarChart, Row

SVG = "{http://www.w3.org/2000/svg}"


def _chart(rows: tuple[Row, ...], **kw) -> BarChart:
    defaults = dict(
        ident="cases",
        title="Zaken per zaaktype",
        description="Geopend, gesloten en nu open per zaaktype.",
        category="Zaaktype",
        series=("Geopend", "Gesloten", "Nu open"),
        rows=rows,
    )
    return BarChart(**{**defaults, **kw})


def _bars(svg: str) -> list[float]:
    return [float(r.get("width")) for r in ET.fromstring(svg).iter(f"{SVG}rect")]


def test_bar_lengths_are_in_proportion_to_the_values_and_the_largest_fills_the_area():
    chart = _chart((Row("Klacht", (40, 10, 30)), Row("Melding", (20, 0, 5))))

    widths = _bars(charts.svg(chart))

    # A zero draws no bar at all; its label still says 0.
    assert len(widths) == 5
    area = widths[0]
    assert widths == pytest.approx([area, area / 4, area * 3 / 4, area / 2, area / 8], abs=0.1)
    assert 120 <= area <= charts.WIDTH


def test_bar_length_is_zero_for_no_value_zero_or_an_empty_scale():
    assert charts.bar_length(None, 10, 100) == 0
    assert charts.bar_length(0, 10, 100) == 0
    assert charts.bar_length(5, 0, 100) == 0
    assert charts.bar_length(5, 10, 100) == 50


def test_each_bar_is_labelled_with_its_series_and_value_in_words_not_colour_alone():
    svg = charts.svg(_chart((Row("Klacht", (12, 3, 9)),)))

    texts = [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]

    assert texts == ["Klacht", "Geopend 12", "Gesloten 3", "Nu open 9"]


def test_the_svg_is_one_image_with_a_title_and_description_and_no_script_or_style():
    svg = charts.svg(_chart((Row("Klacht", (1, 2, 3)),)))
    root = ET.fromstring(svg)

    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "cases-title cases-desc"
    assert root.find(f"{SVG}title").text == "Zaken per zaaktype"
    assert root.find(f"{SVG}title").get("id") == "cases-title"
    assert root.find(f"{SVG}desc").text == "Geopend, gesloten en nu open per zaaktype."
    assert "<script" not in svg and "style=" not in svg and "<style" not in svg


def test_labels_and_titles_are_escaped_in_the_chart_and_the_table():
    evil = '<script>alert("x")</script> & co'
    chart = _chart((Row(evil, (1, 1, 1)),), title="Zaken <b>", series=("A&B", "<i>", '"q"'))

    html = charts.figure(chart)

    assert "<script" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html and "A&amp;B" in html
    # Still well-formed: the SVG parses as XML.
    ET.fromstring(charts.svg(chart))


def test_an_empty_chart_says_there_is_no_data_and_its_table_says_so_too():
    chart = _chart(())

    svg, table = charts.svg(chart), charts.table(chart)

    assert _bars(svg) == []
    assert [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")] == ["Geen gegevens in deze periode."]
    assert '<td colspan="4">Geen gegevens in deze periode.</td>' in table


def test_the_table_has_a_caption_and_scoped_headers_with_the_same_numbers():
    chart = _chart((Row("Klacht", (12, 3, 9)), Row("Melding", (0, 0, 0))))

    box = ET.fromstring(charts.table(chart))
    table = box.find("table")

    assert box.get("tabindex") == "0" and box.get("aria-labelledby") == table.find("caption").get("id")
    assert table.find("caption").text == "Zaken per zaaktype"
    assert [(th.get("scope"), th.text) for th in table.iter("th")] == [
        ("col", "Zaaktype"),
        ("col", "Geopend"),
        ("col", "Gesloten"),
        ("col", "Nu open"),
        ("row", "Klacht"),
        ("row", "Melding"),
    ]
    assert [[td.text for td in tr.iter("td")] for tr in table.find("tbody")] == [["12", "3", "9"], ["0", "0", "0"]]


def test_a_lead_time_chart_marks_the_norm_and_lists_it_as_a_column():
    chart = _chart(
        (Row("Vergunning", (20, 50.5), marker=56), Row("Klacht", (None, None), marker=14)),
        ident="lead",
        series=("p50", "p90"),
        marker_label="Norm",
        unit="d",
    )

    svg = charts.svg(chart)
    root = ET.fromstring(svg)
    lines = list(root.iter(f"{SVG}line"))
    widths = _bars(svg)

    # The norm of 56 days is the largest figure: its line stands at the end of the bar area.
    assert len(lines) == 1
    assert float(lines[0].get("x1")) == pytest.approx(charts.PAD + widths[0] * 56 / 20, abs=0.5)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts[:3] == ["Vergunning (norm 56 d)", "p50 20 d", "p90 50,5 d"]
    # No values: no marker line in that group, the label at the start, the norm in its heading.
    assert texts[3:] == ["Klacht (norm 14 d)", "p50: geen gegevens", "p90: geen gegevens"]
    assert [float(t.get("x")) for t in root.iter(f"{SVG}text")][4:] == [charts.PAD, charts.PAD]
    cells = [[td.text for td in tr.iter("td")] for tr in ET.fromstring(charts.table(chart)).find("table/tbody")]
    assert cells == [["20", "50,5", "56"], ["–", "–", "14"]]


def test_a_long_label_is_shortened_in_the_chart_but_whole_in_the_table():
    name = "Aanvraag omgevingsvergunning voor de activiteit bouwen en het kappen van houtopstand"
    chart = _chart((Row(name, (1, 2, 3)),))

    heading = next(ET.fromstring(charts.svg(chart)).iter(f"{SVG}text")).text

    assert heading.endswith("…") and len(heading) < len(name)
    assert name in charts.table(chart)


def test_numbers_read_as_people_write_them():
    assert charts.number(3) == "3"
    assert charts.number(3.0) == "3"
    assert charts.number(4.25) == "4,2" or charts.number(4.25) == "4,3"
    assert charts.number(4.5, "en") == "4.5"
    assert charts.number(None) == "–"


def test_a_slug_is_safe_as_an_id():
    assert charts.slug("Klacht <afval> & meer") == "klacht-afval-meer"
    assert re.fullmatch(r"[a-z0-9-]+", charts.slug("Ö")) or charts.slug("Ö") == "x"


def test_a_chart_of_many_rows_draws_the_largest_and_says_so_while_its_table_keeps_them_all():
    rows = tuple(Row(f"Zaaktype {i}", (i, 0, 0)) for i in range(20))

    html = charts.figure(_chart(rows), most=3)

    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    headings = [
        t.text for t in ET.fromstring(svg).iter(f"{SVG}text") if not t.text.startswith(("Geopend", "Gesloten", "Nu"))
    ]
    assert headings == ["Zaaktype 17", "Zaaktype 18", "Zaaktype 19"]
    assert "De grafiek toont de 3 van de 20 met de hoogste waarde voor Geopend" in html
    assert all(f'<th scope="row">Zaaktype {i}</th>' in html for i in range(20))
    # Few rows: drawn whole, no note.
    assert "De grafiek toont" not in charts.figure(_chart(rows[:3]), most=3)
