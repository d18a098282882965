"""A chart of the document tree drawn once, as reportlab vector shapes.

Every format shows the same drawing: the PDF draws it as vectors, the HTML
page carries it as SVG (reportlab's SVG renderer) and the Word file as a PNG
of RASTER_DPI at its printed size (docx_figures.py). Text in the chart uses
the house font; bars and lines use the house colours, then a palette that
colour-blind readers can tell apart; every bar or point carries its number,
so nothing is said by colour alone.

The chart is laid out here from plain shapes (rectangles, lines, strings)
rather than with reportlab's chart widgets: the same picture at a fraction
of the cost (the widgets' label machinery took 20 ms per chart).
"""

from __future__ import annotations

import math
import textwrap

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing_app.document.nodes import ChartKindNode, FigureChart
from briefing_app.document.style import HouseStyle

# Okabe and Ito's palette, after the house's heading colour.
_PALETTE = ("E69F00", "009E73", "CC79A7", "56B4E9", "D55E00")
_MM = 72 / 25.4
_MAX_LABEL_LINES = 3


def number_label(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _colour(hex_value: str) -> colors.Color:
    return colors.HexColor("#" + hex_value)


def nice_step(span: float, ticks: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about
    ``ticks`` steps over ``span``."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _wrapped(label: str, width_pt: float, font: str, size: float) -> list[str]:
    """A category label in lines that fit ``width_pt`` (at most three)."""
    average = max(stringWidth("n", font, size), 1.0)
    chars = max(4, int(width_pt / average))
    lines = textwrap.wrap(label, chars) or [""]
    if len(lines) > _MAX_LABEL_LINES:
        rest = " ".join(lines[_MAX_LABEL_LINES - 1 :])
        lines = [*lines[: _MAX_LABEL_LINES - 1], textwrap.shorten(rest, chars, placeholder="…")]
    return lines


def chart_drawing(
    chart: FigureChart,
    width_mm: float,
    height_mm: float,
    style: HouseStyle,
    font: str,
) -> Drawing:
    """The chart at its printed size (points), in ``font`` (a registered name)."""
    width, height = width_mm * _MM, height_mm * _MM
    size = max(6.0, min(style.small_pt, height / 14))
    text_colour, rule = _colour(style.text_colour), _colour(style.rule_colour)
    hexes = (style.heading_colour, *_PALETTE)
    shades = [_colour(hexes[i % len(hexes)]) for i in range(len(chart.series))]
    drawing = Drawing(width, height)

    values = [v for s in chart.series for v in s.values if v is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    step = nice_step(high - low or 1.0)
    axis_low = math.floor(low / step) * step
    axis_high = math.ceil(high / step) * step if high > axis_low else axis_low + step
    if axis_high - high < step * 0.15:  # room for the numbers above the tallest bar
        axis_high += step
    ticks = [axis_low + i * step for i in range(round((axis_high - axis_low) / step) + 1)]
    tick_texts = [number_label(round(t, 10)) for t in ticks]

    left = max(stringWidth(t, font, size) for t in tick_texts) + size * 0.8
    right = size * 0.5
    legend_h = size * 1.8 if len(chart.series) > 1 else 0.0
    count = max(1, len(chart.categories))
    band = (width - left - right) / count
    labels = [_wrapped(c, band * 0.92, font, size) for c in chart.categories]
    lines = max((len(x) for x in labels), default=1)
    bottom = size * (1.25 * lines + 0.6)
    top = size * 0.8 + legend_h
    plot_h = max(size * 3, height - bottom - top)

    def y_of(value: float) -> float:
        return bottom + (value - axis_low) / (axis_high - axis_low) * plot_h

    # Grid and value axis.
    for tick, text in zip(ticks, tick_texts, strict=True):
        y = y_of(tick)
        drawing.add(Line(left, y, width - right, y, strokeColor=rule, strokeWidth=0.4))
        drawing.add(
            String(left - size * 0.4, y - size * 0.35, text, fontName=font, fontSize=size,
                   fillColor=text_colour, textAnchor="end")
        )  # fmt: skip
    zero = y_of(0.0)
    drawing.add(Line(left, zero, width - right, zero, strokeColor=text_colour, strokeWidth=0.6))

    # Category labels, centred under their band.
    for i, label_lines in enumerate(labels):
        x = left + band * (i + 0.5)
        for n, line in enumerate(label_lines):
            y = bottom - size * (1.2 * n + 1.2)
            drawing.add(
                String(x, y, line, fontName=font, fontSize=size, fillColor=text_colour,
                       textAnchor="middle")
            )  # fmt: skip

    def value_text(x: float, value: float) -> None:
        y = y_of(value) + size * 0.35 if value >= 0 else y_of(value) - size * 1.1
        drawing.add(
            String(x, y, number_label(value), fontName=font, fontSize=size,
                   fillColor=text_colour, textAnchor="middle")
        )  # fmt: skip

    if chart.kind is ChartKindNode.BAR:
        group = band * 0.7
        bar = group / max(1, len(chart.series))
        for s, (series, shade) in enumerate(zip(chart.series, shades, strict=True)):
            for i, value in enumerate(series.values):
                if value is None:
                    continue
                x = left + band * i + (band - group) / 2 + bar * s
                y0, y1 = sorted((zero, y_of(value)))
                drawing.add(Rect(x, y0, bar * 0.92, y1 - y0, fillColor=shade, strokeColor=None))
                value_text(x + bar * 0.46, value)
    else:
        for series, shade in zip(chart.series, shades, strict=True):
            run: list[float] = []
            for i, value in enumerate([*series.values, None]):
                if value is None:  # a gap: the line stops and starts again
                    if len(run) >= 4:
                        drawing.add(PolyLine(run, strokeColor=shade, strokeWidth=1.8))
                    run = []
                    continue
                x = left + band * (i + 0.5)
                run += [x, y_of(value)]
                drawing.add(Circle(x, y_of(value), size * 0.25, fillColor=shade, strokeColor=None))
                value_text(x, value)

    if len(chart.series) > 1:
        x, y = left, height - size * 1.2
        for series, shade in zip(chart.series, shades, strict=True):
            drawing.add(Rect(x, y, size * 0.8, size * 0.8, fillColor=shade, strokeColor=None))
            drawing.add(
                String(x + size * 1.2, y + size * 0.05, series.name, fontName=font,
                       fontSize=size, fillColor=text_colour)
            )  # fmt: skip
            x += size * 2.6 + stringWidth(series.name, font, size)
    return drawing
