"""A chart of the document tree drawn once, as reportlab vector graphics.

Every format shows the same drawing: the PDF draws it as vectors, the HTML
page carries it as inline SVG (reportlab's SVG renderer) and the Word file
as a PNG of at least 300 dots per inch at its printed size. Text in the
chart uses the house font; bars and lines use the house colours, then a
palette that colour-blind readers can tell apart; every bar or point carries
its number, so nothing is said by colour alone.
"""

from __future__ import annotations

import textwrap

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors

from briefing_app.document.nodes import ChartKindNode, FigureChart
from briefing_app.document.style import HouseStyle

# Okabe and Ito's palette, after the house's heading colour.
_PALETTE = ("E69F00", "009E73", "CC79A7", "56B4E9", "D55E00")
_MM = 72 / 25.4


def number_label(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _colours(style: HouseStyle, count: int) -> list[colors.Color]:
    hexes = (style.heading_colour, *_PALETTE)
    return [colors.HexColor("#" + hexes[i % len(hexes)]) for i in range(count)]


def _wrapped(label: str, band_pt: float, size: float) -> str:
    """A category label in lines that fit its band (at most three)."""
    chars = max(4, int(band_pt / (size * 0.52)))
    lines = textwrap.wrap(label, chars) or [""]
    if len(lines) > 3:
        lines = [*lines[:2], textwrap.shorten(" ".join(lines[2:]), chars, placeholder="…")]
    return "\n".join(lines)


def chart_drawing(
    chart: FigureChart,
    width_mm: float,
    height_mm: float,
    style: HouseStyle,
    font: str,
) -> Drawing:
    """The chart at its printed size (points), in ``font`` (a registered name)."""
    width, height = width_mm * _MM, height_mm * _MM
    size = max(6.0, min(style.small_pt, height / 16))
    drawing = Drawing(width, height)
    series = chart.series
    shades = _colours(style, len(series))
    legend_h = (size * 1.6) if len(series) > 1 else 0.0
    count = max(1, len(chart.categories))
    left = size * 4.5
    plot_w = width - left - size
    band = plot_w / count
    wrapped = [_wrapped(c, band * 0.95, size) for c in chart.categories]
    label_lines = max(w.count("\n") + 1 for w in wrapped) if wrapped else 1
    bottom = size * (1.4 * label_lines + 0.8)
    top_room = size * 2.0 + legend_h
    plot_h = max(size * 4, height - bottom - top_room)

    plot = VerticalBarChart() if chart.kind is ChartKindNode.BAR else HorizontalLineChart()
    plot.x, plot.y, plot.width, plot.height = left, bottom, plot_w, plot_h
    plot.data = [tuple(s.values) for s in series]
    if chart.kind is ChartKindNode.BAR:
        plot.data = [tuple(v if v is not None else 0 for v in s.values) for s in series]
        plot.groupSpacing = band * 0.35
        plot.barWidth = band * 0.65 / len(series)
        plot.barSpacing = 1
        for i, shade in enumerate(shades):
            plot.bars[i].fillColor = shade
            plot.bars[i].strokeColor = None
        plot.barLabelFormat = number_label
        plot.barLabels.fontName = font
        plot.barLabels.fontSize = size
        plot.barLabels.nudge = size * 0.4
        plot.barLabels.boxAnchor = "s"
        plot.barLabels.fillColor = colors.HexColor("#" + style.text_colour)
    else:
        plot.joinedLines = 1
        for i, shade in enumerate(shades):
            plot.lines[i].strokeColor = shade
            plot.lines[i].strokeWidth = 2
            plot.lines[i].symbol = None
        plot.lineLabelFormat = number_label
        plot.lineLabels.fontName = font
        plot.lineLabels.fontSize = size
        plot.lineLabels.dy = size * 0.6
        plot.lineLabels.fillColor = colors.HexColor("#" + style.text_colour)
    values = [v for s in series for v in s.values if v is not None]
    lowest, highest = min(values, default=0.0), max(values, default=1.0)
    plot.valueAxis.valueMin = min(0.0, lowest)
    plot.valueAxis.valueMax = highest * 1.12 if highest > 0 else 1.0
    plot.valueAxis.labels.fontName = font
    plot.valueAxis.labels.fontSize = size
    plot.valueAxis.labelTextFormat = number_label
    plot.valueAxis.strokeColor = colors.HexColor("#" + style.rule_colour)
    plot.valueAxis.visibleGrid = 1
    plot.valueAxis.gridStrokeColor = colors.HexColor("#" + style.rule_colour)
    plot.valueAxis.gridStrokeWidth = 0.4
    plot.categoryAxis.categoryNames = wrapped
    plot.categoryAxis.labels.fontName = font
    plot.categoryAxis.labels.fontSize = size
    plot.categoryAxis.labels.boxAnchor = "n"
    plot.categoryAxis.labels.dy = -size * 0.4
    plot.categoryAxis.labels.leading = size * 1.2
    plot.categoryAxis.strokeColor = colors.HexColor("#" + style.rule_colour)
    drawing.add(plot)
    if len(series) > 1:
        legend = Legend()
        legend.x, legend.y = left, height - size * 0.8
        legend.alignment = "right"
        legend.fontName = font
        legend.fontSize = size
        legend.columnMaximum = 1
        legend.deltax = max(60.0, plot_w / len(series))
        legend.dxTextSpace = size * 0.5
        legend.boxAnchor = "nw"
        legend.colorNamePairs = [(shade, s.name) for shade, s in zip(shades, series, strict=True)]
        drawing.add(legend)
    return drawing
