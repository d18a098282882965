"""The page budget in the PDF: the layout report of a render, and the
preview's mark where a brief over its budget reaches the end of it.

Both come from the render itself: the frame records, page by page, where
the text ends and how tall the footnotes are (pdf_notes.PageRecord).
"""

from __future__ import annotations

import math

from reportlab.pdfgen.canvas import Canvas

from briefing_app.document.layout import LayoutReport
from briefing_app.document.nodes import Document
from briefing_app.writers.pdf_fonts import FontFamily
from briefing_app.writers.pdf_notes import PageRecord
from briefing_app.writers.pdf_styles import hex_colour

BUDGET_FORM = "BriefBudgetMark"
# A height within this of a whole number of lines counts as that number.
_SLACK = 1e-3


def layout_report(
    records: list[PageRecord], budget: int | None, base: float, top: float, line_pt: float
) -> LayoutReport:
    """The report of a render whose pages hold ``records``; ``base`` and
    ``top`` are the foot and the top of the text area."""
    pages = len(records)
    last = records[-1] if records else PageRecord(top, 0.0)
    if budget is None:
        return LayoutReport(pages, None, last_text_y_pt=last.bottom)
    if pages <= budget:
        free = max(last.bottom - base - last.notes, 0.0)
        per_page = math.floor((top - base) / line_pt + _SLACK)
        spare = math.floor(free / line_pt + _SLACK) + (budget - pages) * per_page
        return LayoutReport(
            pages, budget, lines_to_spare=spare, budget_end_y_pt=base, last_text_y_pt=last.bottom
        )
    used = sum(top - r.bottom + r.notes for r in records[budget:])
    over = max(1, math.ceil(used / line_pt - _SLACK))
    return LayoutReport(
        pages, budget, lines_over=over, budget_end_y_pt=base, last_text_y_pt=last.bottom
    )


def budget_label(budget: int) -> str:
    return f"Page budget ({budget} page{'s' if budget != 1 else ''}) ends here"


class BudgetMark:
    """A dashed line under the text of page ``budget``, with its label,
    shown only if the brief runs past that page.

    The page is drawn before the page count is known, so the mark is a form
    drawn there and defined when the document is saved: empty when the
    brief is within its budget."""

    def __init__(self, tree: Document, fam: FontFamily, left: float, width: float) -> None:
        assert tree.page_budget is not None
        self.budget = tree.page_budget
        self.s = tree.style
        self.fam = fam
        self.left = left
        self.width = width

    def at_page_end(self, canv: Canvas, base: float) -> None:
        if canv.getPageNumber() != self.budget:
            return
        canv.saveState()
        canv.translate(self.left, base - self.s.budget_mark_gap_pt)
        canv.doForm(BUDGET_FORM)
        canv.restoreState()

    def define(self, canv: Canvas) -> None:
        """Called when the document is saved, after its last page: the
        dashed line runs across the text width up to its label, which sits
        on the line at the right."""
        pages = canv.getPageNumber() - 1
        s = self.s
        size = s.furniture_pt
        # A form shows only what is inside its box: room around the line.
        canv.beginForm(BUDGET_FORM, lowerx=0, lowery=-size, upperx=self.width, uppery=size)
        if pages > self.budget:
            label = budget_label(self.budget)
            label_w = canv.stringWidth(label, self.fam.bold, size)
            colour = hex_colour(s.budget_mark_colour)
            canv.setStrokeColor(colour)
            canv.setFillColor(colour)
            canv.setLineWidth(s.budget_mark_pt)
            canv.setDash(list(s.budget_mark_dash_pt))
            canv.line(0, 0, max(self.width - label_w - size / 2, 0), 0)
            canv.setFont(self.fam.bold, size)
            canv.drawRightString(self.width, -size / 3, label)
        canv.endForm()
