"""The text area of a PDF page that keeps room for its footnotes.

NoteFrame places a flowable only if it fits above the notes already on the
page plus its own, and splits one that does not so that its part on this
page, with that part's notes, still fits: the line holding a reference
moves to the next page with its note when the note cannot follow it here.
NotesDocTemplate adds pages of notes alone when the last page's notes run
on. The notes themselves (what a page prints, how) are pdf_notes.py's.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, ListFlowable
from reportlab.platypus.doctemplate import ActionFlowable, PageBegin

from briefing_app.writers.pdf_callouts import CalloutBox
from briefing_app.writers.pdf_notes import HOLDERS, NoteKeeper, holds_notes, note_refs
from briefing_app.writers.pdf_tables import PagedTable

_FUZZ = 1e-6
#: Splits tried to find the largest part that fits with its notes.
_TRIES = 8
#: Splits on one page with nothing placed between them: past this many, the
#: frame places what it can, the notes running on (never a layout loop).
_STUCK = 50


class NoteFrame(Frame):
    """The text area of a page, whose foot rises as notes are placed."""

    def __init__(self, keeper: NoteKeeper, *args: object, **kwargs: object) -> None:
        self.keeper = keeper
        keeper.frame = self
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def _reset(self) -> None:
        super()._reset()
        # The foot of the text area (the frame's own _y1p is left raised by
        # the last page's notes: reportlab only sets it with the geometry).
        self.base = self._y1 + self._bottomPadding
        self.text_left = self._x1 + self._leftPadding
        self.content_bottom = self._y
        self._reserved, self._count = self.keeper.start_page()
        self._overflow: Flowable | None = None  # placed even if its notes do not fit
        self._splits = 0  # splits since something was placed
        self._y1p = self.base + self.keeper.block(self._reserved, self._count)

    # -- measures

    def _space_before(self, f: Flowable) -> float:
        if self._atTop:
            return 0.0
        s = f.getSpaceBefore()
        if self._oASpace:
            s = max(s - self._prevASpace, 0)
        return s

    def _floor(self, refs: list[int]) -> float:
        """The foot of the room left for text were ``refs`` placed too."""
        keeper = self.keeper
        extra = sum(keeper.reserve(keeper.height(n)) for n in refs if n in keeper.notes)
        count = self._count + sum(1 for n in refs if n in keeper.notes)
        return self.base + keeper.block(self._reserved + extra, count)

    def _wrap(self, f: Flowable, canv: Canvas, height: float) -> float:
        f._frame, f.canv = self, canv
        try:
            return f.wrap(self._getAvailableWidth(), height)[1]
        finally:
            for name in ("canv", "_frame"):
                if hasattr(f, name):
                    delattr(f, name)

    def _fits(self, f: Flowable, canv: Canvas) -> bool:
        """Whether ``f`` fits here with its notes."""
        s = self._space_before(f)
        room = self._y - self._y1p - s
        if room <= 0:
            return False
        height = self._wrap(f, canv, room)
        if height > room + _FUZZ:
            return False
        return self._y - s - height >= self._floor(note_refs(f)) - _FUZZ

    # -- placing

    def _place(self, f: Flowable, canv: Canvas, try_split: int) -> int:
        before = self._y
        placed = Frame._add(self, f, canv, try_split)
        if placed:
            self._splits = 0
        if placed and self._y < before - _FUZZ:
            self.content_bottom = min(self.content_bottom, self._y + f.getSpaceAfter())
        return placed

    def _commit(self, refs: list[int]) -> None:
        keeper = self.keeper
        known = [n for n in refs if n in keeper.notes]
        self._reserved += sum(keeper.reserve(keeper.height(n)) for n in known)
        self._count += len(known)

    def add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:
        if not self.keeper.active or not holds_notes(flowable):
            return self._place(flowable, canv, trySplit)
        if flowable is self._overflow:
            # Nothing of it fits with its notes even on an empty page: it
            # goes here, and the notes that do not fit run on.
            self._overflow = None
            refs = note_refs(flowable)
            placed = self._place(flowable, canv, trySplit)
            if placed:
                self._commit(refs)
                self._y1p = max(self._y1p, min(self._floor([]), self._y))
            return placed
        if not self._fits(flowable, canv):
            return 0
        refs = note_refs(flowable)
        floor = self._floor(refs)
        saved, self._y1p = self._y1p, floor
        placed = self._place(flowable, canv, trySplit)
        if placed:
            self._commit(refs)
        else:
            self._y1p = saved
        return placed

    # -- splitting

    def _split_at(self, f: Flowable, canv: Canvas, height: float, force: bool) -> list[Flowable]:
        if height <= 0:
            return []
        f._frame, f.canv = self, canv
        # Boxes and table rows that fit on a page move whole; forced, they split.
        forced = force and isinstance(f, CalloutBox | PagedTable)
        if forced:
            f.must_split = True
        try:
            return f.split(self._getAvailableWidth(), height)
        finally:
            if forced:
                del f.must_split
            for name in ("canv", "_frame"):
                if hasattr(f, name):
                    delattr(f, name)

    def split(self, flowable: Flowable, canv: Canvas) -> list[Flowable]:
        keeper = self.keeper
        if (
            not keeper.active
            or not isinstance(flowable, (*HOLDERS, KeepTogether))
            or isinstance(flowable, ListFlowable)  # it comes apart into items, placed one by one
        ):
            return Frame.split(self, flowable, canv)
        s = self._space_before(flowable)
        if isinstance(flowable, KeepTogether):
            # Kept together, its notes come with it: room for all of them,
            # when they all fit on a page; else it comes apart as it would
            # without notes, and its parts keep room for their own. (With no
            # room at all it still splits, to move to the next page.)
            floor = self._floor(note_refs(flowable))
            self._wrap(flowable, canv, self._y - self._y1p - s)  # measures its content: _H
            whole = getattr(flowable, "_H", 0.0) + floor - self._y1p
            if whole > self._aH:
                floor = self._y1p
            return self._split_at(flowable, canv, max(self._y - floor - s, 1.0), False)
        self._splits += 1
        if self._splits <= _STUCK:
            parts = self._fitting_split(flowable, canv, False)
            if parts or not self._atTop:
                return parts
            # At the top of a page and nothing fits with its notes: split
            # even what would rather move whole (a box, a table row) ...
            parts = self._fitting_split(flowable, canv, True)
            if parts:
                return parts
        # ... and failing that (or were the layout ever to go round in
        # circles), place it with the notes it leaves room for.
        room = self._y - self._y1p - s
        if room > 0 and self._wrap(flowable, canv, room) <= room + _FUZZ:
            parts = [flowable]
        else:
            parts = self._split_at(flowable, canv, room, True)
        if parts:
            self._overflow = parts[0]
        return parts

    def _fitting_split(self, f: Flowable, canv: Canvas, force: bool) -> list[Flowable]:
        """The split whose first part fits here with its notes, as large as
        a few tries find.

        The first try keeps room for no new notes. If its first part's
        notes do not fit, the next keeps room for exactly those: a split
        with less room holds no more references, so it usually fits. Then
        halving between the largest room that fitted and the smallest whose
        part did not fit finds the last line that can stay here (and, when
        a part's notes need more than the page, halving between the room
        too small for any part and that finds one that fits). The document
        adds the first part at once, or, for a list item, queues it again:
        either way it must fit, or the layout would go round in circles."""
        height = self._y - self._y1p - self._space_before(f)
        fine = self.keeper.s.note_line_pt / 2  # closer than this, a line more cannot fit
        best: list[Flowable] = []
        fits_at: float | None = None  # the largest room whose part fits with its notes
        too_much = height + fine  # the smallest room whose part's notes do not fit
        too_little = 0.0  # the largest room in which no part fits
        for _ in range(_TRIES):
            parts = self._split_at(f, canv, height, force)
            if parts and isinstance(parts[0], ActionFlowable):
                return parts  # a page break or the like: the parts are queued again
            guess = None
            if not parts:
                too_little = height
            elif self._fits(parts[0], canv):
                best, fits_at = parts, height
            else:
                too_much = height
                first = parts[0]
                # The room this part's notes leave: less room, fewer notes.
                guess = self._y - self._floor(note_refs(first)) - self._space_before(first)
            low = fits_at if fits_at is not None else too_little
            if too_much - low <= fine:
                break
            if fits_at is None and guess is not None and low + fine <= guess < too_much - fine:
                height = guess
            else:
                height = (low + too_much) / 2
        return best


class NotesDocTemplate(BaseDocTemplate):
    """Ends with pages of notes alone when the last page's notes run on."""

    keeper: NoteKeeper | None = None
    _finishing = False

    def _endBuild(self) -> None:
        self._finishing = True
        if self.keeper is not None and self.keeper.carried:
            # The last page ended with notes still to print: begin the next
            # one now (reportlab would drop a page begun with nothing on it).
            self.clean_hanging()
        super()._endBuild()

    def handle_pageEnd(self) -> None:
        super().handle_pageEnd()
        keeper = self.keeper
        while self._finishing and keeper is not None and keeper.carried:
            if self._hanging and self._hanging[-1] is PageBegin:
                self._hanging.pop()  # the page begin just hung: begun here
            self.handle_pageBegin()
            self._curPageFlowableCount = 1  # not an empty page: it holds notes
            super().handle_pageEnd()
