"""Figures in the Word file: a caption in Word's Caption style (its number a
SEQ Figure field, as Word's own Insert Caption makes), the picture inline
with its alternative text in ``descr`` (decorative figures marked as Word
marks them), and the source line below.

PNG and JPEG go in as they are (python-docx stores each distinct picture
once). An SVG drawing and a chart go in as a PNG drawn from the same vector
shapes as the PDF, at RASTER_DPI at their printed size.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from typing import Protocol

from docx.image.image import Image as DocxImage
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.shape import CT_Inline
from docx.parts.image import ImagePart
from docx.shared import Mm
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree
from lxml.etree import _Element
from PIL import Image

from briefing_app.document.nodes import FigureChart, FigureNode, Inlines
from briefing_app.document.style import HouseStyle
from briefing_app.errors import ExportError
from briefing_app.writers import docx_oxml as ox
from briefing_app.writers.charts import chart_drawing
from briefing_app.writers.pdf_fonts import register_family

#: Dots per inch of a chart or drawing at its printed size (sharp in print:
#: 200 is the least the issue asks for, 300 a press's; 240 takes half the
#: time of 300 for a full-width chart).
RASTER_DPI = 240
_DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_MM = 72 / 25.4
_FILENAME = "figure"  # the name Word shows for an inline picture
_CAPTION = re.compile(r"Figure (\d+)(.*)\Z", re.DOTALL)


class FigureHost(Protocol):
    """What the Word writer lends this module."""

    style: HouseStyle
    pictures: dict[str, str]  # a picture's key -> its relationship id, per document

    @property
    def document_part(self) -> Part: ...

    def figure_paragraph(self, style: str) -> _Element: ...

    def docx_paragraph(self, p: _Element) -> DocxParagraph: ...

    def figure_source(self, source: Inlines) -> None: ...


def _png(drawing: object) -> bytes:
    from reportlab.graphics import renderPM

    try:
        canvas = renderPM.drawToPMCanvas(drawing, dpi=RASTER_DPI, backend="rlPyCairo")
        # The pixels straight from cairo's surface: renderPM's own path copies
        # each pixel in Python (over a second for a full-width chart), and
        # cairo's PNG writer compresses hard (a tenth of a second). Fast
        # compression of a chart's flat colours is small enough.
        surface = canvas._gs.surface
        surface.flush()
        width, height = surface.get_width(), surface.get_height()
        pixels = Image.frombuffer(
            "RGBX", (width, height), bytes(surface.get_data()), "raw", "BGRX", surface.get_stride()
        ).convert("RGB")
        out = io.BytesIO()
        pixels.save(out, format="PNG", compress_level=1, dpi=(RASTER_DPI, RASTER_DPI))
        return out.getvalue()
    except Exception as exc:  # a backend or drawing problem: say so plainly
        raise ExportError(f"A figure could not be drawn for the Word file ({exc}).") from None


@lru_cache(maxsize=16)
def _chart_png(
    chart: FigureChart, width_mm: float, height_mm: float, style: HouseStyle, font: str
) -> bytes:
    # Kept for the next export of the same chart (an author exporting again
    # after a change elsewhere): the tree's chart holds all it is drawn from.
    return _png(chart_drawing(chart, width_mm, height_mm, style, font))


def picture_bytes(node: FigureNode, style: HouseStyle, font: str) -> bytes:
    """What the Word file shows: the picture itself, or a sharp PNG of a
    chart or SVG drawing."""
    if node.chart is not None:
        return _chart_png(node.chart, node.width_mm, node.height_mm, style, font)
    image = node.image
    assert image is not None
    if image.media_type == "image/svg+xml":
        from briefing_app.writers.pdf_figures import svg_drawing

        return _png(svg_drawing(image, node.width_mm * _MM, node.height_mm * _MM))
    return image.data


def mark_alt_text(doc_pr: _Element, alt: str) -> None:
    """``descr`` holds the alt text; a figure without one (the author marked
    it decorative) is marked decorative, so screen readers skip it."""
    doc_pr.set("descr", alt)
    if alt:
        return
    ext_list = etree.SubElement(doc_pr, f"{{{_A}}}extLst")
    ext = etree.SubElement(ext_list, f"{{{_A}}}ext", uri=_DECORATIVE_URI)
    flag = etree.SubElement(ext, f"{{{_ADEC}}}decorative", nsmap={"adec": _ADEC})
    flag.set("val", "1")


def _add_image_part(part: Part, data: bytes) -> str:
    """A new image part of the document holding ``data``; its relationship
    id. (python-docx's add_picture looks for an equal picture by hashing
    every picture added so far, each time: quadratic; the tree's key says
    which pictures are the same, once.)"""
    image = DocxImage.from_blob(data)
    images = part.package.image_parts
    image_part = ImagePart.from_image(image, images._next_image_partname(image.ext))
    images.append(image_part)
    return part.relate_to(image_part, RT.IMAGE)


def caption_runs(caption: str) -> list[_Element]:
    """ "Figure 3: Scale" as runs whose number is Word's SEQ Figure field."""
    match = _CAPTION.match(caption)
    if match is None:
        return [ox.run(caption)]
    runs = [ox.run("Figure "), *ox.field_runs("SEQ Figure \\* ARABIC", match.group(1))]
    if match.group(2):
        runs.append(ox.run(match.group(2)))
    return runs


def write_figure(writer: FigureHost, node: FigureNode) -> None:
    caption = writer.figure_paragraph("Caption")
    caption.extend(caption_runs(node.caption))
    ox.put(ox.props(caption, "w:pPr"), ox.el("w:keepNext"), ox.PPR_ORDER)
    holder = writer.figure_paragraph("Normal")
    if node.source:
        ox.put(ox.props(holder, "w:pPr"), ox.el("w:keepNext"), ox.PPR_ORDER)
    # The chart's words in the PDF's font, which has the Word font's metrics.
    font = register_family(writer.style.pdf_font, writer.style.font_dir).regular
    key = node.image.key if node.image is not None else ""
    try:
        r_id = writer.pictures.get(key) if key else None
        if r_id is None:
            data = picture_bytes(node, writer.style, font)
            r_id = _add_image_part(writer.document_part, data)
            if key:
                writer.pictures[key] = r_id
        part = writer.document_part
        inline = CT_Inline.new_pic_inline(
            part.next_id, r_id, _FILENAME, Mm(node.width_mm), Mm(node.height_mm)
        )
    except ExportError:
        raise
    except Exception as exc:  # python-docx refuses a picture it cannot read
        raise ExportError(f"{node.caption} could not be put in the Word file ({exc}).") from None
    writer.docx_paragraph(holder).add_run()._r.add_drawing(inline)
    mark_alt_text(inline.docPr, node.alt)
    if node.source:
        writer.figure_source(node.source)
