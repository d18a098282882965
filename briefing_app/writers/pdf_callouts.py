"""The callout box in the PDF: a tinted box with a bar on its left.

A box holds flowables (its title, paragraphs, lists) and is a flowable
itself. It moves to the next page whole when it fits on one page; a box
longer than a page splits where the page ends, and each part is drawn as a
box of its own (tint and bar included), open at the cut. Drawing it as a
one-column table (as version 1 did) cannot work: a row taller than the
page can neither be placed nor split, and reportlab loops or fails.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.platypus import Flowable

from briefing_app.writers.pdf_tagger import artifact
from briefing_app.writers.pdf_tags import is_marker

_BIG = 1e9  # height offered when only a flowable's own height is wanted


@dataclass(frozen=True, slots=True)
class BoxLook:
    fill: colors.Color
    bar: colors.Color
    bar_width: float
    pad: float  # left (from the bar) and right, to the text
    top: float  # above the first line
    bottom: float  # below the last line
    cut: float  # at a page break, on both sides of the cut
    space_before: float
    space_after: float
    page_height: float  # the frame's height: a box this tall or less is kept whole
    lead: float  # the part of a long box that must fit for it to start on a page


class CalloutBox(Flowable):
    """A tinted box with a bar, holding ``content``; it splits across pages."""

    # Set by the frame when a box that fits on a page must split anyway (at
    # the top of a page with its footnotes it does not fit).
    must_split = False

    def __init__(
        self,
        content: list[Flowable],
        look: BoxLook,
        *,
        first: bool = True,
        last: bool = True,
        heights: dict[int, tuple[Flowable, float, float]] | None = None,
    ) -> None:
        super().__init__()
        self.content = content
        self.look = look
        self.first = first  # the box's top edge is in this part
        self.last = last  # and its bottom edge
        # Each flowable's height at the width it was last wrapped to, shared
        # by the parts of one box: a long box is measured once, not once a
        # page. The flowable is kept with it, so its id is not reused.
        self._heights = {} if heights is None else heights
        self.spaceBefore = look.space_before if first else 0
        self.spaceAfter = look.space_after if last else 0

    # -- measuring

    def _inner(self, width: float) -> float:
        return width - 2 * self.look.pad

    def _height_of(self, f: Flowable, width: float) -> float:
        known = self._heights.get(id(f))
        if known is not None and known[0] is f and known[1] == width:
            return known[2]
        _w, h = f.wrapOn(getattr(self, "canv", None), width, _BIG)
        self._heights[id(f)] = (f, width, h)
        return h

    @staticmethod
    def _gap(before: Flowable | None, f: Flowable) -> float:
        if before is None or is_marker(f):
            return 0.0
        return max(before.getSpaceAfter(), f.getSpaceBefore())

    @staticmethod
    def _after(before: Flowable | None, f: Flowable) -> Flowable | None:
        """The flowable whose space after counts next: a tagging marker
        (pdf_tags) has no space of its own."""
        return before if is_marker(f) else f

    def _edges(self) -> float:
        look = self.look
        return (look.top if self.first else look.cut) + (look.bottom if self.last else look.cut)

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        inner = self._inner(aW)
        height, before = self._edges(), None
        for f in self.content:
            height += self._gap(before, f) + self._height_of(f, inner)
            before = self._after(before, f)
        self.width, self.height = aW, height
        return aW, height

    def lead_height(self, width: float) -> float:
        """What must fit on a page for the box to start there."""
        whole = self.wrap(width, _BIG)[1]
        top = self.look.top if self.first else self.look.cut
        return min(whole, top + self.look.lead)

    # -- splitting

    def split(self, aW: float, aH: float) -> list[Flowable]:
        self.wrap(aW, aH)
        whole = self.first and self.last and not self.must_split
        if whole and self.height <= self.look.page_height:
            return []  # it fits on a page: the next one
        look = self.look
        inner = self._inner(aW)
        room = aH - (look.top if self.first else look.cut) - look.cut
        queue = list(self.content)
        placed: list[Flowable] = []
        last: Flowable | None = None  # the last placed, markers aside
        used = 0.0
        unwrapped = 0  # a split into one part is a wrapper taken off: a few at most
        while queue:
            f = queue[0]
            gap = self._gap(last, f)
            if used + gap + self._height_of(f, inner) <= room:
                placed.append(queue.pop(0))
                last = self._after(last, f)
                used += gap + self._height_of(f, inner)
                continue
            left = room - used - gap
            parts = f.splitOn(self.canv, inner, left) if left > 0 else []
            if len(parts) == 1 and parts[0] is not f and unwrapped < 8:
                unwrapped += 1
            elif len(parts) < 2:
                break  # nothing more of it fits on this page
            queue[0:1] = parts
        if all(is_marker(f) for f in placed):
            return []
        if not queue:
            return [self]
        head = CalloutBox(placed, look, first=self.first, last=False, heights=self._heights)
        tail = CalloutBox(queue, look, first=False, last=self.last, heights=self._heights)
        return [head, tail]

    # -- drawing

    def draw(self) -> None:
        look, canv = self.look, self.canv
        with artifact(canv):  # the tint and the bar
            canv.saveState()
            canv.setFillColor(look.fill)
            canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
            canv.setStrokeColor(look.bar)
            canv.setLineWidth(look.bar_width)
            canv.line(0, 0, 0, self.height)
            canv.restoreState()
        inner = self._inner(self.width)
        y = self.height - (look.top if self.first else look.cut)
        before = None
        for f in self.content:
            # Wrapped again: a split that found no room may have dropped the
            # lines a paragraph draws from.
            _w, h = f.wrapOn(canv, inner, _BIG)
            y -= self._gap(before, f) + h
            f.drawOn(canv, look.pad, y)
            before = self._after(before, f)
