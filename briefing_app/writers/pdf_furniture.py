"""Page furniture in the PDF: the protective marking and the header and
footer lines, on every page, the first included; and a draft's line
("DRAFT") across the page, light and behind the text.

"Page X of Y" needs the page total before the last page exists. A line that
shows the total is drawn on each page as a form XObject of its own, defined
when the document is saved and the total is known: one layout pass, and the
line is drawn exactly as it would be with the total known from the start
(its text, its place, its shortening with "…"), whatever its alignment or
the text around the total. Bookmarks and links keep their real pages.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from briefing_app.document.nodes import Document, FurnitureText, PageField
from briefing_app.writers.pdf_fonts import FontFamily


def _hex(value: str) -> colors.Color:
    return colors.HexColor("#" + value)


class FurnitureCanvas(Canvas):
    """Defines the forms drawn before the page count was known (``at_save``:
    each page's lines that show the total, the budget mark) once all pages
    are drawn; ``pages`` is then the page total."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.at_save: list[Callable[[Canvas], None]] = []

    @property
    def pages(self) -> int:
        """The pages finished so far (all of them, once saving)."""
        return self.getPageNumber() - 1

    def save(self) -> None:
        for define in self.at_save:
            define(self)
        super().save()


def _text(line: FurnitureText, page: int, total: int) -> str:
    """The line with its numbers filled in."""
    numbers = {PageField.PAGE: str(page), PageField.PAGES: str(total)}
    return "".join(numbers[p] if isinstance(p, PageField) else p for p in line)


def _fit(text: str, room: float, font: str, size: float) -> str:
    """``text``, shortened with "…" to ``room`` points: a header or footer
    line never runs into the marking or off the page."""
    if stringWidth(text, font, size) <= room:
        return text
    low, high = 0, len(text)  # the longest prefix that fits, by halving
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle] + "\u2026", font, size) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "\u2026" if low else ""


def draw_furniture(
    canv: Canvas, page_size: tuple[float, float], tree: Document, fam: FontFamily, total: int | None
) -> None:
    """The marking and the header and footer lines of the current page.
    With ``total`` unknown (None), a line that shows it is a form of this
    page, defined when ``canv`` (a FurnitureCanvas) is saved."""
    s = tree.style
    f = tree.furniture
    page_w, page_h = page_size
    left = s.margin_left_mm * mm
    right = page_w - s.margin_right_mm * mm
    top_y = page_h - s.header_distance_mm * mm
    bottom_y = s.footer_distance_mm * mm
    page = canv.getPageNumber()
    # Each side's line has half the width the marking leaves, less a gap.
    marking_w = stringWidth(f.marking, fam.bold, s.furniture_pt + 1) if f.marking else 0.0
    room = (right - left - marking_w) / 2 - (s.furniture_pt if f.marking else 0.0)
    font, size, colour = fam.regular, s.furniture_pt, _hex(s.muted_colour)
    canv.saveState()
    if f.marking:
        canv.setFont(fam.bold, s.furniture_pt + 1)
        canv.setFillColor(_hex(s.marking_colour))
        if f.marking_top:
            canv.drawCentredString(page_w / 2, top_y, f.marking)
        if f.marking_bottom:
            canv.drawCentredString(page_w / 2, bottom_y, f.marking)
    canv.setFont(font, size)
    canv.setFillColor(colour)
    lines = (
        (f.header_left, top_y, left, False),
        (f.footer_left, bottom_y, left, False),
        (f.header_right, top_y, right, True),
        (f.footer_right, bottom_y, right, True),
    )
    for slot, (line, y, x, to_right) in enumerate(lines):

        def draw(c: Canvas, pages: int | None, line=line, y=y, x=x, to_right=to_right) -> None:
            text = _fit(_text(line, page, pages or 0), room, font, size)
            (c.drawRightString if to_right else c.drawString)(x, y, text)

        if total is not None or PageField.PAGES not in line:
            draw(canv, total)
            continue
        assert isinstance(canv, FurnitureCanvas), "the page total needs a FurnitureCanvas"
        name = f"BriefFurniture{page}.{slot}"
        canv.doForm(name)

        def define(c: Canvas, name=name, draw=draw) -> None:
            assert isinstance(c, FurnitureCanvas)
            c.beginForm(name)
            c.setFont(font, size)
            c.setFillColor(colour)
            draw(c, c.pages)
            c.endForm()

        canv.at_save.append(define)
    canv.restoreState()


def draw_draft(
    canv: Canvas, page_size: tuple[float, float], tree: Document, fam: FontFamily
) -> None:
    """The draft line across the page, corner to corner, light and behind
    the text (drawn before it); a long line is set smaller to fit."""
    if not tree.draft:
        return
    s = tree.style
    page_w, page_h = page_size
    diagonal = math.hypot(page_w, page_h)
    width_at_1pt = stringWidth(tree.draft, fam.bold, 1) or 1.0
    # Within two thirds of the diagonal, so its ends stay clear of the corners.
    size = min(s.draft_pt, diagonal * 2 / 3 / width_at_1pt)
    canv.saveState()
    canv.setFillColor(_hex(s.draft_colour))
    if s.draft_opacity < 1:
        canv.setFillAlpha(s.draft_opacity)
    canv.translate(page_w / 2, page_h / 2)
    canv.rotate(math.degrees(math.atan2(page_h, page_w)))
    canv.setFont(fam.bold, size)
    # Centred on the page: the baseline sits a third of the size below it.
    canv.drawCentredString(0, -size / 3, tree.draft)
    canv.restoreState()
