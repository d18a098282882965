"""Figures in the PDF: caption, picture or chart, source line, kept together.

A picture is drawn with reportlab's own image embedding, which stores each
distinct picture once in the file (however often it is shown) and copies a
JPEG's bytes as they are (DCTDecode: no re-encoding). An SVG drawing and a
chart are drawn as vectors.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.graphics.shapes import Drawing, Group
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph
from reportlab.platypus.flowables import Spacer

from briefing_app.document.nodes import FigureImage, FigureNode, Inlines
from briefing_app.document.style import HouseStyle
from briefing_app.errors import ExportError
from briefing_app.writers.charts import chart_drawing
from briefing_app.writers.pdf_markup import escape
from briefing_app.writers.pdf_styles import Styles


class _Vector(Flowable):
    """A vector drawing at a set size (an SVG picture or a chart)."""

    def __init__(self, drawing: Drawing, width: float, height: float) -> None:
        super().__init__()
        self.drawing = drawing
        self.width, self.height = width, height
        self.hAlign = "LEFT"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        from reportlab.graphics import renderPDF

        renderPDF.draw(self.drawing, self.canv, 0, 0)


def svg_drawing(image: FigureImage, width: float, height: float) -> Drawing:
    """The (already cleaned) SVG as reportlab vector shapes, scaled to fit."""
    from svglib.svglib import svg2rlg  # loaded only for a brief with a drawing

    try:
        drawing = svg2rlg(io.BytesIO(image.data))
    except Exception:  # svglib raises many kinds on an odd drawing
        drawing = None
    if drawing is None or not drawing.width or not drawing.height:
        raise ExportError(
            "An SVG drawing in the brief could not be drawn; insert it again as a PNG picture."
        )
    scale_x, scale_y = width / drawing.width, height / drawing.height
    group = Group(*drawing.contents)
    group.transform = (scale_x, 0, 0, scale_y, 0, 0)
    out = Drawing(width, height)
    out.add(group)
    return out


def picture_flowable(node: FigureNode, style: HouseStyle, font: str) -> Flowable:
    width, height = node.width_mm * mm, node.height_mm * mm
    if node.chart is not None:
        return _Vector(
            chart_drawing(node.chart, node.width_mm, node.height_mm, style, font), width, height
        )
    image = node.image
    assert image is not None
    if image.media_type == "image/svg+xml":
        return _Vector(svg_drawing(image, width, height), width, height)
    flowable = Image(io.BytesIO(image.data), width=width, height=height)
    flowable.hAlign = "LEFT"
    return flowable


def figure_flowables(
    node: FigureNode,
    style: HouseStyle,
    styles: Styles,
    font: str,
    paras: Callable[[Inlines, object], Paragraph],
) -> list[Flowable]:
    """The figure as one unit: it never starts on one page and ends on the next."""
    parts: list[Flowable] = [Paragraph(escape(node.caption), styles.caption)]
    parts.append(picture_flowable(node, style, font))
    if node.source:
        parts.append(Spacer(1, style.table_source_gap_pt))
        parts.append(paras(node.source, styles.source))
    else:
        parts.append(Spacer(1, style.table_after_pt))
    return [KeepTogether(parts)]
