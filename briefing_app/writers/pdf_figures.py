"""Figures in the PDF: caption, picture or chart, source line, kept together.

A picture is stored once in the file, however often it is shown, named by
its SHA-256 (which the tree already holds: reportlab's own drawImage would
decode every picture to fingerprint its pixels), and a JPEG's bytes are
copied as they are (DCTDecode: no decoding, no re-encoding). A PNG is
decoded once and stored compressed, its transparency as a soft mask. An SVG
drawing and a chart are drawn as vectors.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.graphics.shapes import Drawing, Group
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc
from reportlab.platypus import Flowable, KeepTogether, Paragraph
from reportlab.platypus.flowables import Spacer

from briefing_app.document.nodes import FigureImage, FigureNode, Inlines
from briefing_app.document.style import HouseStyle
from briefing_app.errors import ExportError
from briefing_app.writers.charts import chart_drawing
from briefing_app.writers.pdf_markup import escape
from briefing_app.writers.pdf_styles import Styles
from briefing_app.writers.pdf_tags import record_figure_box


class _Vector(Flowable):
    """A vector drawing at a set size (an SVG picture or a chart)."""

    def __init__(self, drawing: Drawing, width: float, height: float, font: str) -> None:
        super().__init__()
        self.drawing = drawing
        # reportlab's drawing starts in Helvetica, which a PDF/UA file cannot
        # use unembedded: it starts in the brief's own (embedded) font.
        drawing.__dict__["initialFontName"] = font
        self.width, self.height = width, height
        self.hAlign = "LEFT"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        from reportlab.graphics import renderPDF

        record_figure_box(self.canv, self.width, self.height)
        renderPDF.draw(self.drawing, self.canv, 0, 0)


class _Picture(Flowable):
    """A PNG or JPEG of the tree at a set size, stored once per document."""

    def __init__(self, image: FigureImage, width: float, height: float) -> None:
        super().__init__()
        self.image = image
        self.width, self.height = width, height
        self.hAlign = "LEFT"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        record_figure_box(canv, self.width, self.height)
        doc = canv._doc
        name = "Pic" + self.image.key[:32]
        reference = doc.getXObjectName(name)
        if not doc.idToObject.get(reference):
            self._store(name, reference)
        canv._currentPageHasImages = 1
        canv.saveState()
        canv.scale(self.width, self.height)
        canv._code.append(f"/{reference} Do")
        canv.restoreState()
        canv._formsinuse.append(name)

    def _store(self, name: str, reference: str) -> None:
        canv, doc = self.canv, self.canv._doc
        data = self.image.data
        picture = pdfdoc.PDFImageXObject(name, mask="auto")
        if self.image.media_type != "image/jpeg" or not picture.loadImageFromJPEG(io.BytesIO(data)):
            reader = ImageReader(io.BytesIO(data))
            picture.loadImageFromSRC(reader)
            picture._checkTransparency(reader)
        picture.name = name
        canv._setXObjects(picture)
        doc.Reference(picture, reference)
        doc.addForm(name, picture)
        mask = getattr(picture, "_smask", None)
        if mask is not None:
            mask_reference = doc.getXObjectName(mask.name)
            canv._setXObjects(mask)
            picture.smask = doc.Reference(mask, mask_reference)
            del picture._smask


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
            chart_drawing(node.chart, node.width_mm, node.height_mm, style, font),
            width,
            height,
            font,
        )
    image = node.image
    assert image is not None
    if image.media_type == "image/svg+xml":
        return _Vector(svg_drawing(image, width, height), width, height, font)
    return _Picture(image, width, height)


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
