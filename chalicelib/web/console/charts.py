"""Horizontal bar charts as server-rendered SVG, each with a table of the same numbers beside it.

Written here rather than taken from a library: what the console needs is a few rectangles and
labels, and the chart libraries that render SVG without JavaScript bring far more (and some emit
`style=` attributes, which the console's CSP forbids). Only SVG presentation attributes are used
(`fill=`, `font-size=`), never `style=`, so the strict CSP holds.

Every bar's label says its series and value in words ("Geopend 12"), so nothing is told by colour
alone; the SVG is one image (`role="img"`, `<title>`, `<desc>`) and the table beside it gives the
numbers to screen readers and to anyone who wants to copy them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from html import escape

# The view box is as wide as a 320 px screen, so its text keeps nearly its size there.
WIDTH = 320
PAD = 4
FONT = 16
ROW = 24
BAR = 18
HEADING = 24
GAP = 12
CHAR = 0.56  # a sans-serif character's average width, in ems, to leave room for a label
FONT_FAMILY = "Segoe UI, Roboto, Arial, Helvetica, sans-serif"
TEXT = "#1a1a1a"
MIN_BAR_AREA = 120
# Each at least 3:1 against white (WCAG 1.4.11), and told apart by their labels anyway.
PALETTE = ("#01689b", "#39870c", "#4a4a4a", "#c0211a", "#763a98", "#94560a")


@dataclass(frozen=True)
class Row:
    """One category (a case type, a status, a channel): a value per series, None for 'no data'."""

    label: str
    values: tuple[float | None, ...]
    marker: float | None = None  # a reference line in this row's group, such as the service norm


@dataclass(frozen=True)
class BarChart:
    ident: str  # unique on the page: the SVG's title and description are referenced by id
    title: str
    description: str
    category: str  # the table's first column header: "Zaaktype", "Status", "Kanaal"
    series: tuple[str, ...]
    rows: tuple[Row, ...]
    marker_label: str = ""  # names the reference line ("Norm") when rows carry one
    unit: str = ""  # appended to values in the chart's labels, such as "d" for days
    language: str = "nl"
    empty: str = "Geen gegevens in deze periode."
    no_value: str = "geen gegevens"
    colours: tuple[str, ...] = field(default=PALETTE)


def number(value: float | None, language: str = "nl") -> str:
    """A figure as people read it: whole numbers bare, others to one decimal (a comma in Dutch)."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return str(int(value))
    text = f"{value:.1f}"
    return text.replace(".", ",") if language == "nl" else text


def scale_max(chart: BarChart) -> float:
    """The largest figure drawn (values and markers): it gets the full bar width."""
    figures = [v for row in chart.rows for v in (*row.values, row.marker) if v is not None]
    return max(figures, default=0.0)


def bar_length(value: float | None, largest: float, area: float) -> float:
    if not value or largest <= 0:
        return 0.0
    return round(max(0.0, min(value, largest)) / largest * area, 1)


def _width(text: str, size: float = FONT) -> float:
    return len(text) * size * CHAR


def _fit(text: str, room: float, size: float = FONT) -> str:
    """Cut a long label to the width it has; the table beside the chart has it whole."""
    most = max(4, int(room / (size * CHAR)))
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _value_label(chart: BarChart, name: str, value: float | None) -> str:
    if value is None:
        return f"{name}: {chart.no_value}"
    unit = f" {chart.unit}" if chart.unit else ""
    return f"{name} {number(value, chart.language)}{unit}"


def _text(x: float, y: float, content: str, *, bold: bool = False, size: int = FONT) -> str:
    weight = ' font-weight="700"' if bold else ""
    return f'<text x="{x:g}" y="{y:g}" font-size="{size}"{weight} fill="{TEXT}">{escape(content)}</text>'


def svg(chart: BarChart) -> str:
    """The chart as one accessible image; an empty chart says so instead of drawing nothing."""
    title_id, desc_id = f"{chart.ident}-title", f"{chart.ident}-desc"
    labels = [_value_label(chart, s, v) for row in chart.rows for s, v in zip(chart.series, row.values, strict=True)]
    room = max((_width(label) for label in labels), default=0.0) + 2 * PAD
    area = max(float(MIN_BAR_AREA), WIDTH - 2 * PAD - room)
    largest = scale_max(chart)
    parts: list[str] = []
    y = PAD
    for row in chart.rows:
        parts.append(_row(chart, row, y, area, largest))
        y += HEADING + ROW * len(chart.series) + GAP
    if not chart.rows:
        parts.append(_text(PAD, PAD + FONT, chart.empty))
        y += HEADING
    height = y + PAD
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {height:g}"'
        f' width="{WIDTH}" height="{height:g}" aria-labelledby="{title_id} {desc_id}"'
        f' font-family="{FONT_FAMILY}">'
        f'<title id="{title_id}">{escape(chart.title)}</title><desc id="{desc_id}">{escape(chart.description)}</desc>'
        + "".join(parts)
        + "</svg>"
    )


def _row(chart: BarChart, row: Row, top: float, area: float, largest: float) -> str:
    heading = row.label
    if row.marker is not None and chart.marker_label:
        heading = f"{row.label} ({chart.marker_label.lower()} {number(row.marker, chart.language)} {chart.unit})"
    parts = [_text(PAD, top + FONT, _fit(heading.rstrip(), WIDTH - 2 * PAD), bold=True)]
    # Without any value there is nothing to hold against the marker: the heading names it.
    drawn = row.marker is not None and any(v is not None for v in row.values)
    marker_x = PAD + bar_length(row.marker, largest, area) if drawn else PAD
    y = top + HEADING
    for index, (name, value) in enumerate(zip(chart.series, row.values, strict=True)):
        length = bar_length(value, largest, area)
        colour = chart.colours[index % len(chart.colours)]
        if length > 0:
            parts.append(f'<rect x="{PAD}" y="{y:g}" width="{length:g}" height="{BAR}" fill="{colour}"/>')
        # A label starts past its bar and past the marker line, so the line never crosses it.
        label_x = max(PAD + length, marker_x) + 6 if value is not None else PAD
        parts.append(_text(label_x, y + BAR - 4, _value_label(chart, name, value)))
        y += ROW
    if drawn:
        bottom = top + HEADING + ROW * len(chart.series) - (ROW - BAR)
        parts.append(
            f'<line x1="{marker_x:g}" y1="{top + HEADING - 3:g}" x2="{marker_x:g}" y2="{bottom + 3:g}"'
            f' stroke="{TEXT}" stroke-width="2" stroke-dasharray="4 3"/>'
        )
    return "".join(parts)


def table(chart: BarChart) -> str:
    """The same numbers as a real table: a caption, column and row headers with their scope."""
    head = f'<th scope="col">{escape(chart.category)}</th>' + "".join(
        f'<th scope="col" class="number">{escape(name)}</th>' for name in _columns(chart)
    )
    body = "".join(
        f'<tr><th scope="row">{escape(row.label)}</th>'
        + "".join(f'<td class="number">{escape(number(v, chart.language))}</td>' for v in _cells(chart, row))
        + "</tr>"
        for row in chart.rows
    )
    if not chart.rows:
        body = f'<tr><td colspan="{len(_columns(chart)) + 1}">{escape(chart.empty)}</td></tr>'
    # A wide table scrolls in its own box on a narrow screen, reachable by keyboard, named by its caption.
    return (
        f'<div class="table-scroll" role="region" tabindex="0" aria-labelledby="{chart.ident}-caption">'
        f'<table class="figures"><caption id="{chart.ident}-caption">{escape(chart.title)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _columns(chart: BarChart) -> Sequence[str]:
    return (*chart.series, chart.marker_label) if chart.marker_label else chart.series


def _cells(chart: BarChart, row: Row) -> Sequence[float | None]:
    return (*row.values, row.marker) if chart.marker_label else row.values


def figure(chart: BarChart, most: int | None = None, by: int = 0) -> str:
    """The chart and its table side by side (stacked on a narrow screen). With `most`, the chart
    draws only the rows largest in series `by` (a chart of 450 case types helps nobody) and says
    so under it; the table beside it keeps every row."""
    if most is None or len(chart.rows) <= most:
        return f'<div class="chart-figure">{svg(chart)}{table(chart)}</div>'
    note = f"De grafiek toont de {most} van de {len(chart.rows)} met de hoogste waarde voor {chart.series[by]}; "
    note += "de tabel toont ze allemaal."
    drawn = replace(chart, rows=top(chart.rows, most, by), description=f"{chart.description} {note}")
    return f'<div class="chart-figure"><div>{svg(drawn)}<p class="hint">{escape(note)}</p></div>{table(chart)}</div>'


def top(rows: tuple[Row, ...], most: int, by: int = 0) -> tuple[Row, ...]:
    """The `most` rows largest in series `by` (no value counts as 0), in their own order."""
    ranked = sorted(range(len(rows)), key=lambda i: -(rows[i].values[by] or 0))[:most]
    return tuple(rows[i] for i in sorted(ranked))


def slug(text: str) -> str:
    """An id fragment from any label: letters, digits and hyphens only."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"
