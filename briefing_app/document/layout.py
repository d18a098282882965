"""How a brief lays out on its pages, as the PDF writer found it.

The PDF writer fills a LayoutReport from the render it has just done (no
estimate): the page count, and against the template's page budget, the
lines to spare or the lines over. The check and the app read it without
importing reportlab. Lines are body lines (``HouseStyle.line_pt``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LayoutReport:
    pages: int
    budget: int | None  # the template's page budget (None: no budget)
    # Within the budget: the free height on the last page (above its
    # footnotes) plus each whole page left before the budget, in body lines.
    lines_to_spare: int = 0
    # Over it: the height laid out on the pages past the budget (text and
    # footnotes), in body lines, rounded up.
    lines_over: int = 0
    # Where the budget ends: points above the bottom edge of page ``budget``
    # (the foot of its text area, below its footnotes). None without a budget.
    budget_end_y_pt: float | None = None
    # Where the text ends on the last page, points above its bottom edge.
    last_text_y_pt: float = 0.0

    @property
    def over_budget(self) -> bool:
        return self.budget is not None and self.pages > self.budget

    def describe(self) -> str:
        """In plain words, e.g. "1 page, 12 lines to spare"."""
        pages = f"{self.pages} page{'s' if self.pages != 1 else ''}"
        if self.budget is None:
            return pages
        budget = f"the {self.budget}-page budget"
        if self.over_budget:
            lines = f"{self.lines_over} line{'s' if self.lines_over != 1 else ''}"
            return f"{pages}: {lines} over {budget}"
        lines = f"{self.lines_to_spare} line{'s' if self.lines_to_spare != 1 else ''}"
        return f"{pages}, {lines} to spare within {budget}"
