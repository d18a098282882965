"""Data tables in the PDF, laid out in time that grows with their length.

reportlab splits a Table at a page break by copying every row left into a
new Table and measuring them all again, page after page: a 20,000-row table
took about a minute. PagedTable measures each row once, then hands
reportlab, page by page, a Table of only the rows that fit there, with the
header row on top. The stripes follow each row's place in the whole table,
so they run on across pages, as in the Word file.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate, pairwise

from reportlab.platypus import Flowable, Table, TableStyle

_BIG = 1e9  # height offered when only a flowable's own height is wanted
_FUZZ = 1e-6

Cells = Sequence[Flowable]
#: Cell padding: top, bottom, left, right.
Padding = tuple[float, float, float, float]
#: The index of a part's first data row -> the style of a Table holding the
#: header and the rows from there on (the stripes start with that row's).
StyleFor = Callable[[int], TableStyle]


class _Measure:
    """Row heights of one table at one width, found once for all its parts.

    A row is as tall as its tallest cell plus the padding above and below,
    as reportlab measures it; the parts are then given these heights, so
    reportlab does not measure the rows again.
    """

    def __init__(
        self, header: Cells, rows: Sequence[Cells], widths: list[float], padding: Padding
    ) -> None:
        self.header, self.rows, self.widths, self.padding = header, rows, widths, padding
        self.width = -1.0
        self.header_height = 0.0
        self.starts: list[float] = [0.0]  # starts[i]: the height of rows[:i]

    def _row(self, canv: object, cells: Cells) -> float:
        top, bottom, left, right = self.padding
        tallest = 0.0
        for cell, width in zip(cells, self.widths, strict=True):
            tallest = max(tallest, cell.wrapOn(canv, width - left - right, _BIG)[1])
        return tallest + top + bottom

    def at(self, canv: object, width: float) -> _Measure:
        if width != self.width:
            self.header_height = self._row(canv, self.header)
            self.starts = [0.0, *accumulate(self._row(canv, row) for row in self.rows)]
            self.width = width
        return self

    def height(self, first: int, stop: int) -> float:
        return self.header_height + self.starts[stop] - self.starts[first]


class PagedTable(Flowable):
    """The header and ``rows[first:]``, split page by page in linear time."""

    # Set by the frame when a row that fits on a page must split anyway (at
    # the top of a page with its footnotes it does not fit).
    must_split = False
    # The tagging's render callback for a part holding the header and the
    # data rows first to stop (pdf_tags.table_events); None: untagged.
    table_events: Callable[[int, int], Callable[..., None]] | None = None

    def __init__(
        self,
        header: Cells,
        rows: Sequence[Cells],
        widths: list[float],
        style_for: StyleFor,
        padding: Padding,
        page_height: float,
        *,
        first: int = 0,
        measure: _Measure | None = None,
    ) -> None:
        super().__init__()
        self.header, self.rows, self.widths = header, rows, widths
        self.style_for = style_for
        self.padding = padding
        self.page_height = page_height
        self.first = first
        self._measure = measure or _Measure(header, rows, widths, padding)
        self.hAlign = "LEFT"

    def _measured(self, width: float) -> _Measure:
        return self._measure.at(getattr(self, "canv", None), width)

    def _table(self, stop: int, split_in_row: bool = False) -> Table:
        data = [self.header, *self.rows[self.first : stop]]
        # The heights measured already: reportlab need not measure again.
        m = self._measure
        heights = None
        if m.width >= 0 and not split_in_row:
            starts = m.starts[self.first : stop + 1]
            heights = [m.header_height, *(b - a for a, b in pairwise(starts))]
        table = Table(
            data,
            colWidths=self.widths,
            rowHeights=heights,
            repeatRows=1,
            splitInRow=int(split_in_row),
            hAlign="LEFT",
            renderCB=self.table_events(self.first, stop) if self.table_events else None,
        )
        table.setStyle(self.style_for(self.first))
        if stop == len(self.rows):
            table.spaceAfter = self.spaceAfter
        return table

    def _rest(self, first: int) -> PagedTable:
        rest = PagedTable(
            self.header,
            self.rows,
            self.widths,
            self.style_for,
            self.padding,
            self.page_height,
            first=first,
            measure=self._measure,
        )
        rest.spaceAfter = self.spaceAfter
        rest.table_events = self.table_events
        return rest

    def lead_height(self, width: float, rows: int = 2) -> float:
        """What must fit for the table to start on a page: the header and
        the first ``rows`` rows, or a quarter of a page of them when they
        are taller (such a row is split anyway)."""
        m = self._measured(width)
        stop = min(self.first + rows, len(self.rows))
        return min(m.height(self.first, stop), m.header_height + self.page_height / 4)

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.height = self._measured(aW).height(self.first, len(self.rows))
        return self.width, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        m = self._measured(aW)
        n = len(self.rows)
        if self.first >= n:
            return [self._table(n)]
        room = m.starts[self.first] + aH - m.header_height + _FUZZ
        stop = min(bisect_right(m.starts, room) - 1, n)
        if stop >= n:
            return [self._table(n)]
        if stop > self.first:
            return [self._table(stop), self._rest(stop)]
        if m.height(self.first, self.first + 1) <= self.page_height and not self.must_split:
            return []  # not one row fits here: the next page
        # One row taller than a page: reportlab breaks inside its cells, and
        # the part of it that fits here must come first.
        tall = self._table(self.first + 1, split_in_row=True)
        parts = tall.splitOn(self.canv, aW, aH)
        if not parts:
            return []
        if self.first + 1 < n:
            parts.append(self._rest(self.first + 1))
        return parts

    def draw(self) -> None:
        table = self._table(len(self.rows))
        table.wrapOn(self.canv, self.width, _BIG)
        table.drawOn(self.canv, 0, 0)
