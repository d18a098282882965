"""Page furniture in the PDF: the protective marking and the header and
footer lines, on every page, the first included; and a draft's line
("DRAFT") across the page, light and behind the text.

"Page X of Y" needs the page total before the last page exists. A line that
ends with the total and is left-aligned draws it as a form XObject defined
after the last page (one layout pass, bookmarks and links keep their pages);
any other use of the total - right-aligned, or with text after it - asks the
writer for a counting pass first (``needs_total``).
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

TOTAL_FORM = "BriefPageTotal"


def _hex(value: str) -> colors.Color:
    return colors.HexColor("#" + value)


def needs_total(tree: Document) -> bool:
    """True when a counting pass must run before the real one."""
    f = tree.furniture

    def total_inside(line: FurnitureText) -> bool:
        return PageField.PAGES in line and line[-1] is not PageField.PAGES

    right_total = any(PageField.PAGES in line for line in (f.header_right, f.footer_right))
    left_total = any(total_inside(line) for line in (f.header_left, f.footer_left))
    return right_total or left_total


class FurnitureCanvas(Canvas):
    """Defines the page-total form (and any other form drawn before the
    page count is known: ``at_save``) once all pages are drawn."""

    furniture_font: tuple[str, float, colors.Color] = ("Helvetica", 8, colors.black)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.at_save: list[Callable[[Canvas], None]] = []

    def save(self) -> None:
        name, size, colour = self.furniture_font
        self.beginForm(TOTAL_FORM)
        self.setFont(name, size)
        self.setFillColor(colour)
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        for define in self.at_save:
            define(self)
        super().save()


def _text(line: FurnitureText, page: int, total: int | None) -> tuple[str, bool]:
    """The line with numbers filled in, and whether the total form follows."""
    out = []
    for i, part in enumerate(line):
        if part is PageField.PAGE:
            out.append(str(page))
        elif part is PageField.PAGES:
            if total is None and i == len(line) - 1:
                return "".join(out), True
            out.append(str(total if total is not None else ""))
        else:
            out.append(part)
    return "".join(out), False


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
    canv.saveState()
    if f.marking:
        canv.setFont(fam.bold, s.furniture_pt + 1)
        canv.setFillColor(_hex(s.marking_colour))
        if f.marking_top:
            canv.drawCentredString(page_w / 2, top_y, f.marking)
        if f.marking_bottom:
            canv.drawCentredString(page_w / 2, bottom_y, f.marking)
    canv.setFont(fam.regular, s.furniture_pt)
    canv.setFillColor(_hex(s.muted_colour))
    for line, y in ((f.header_left, top_y), (f.footer_left, bottom_y)):
        text, form = _text(line, page, total)
        text = _fit(text, room - (s.furniture_pt * 2 if form else 0), fam.regular, s.furniture_pt)
        canv.drawString(left, y, text)
        if form:
            canv.saveState()
            canv.translate(left + canv.stringWidth(text, fam.regular, s.furniture_pt), y)
            canv.doForm(TOTAL_FORM)
            canv.restoreState()
    for line, y in ((f.header_right, top_y), (f.footer_right, bottom_y)):
        # needs_total() guarantees the total is known here when used.
        text, _form = _text(line, page, total if total is not None else 0)
        canv.drawRightString(right, y, _fit(text, room, fam.regular, s.furniture_pt))
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
