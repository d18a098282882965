"""The preview's PDF, made again after an edit by redoing only what the edit
can change.

An IncrementalPdf keeps what its last render made: the flowables of every
block (a block the edit did not touch keeps its flowables, already broken
into lines), and for every page the state of the layout where the page
began and what the page drew. The next render then

- draws again, without laying them out, the pages before the first one
  whose layout looked at a flowable that changed (it restarts the layout
  there, from the state recorded at that page's start);
- lays out from there, page by page, until a page begins in the same state
  as a page of the last render (the same flowables still to come, the same
  notes running on): the edit's effect has died out, and the pages from
  there on are drawn again from the last render too.

Every page is the one a fresh render would make: a page is only reused
when the layout that made it saw nothing that changed, and the state it
starts from is the one it started from before. What a reused page drew is
kept as the PDF operators between its furniture and its end, with the
calls that do more than draw (bookmarks, outline entries, links, images);
the furniture (page numbers, the total, the budget mark) is drawn afresh
for every page. The fonts keep the character codes of the last render, so
the kept operators read the same in the new file.

The page text, the links and the bookmarks equal a fresh render's
(tests/test_preview_cache.py checks this on random edits). Anything this
module does not expect (a flowable that draws with transparency, a page
begun inside a group kept together) makes it lay out from an earlier page,
and any failure falls back to a fresh render.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus.doctemplate import ActionFlowable, PageBegin
from reportlab.platypus.paragraph import Paragraph as RLParagraph

from briefing_app.document.layout import LayoutReport
from briefing_app.document.nodes import (
    BlockNode,
    CalloutNode,
    Document,
    Inlines,
    ListNode,
    Para,
    TableNode,
)
from briefing_app.writers.pdf import _Builder, keeps_with_next, write_pdf_with_layout
from briefing_app.writers.pdf_document import PdfPass
from briefing_app.writers.pdf_fonts import FontFamily, register_family
from briefing_app.writers.pdf_furniture import FurnitureCanvas
from briefing_app.writers.pdf_note_frame import NotesDocTemplate
from briefing_app.writers.pdf_notes import PageRecord, _Item

_MISSING = object()
_FUZZ = 1e-6
#: A graphics state (transparency, blending) set in a page's operators.
_GRAPHICS_STATE = re.compile(r"/\S+ gs\b")

# ------------------------------------------------------------ the flowables


def _note_refs(block: BlockNode) -> Iterator[int]:
    """The note numbers a block refers to."""

    def stretches(b: BlockNode) -> Iterator[Inlines]:
        if isinstance(b, Para):
            yield b.inlines
        elif isinstance(b, ListNode):
            yield from b.items
        elif isinstance(b, TableNode):
            yield from (cell for row in b.rows for cell in row)
            yield b.source
        elif isinstance(b, CalloutNode):
            for inner in b.blocks:
                yield from stretches(inner)

    for inlines in stretches(block):
        yield from (t.note for t in inlines if t.note > 0)


class _StoryCache:
    """The flowables of each block, kept from one render to the next.

    A block's flowables depend on the block, on the house style and the
    fonts, on which notes exist (a reference to one is a link) and, for a
    heading followed by a table or a box, on that block too (they move to a
    page together): the cache key holds all of that. The blocks of the new
    tree are matched with the last one's as a text editor's undo would: the
    same blocks at the start and at the end keep their place; in between,
    a block equal to one of the last tree's gets its flowables (the same
    objects), in order when the same block appears more than once."""

    def __init__(self) -> None:
        self._context: tuple | None = None
        self._builder: _Builder | None = None
        self._keys: list[tuple] = []
        self._parts: list[list[Flowable]] = []

    def story(self, tree: Document, fam: FontFamily) -> tuple[list[Flowable], list[int], bool]:
        """The story of ``tree``, where each block starts in it (and its
        end), and whether the context changed (nothing could be reused)."""
        context = (tree.style, fam, frozenset(n.number for n in tree.notes))
        fresh_context = context != self._context or self._builder is None
        if fresh_context:
            self._context = context
            self._builder = _Builder(tree, fam)
            self._keys, self._parts = [], []
        builder = self._builder
        assert builder is not None
        blocks = tree.blocks
        keys = [self._key(blocks, index) for index in range(len(blocks))]
        old_keys, old_parts = self._keys, self._parts
        parts: list[list[Flowable] | None] = [None] * len(blocks)
        head = 0
        limit = min(len(keys), len(old_keys))
        while head < limit and keys[head] == old_keys[head]:
            parts[head] = old_parts[head]
            head += 1
        tail = 0
        while tail < limit - head and keys[-1 - tail] == old_keys[-1 - tail]:
            parts[len(keys) - 1 - tail] = old_parts[len(old_keys) - 1 - tail]
            tail += 1
        spare: dict[tuple, list[list[Flowable]]] = {}
        for index in range(head, len(old_keys) - tail):
            spare.setdefault(old_keys[index], []).append(old_parts[index])
        made = [False] * len(blocks)
        for index in range(head, len(keys) - tail):
            kept = spare.get(keys[index])
            if kept:
                parts[index] = kept.pop(0)
            else:
                parts[index] = builder.block(blocks[index])
                made[index] = True
        done = [p for p in parts if p is not None]
        assert len(done) == len(blocks)
        for index in range(len(blocks) - 1):
            # A pair's keys name each other: both kept, or both made now.
            if made[index] and keeps_with_next(blocks[index], blocks[index + 1]):
                builder.keep_with_next(done[index], done[index + 1])
        self._keys, self._parts = keys, done
        starts = [0]
        for flowables in done:
            starts.append(starts[-1] + len(flowables))
        return [f for flowables in done for f in flowables], starts, fresh_context

    @staticmethod
    def _key(blocks: list[BlockNode], index: int) -> tuple:
        block = blocks[index]
        if index + 1 < len(blocks) and keeps_with_next(block, blocks[index + 1]):
            return ("with next", block, blocks[index + 1])
        if index > 0 and keeps_with_next(blocks[index - 1], block):
            return ("with previous", blocks[index - 1], block)
        return ("alone", block)

    def clear(self) -> None:
        self._context, self._builder, self._keys, self._parts = None, None, [], []


# ------------------------------------------------------------ pages


def _flags(f: Flowable) -> tuple[object, bool]:
    """The attributes the layout changes on a flowable as it goes (and
    puts back after the build): keep-with-next, and postponed."""
    return f.__dict__.get("keepWithNext", _MISSING), "_postponed" in f.__dict__


@dataclass(frozen=True, slots=True)
class _Carried:
    """A note (or the rest of one) running on to a page."""

    number: int
    para: RLParagraph
    height: float
    first: bool


@dataclass(slots=True)
class _PageStart:
    """The state of the layout where a page began.

    The flowables still to lay out were ``prefix`` (parts of flowables
    split on earlier pages, or list items) and then the story from
    ``index`` on."""

    prefix: tuple[Flowable, ...]
    index: int
    remaining: int  # story flowables from ``index`` to the end
    flags: tuple[tuple[object, bool], ...]  # of the prefix and the story's next flowable
    carried: tuple[_Carried, ...]

    @property
    def restartable(self) -> bool:
        # A group kept together has changed its members' attributes while
        # it was formed: the layout does not restart inside one.
        return not any(isinstance(f, KeepTogether) for f in self.prefix)


@dataclass(slots=True)
class _PageDrawing:
    """What a page drew between its furniture and its end, to draw again."""

    code: list[str]
    forms: list[str]
    calls: list[tuple[str, tuple, dict]]
    record: PageRecord
    replayable: bool


@dataclass(slots=True)
class _Render:
    """What the last render left for the next one."""

    story: list[Flowable]
    block_starts: list[int]
    notes: dict[int, Inlines]
    starts: list[_PageStart] = field(default_factory=list)
    drawings: list[_PageDrawing] = field(default_factory=list)
    fonts: list[tuple[str, str, tuple | None]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RenderStats:
    """How the last render was made (for tests and the benchmark)."""

    pages: int
    reused_before: int  # pages drawn again from the last render, before the first laid out
    laid_out: int  # pages laid out
    reused_after: int  # pages drawn again from the last render, after the layout converged


class _RecordingCanvas(FurnitureCanvas):
    """A canvas that notes, while ``recording`` is a list, the calls that
    do more than add drawing operators, so they can be made again."""

    recording: list[tuple[str, tuple, dict]] | None = None
    fonts: list[tuple[str, str, tuple | None]] | None = None

    def save(self) -> None:
        # The fonts' character codes are dropped as the file is written:
        # note them first, with the forms defined at the end drawn.
        for define in self.at_save:
            define(self)
        self.at_save = []
        self.fonts = _font_snapshot(self._doc)
        super().save()

    def _note(self, name: str, *args: object, **kwargs: object) -> None:
        if self.recording is not None:
            self.recording.append((name, args, kwargs))

    def bookmarkPage(self, key: str, *args: Any, **kwargs: Any) -> Any:
        self._note("bookmarkPage", key, *args, **kwargs)
        return super().bookmarkPage(key, *args, **kwargs)

    def addOutlineEntry(self, title: str, key: str, level: int = 0, closed: object = None) -> None:
        self._note("addOutlineEntry", title, key, level=level, closed=closed)
        super().addOutlineEntry(title, key, level=level, closed=closed)

    def linkRect(
        self,
        contents: str,
        destinationname: str,
        Rect: object = None,
        addtopage: int = 1,
        name: object = None,
        relative: int = 1,
        **kwargs: Any,
    ) -> Any:
        if self.recording is not None:
            absolute = self._absRect(Rect, relative)
            self._note(
                "linkRect", contents, destinationname, absolute, addtopage, None, 0, **kwargs
            )
        return super().linkRect(
            contents, destinationname, Rect, addtopage, name, relative, **kwargs
        )

    def linkURL(self, url: str, rect: object, relative: int = 0, **kwargs: Any) -> Any:
        if self.recording is not None:
            self._note("linkURL", url, self._absRect(rect, relative), 0, **kwargs)
        return super().linkURL(url, rect, relative, **kwargs)

    def drawImage(self, image: object, *args: Any, **kwargs: Any) -> Any:
        # The operators draw the image; drawn again, it must be in the file.
        self._note("_image", image, kwargs.get("mask"))
        return super().drawImage(image, *args, **kwargs)

    def _image(self, image: object, mask: object) -> None:
        n = len(self._code)
        self.saveState()
        self.drawImage(image, 0, 0, 1, 1, mask=mask)
        self.restoreState()
        del self._code[n:]


def _font_snapshot(doc: PDFDocument) -> list[tuple[str, str, tuple | None]]:
    """The fonts of a finished file, in the order they were named, with the
    character codes each TrueType font gave out."""
    out: list[tuple[str, str, tuple | None]] = []
    for name, internal in doc.fontMapping.items():
        font = pdfmetrics.getFont(name)
        state = font.state.get(doc) if isinstance(font, TTFont) else None
        codes = None
        if state is not None:
            codes = (
                dict(state.assignments),
                [list(subset) for subset in state.subsets],
                state.nextCode,
                state.internalName,
            )
        out.append((name, internal, codes))
    return out


def _seed_fonts(doc: PDFDocument, snapshot: list[tuple[str, str, tuple | None]]) -> bool:
    """Give a new file the font names and character codes of the last one,
    so operators kept from it draw the same characters. False if a name
    came out different (then nothing kept may be drawn)."""
    for name, internal, codes in snapshot:
        if name not in doc.fontMapping:
            font = pdfmetrics.getFont(name)
            if codes is None or not isinstance(font, TTFont):
                doc.getInternalFontName(name)
            else:
                assignments, subsets, next_code, internal_name = codes
                state = font._assignState(doc)
                state.assignments = dict(assignments)
                state.subsets = [list(subset) for subset in subsets]
                state.nextCode = next_code
                state.internalName = internal_name
                doc.fontMapping[name] = "/" + internal_name
                doc.delayedFonts.append(font)
        if doc.fontMapping.get(name) != internal:
            return False
    return True


class _Stop(ActionFlowable):
    """Ends the layout: the rest of the pages were drawn from the last render."""

    def __init__(self) -> None:
        super().__init__(("incrementalStop",))


class _Doc(NotesDocTemplate):
    """The document template of an incremental pass: it starts with the
    pages kept from the last render, records each page's starting state,
    and stops when a page starts as one of the last render did."""

    layout: _IncrementalPass | None = None

    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        assert self.layout is not None
        self.layout.begin()

    def handle_pageBegin(self) -> None:
        assert self.layout is not None
        if self.layout.converge():
            return
        self.layout.page_begins()
        super().handle_pageBegin()

    def handle_incrementalStop(self) -> None:
        # As if the last page drawn again had just ended (see _endBuild).
        self._hanging.append(PageBegin)


class _IncrementalPass(PdfPass):
    doc_class = _Doc
    canvas_class = _RecordingCanvas

    def __init__(
        self,
        tree: Document,
        fam: FontFamily,
        buf: io.BytesIO,
        *,
        mark_budget: bool,
        story: list[Flowable],
        last: _Render | None,
        restart: int,
        changed_notes: set[int],
        suffix: int,
    ) -> None:
        super().__init__(tree, fam, buf, final=True, mark_budget=mark_budget)
        doc = self.doc
        assert isinstance(doc, _Doc)
        doc.layout = self
        self.story = story
        self.last = last
        self.restart = restart
        self.changed_notes = changed_notes
        self.suffix = suffix  # flowables at the story's end the same as the last render's
        self.keeper.page_end_hooks.insert(0, self._page_ends)
        self.starts: list[_PageStart] = []
        self.drawings: list[_PageDrawing] = []
        self.laid_out = 0
        self.reused_after = 0
        self.queue: list[Flowable] = []
        self.edits: list[tuple] = []
        self._replaying = False
        self._body: tuple[int, int] = (0, 0)
        self._tails = self._tail_index()
        self.canvas: _RecordingCanvas | None = None

    # -- the canvas and the fonts

    def make_canvas(self, *args: object, **kwargs: object) -> Canvas:
        canv = super().make_canvas(*args, **kwargs)
        assert isinstance(canv, _RecordingCanvas)
        self.canvas = canv
        if self.last is not None and not _seed_fonts(canv._doc, self.last.fonts):
            # The kept operators would name other fonts: lay everything out.
            self.last, self.restart, self._tails = None, 0, {}
        return canv

    # -- recording each page

    def on_page(self, canv: Canvas) -> None:
        super().on_page(canv)
        if not self._replaying:
            assert isinstance(canv, _RecordingCanvas)
            canv.recording = []
            self._body = (len(canv._code), len(canv._formsinuse))

    def _page_ends(self, canv: Canvas, _base: float) -> None:
        if self._replaying:
            return
        assert isinstance(canv, _RecordingCanvas)
        code_at, forms_at = self._body
        code = canv._code[code_at:]
        # Transparency, blending, spot colours and shadings are page
        # resources this module does not keep: such a page is laid out again.
        replayable = not (
            canv._colorsUsed or canv._shadingUsed or _GRAPHICS_STATE.search("\n".join(code))
        )
        self.drawings.append(
            _PageDrawing(
                code,
                list(canv._formsinuse[forms_at:]),
                canv.recording or [],
                self.keeper.pages[-1],
                replayable,
            )
        )
        canv.recording = None
        self.laid_out += 1

    def page_begins(self) -> None:
        """Record the state the page starts in (before the frame takes the
        notes running on)."""
        queue, story = self.queue, self.story
        n, left = len(story), len(queue)
        i = 0
        while i < left and (n - left + i < 0 or queue[i] is not story[n - left + i]):
            i += 1
        index = n - (left - i)
        heads = [*queue[:i], *story[index : index + 1]]
        carried = tuple(_Carried(c.number, c.para, c.height, c.first) for c in self.keeper.carried)
        start = _PageStart(
            tuple(queue[:i]), index, n - index, tuple(_flags(f) for f in heads), carried
        )
        self.starts.append(start)

    # -- pages drawn again

    def _replay(self, drawing: _PageDrawing) -> None:
        canv, doc, keeper = self.canvas, self.doc, self.keeper
        assert canv is not None
        self._replaying = True
        try:
            doc.page += 1
            self.on_page(canv)
            canv._code.extend(drawing.code)
            canv._formsinuse.extend(drawing.forms)
            for name, args, kwargs in drawing.calls:
                getattr(canv, name)(*args, **kwargs)
            keeper.pages.append(drawing.record)
            for hook in keeper.page_end_hooks:
                hook(canv, doc.bottomMargin)
            canv.showPage()
        finally:
            self._replaying = False
        self.drawings.append(drawing)

    def begin(self) -> None:
        """The document begins: the pages kept from the last render, then the
        layout from the state the restart page began in."""
        last, story = self.last, self.story
        if last is None or self.restart == 0:
            self.queue[:] = story
            return
        n = len(story)
        for drawing in last.drawings[: self.restart]:
            self._replay(drawing)
        # Before the restart, the two stories are the same objects.
        self.starts.extend(
            _PageStart(s.prefix, s.index, n - s.index, s.flags, s.carried)
            for s in last.starts[: self.restart]
        )
        if self.restart >= len(last.starts):
            return  # the same story: every page is drawn again
        start = last.starts[self.restart]
        self.queue[:] = [*start.prefix, *story[start.index :]]
        self.keeper.carried = [
            _Item(c.number, c.para, c.height, c.first, False) for c in start.carried
        ]
        heads = [*start.prefix, *story[start.index : start.index + 1]]
        for f, (keep, postponed) in zip(heads, start.flags, strict=False):
            self._set_flags(f, keep, postponed)

    def _set_flags(self, f: Flowable, keep: object, postponed: bool) -> None:
        """Put back the attributes ``f`` had when the page began, to be
        undone after the build like the layout's own changes."""
        now_keep, now_postponed = _flags(f)
        if keep is not now_keep and keep != now_keep:
            self.edits.append(
                (f.__dict__.pop, "keepWithNext", None)
                if now_keep is _MISSING
                else (setattr, f, "keepWithNext", now_keep)
            )
            if keep is _MISSING:
                f.__dict__.pop("keepWithNext", None)
            else:
                f.__dict__["keepWithNext"] = keep
        if postponed and not now_postponed:
            f._postponed = 1
            self.edits.append((f.__dict__.pop, "_postponed", None))

    # -- converging on the last render

    def _tail_index(self) -> dict[tuple, int]:
        """The last render's pages that may be drawn again at the end, by
        the state they began in."""
        last = self.last
        if last is None:
            return {}
        usable: dict[tuple, int] = {}
        n_old = len(last.story)
        for j in range(len(last.starts) - 1, -1, -1):
            if not last.drawings[j].replayable:
                break  # the pages from j on are drawn again only if all are
            start = last.starts[j]
            if start.remaining > self.suffix or not (start.remaining or start.prefix):
                continue
            if start.index >= n_old:
                continue
            key = (start.remaining, tuple(id(f) for f in start.prefix))
            usable[key] = j
        return usable

    def converge(self) -> bool:
        """At a page's start: if it begins as a page of the last render did,
        draw the rest from there and stop the layout."""
        last = self.last
        if not self._tails or last is None or self._replaying or not self.queue:
            return False
        queue, story = self.queue, self.story
        n, left = len(story), len(queue)
        i = 0
        while i < left and (n - left + i < 0 or queue[i] is not story[n - left + i]):
            i += 1
        remaining = left - i
        j = self._tails.get((remaining, tuple(id(f) for f in queue[:i])))
        if j is None:
            return False
        then = last.starts[j]
        index = n - remaining
        heads = [*queue[:i], *story[index : index + 1]]
        # Keep-with-next must match. Postponed need not: it only decides
        # whether a flowable that cannot be placed on an empty page fails
        # there or a page later, and the last render placed this one.
        if [_flags(f)[0] for f in heads] != [keep for keep, _postponed in then.flags]:
            return False
        if not self._same_carried(then.carried):
            return False
        shift = index - then.index
        for old in last.starts[j:]:
            self.starts.append(
                _PageStart(old.prefix, old.index + shift, old.remaining, old.flags, old.carried)
            )
        for drawing in last.drawings[j:]:
            self._replay(drawing)
            self.reused_after += 1
        self.keeper.carried = []
        queue[:] = [_Stop()]  # its handler hangs the page begin a finished page leaves
        return True

    def _same_carried(self, then: tuple[_Carried, ...]) -> bool:
        now = self.keeper.carried
        if len(now) != len(then):
            return False
        for a, b in zip(now, then, strict=True):
            if (a.number, a.first) != (b.number, b.first) or abs(a.height - b.height) > _FUZZ:
                return False
            if a.number in self.changed_notes:
                return False
        return True

    # -- the build

    def build(self) -> LayoutReport:
        doc = self.doc
        doc._multiBuildEdits = self.edits.append
        try:
            doc.build(self.queue, canvasmaker=self.make_canvas)
        finally:
            # Undo what the layout changed on the flowables, which the next
            # render uses again (reportlab's multiBuild does the same).
            for fn, *args in reversed(self.edits):
                try:
                    fn(*args)
                except (AttributeError, KeyError):
                    pass
            self.edits.clear()
            del doc._multiBuildEdits
        return self.report()


class IncrementalPdf:
    """Renders one brief again and again as it is edited (the preview's
    PDF), each time redoing only what the edit can change. Not for use by
    two threads at once (the preview renders one at a time)."""

    def __init__(self) -> None:
        self._stories = _StoryCache()
        self._last: _Render | None = None
        self.stats: RenderStats | None = None

    def clear(self) -> None:
        """Forget the last render: the next one is made from scratch."""
        self._stories.clear()
        self._last = None

    def render(self, tree: Document, *, mark_budget: bool = True) -> tuple[bytes, LayoutReport]:
        """The PDF of ``tree``, as write_pdf_with_layout makes it, and its
        layout report."""
        try:
            return self._render(tree, mark_budget)
        except Exception:
            # Whatever went wrong (the brief may not lay out at all), the
            # next render starts afresh; a fresh render says what is wrong.
            self.clear()
            self.stats = None
            return write_pdf_with_layout(tree, mark_budget=mark_budget)

    def _render(self, tree: Document, mark_budget: bool) -> tuple[bytes, LayoutReport]:
        fam = register_family(tree.style.pdf_font, tree.style.font_dir)
        story, block_starts, fresh = self._stories.story(tree, fam)
        last = None if fresh else self._last
        notes = {n.number: n.inlines for n in tree.notes}
        restart, suffix, changed = 0, 0, set[int]()
        if last is not None:
            changed = {
                number
                for number in notes.keys() | last.notes.keys()
                if notes.get(number) != last.notes.get(number)
            }
            dirty = self._dirty(tree, block_starts, changed)
            first, suffix = _common_ends(last.story, story, dirty)
            same = first == len(story) == len(last.story)
            restart = _restart_page(last, first, same)
        self._last = None  # until this render succeeds
        buf = io.BytesIO()
        layout = _IncrementalPass(
            tree,
            fam,
            buf,
            mark_budget=mark_budget,
            story=story,
            last=last,
            restart=restart,
            changed_notes=changed,
            suffix=suffix,
        )
        report = layout.build()
        assert layout.canvas is not None
        before = layout.restart if layout.last is not None else 0
        self.stats = RenderStats(len(layout.drawings), before, layout.laid_out, layout.reused_after)
        self._last = _Render(
            story,
            block_starts,
            notes,
            layout.starts,
            layout.drawings,
            layout.canvas.fonts or [],
        )
        return buf.getvalue(), report

    @staticmethod
    def _dirty(tree: Document, block_starts: list[int], changed: set[int]) -> set[int]:
        """Story positions of the blocks that refer to a note whose text
        changed: their flowables are the same, their pages may not be."""
        if not changed:
            return set()
        dirty: set[int] = set()
        for index, block in enumerate(tree.blocks):
            if any(n in changed for n in _note_refs(block)):
                dirty.update(range(block_starts[index], block_starts[index + 1]))
        return dirty


def _common_ends(old: list[Flowable], new: list[Flowable], dirty: Iterable[int]) -> tuple[int, int]:
    """The first position where the stories differ (or a dirty one), and how
    many flowables at their ends are the same objects (none dirty)."""
    dirty = set(dirty)
    first = 0
    limit = min(len(old), len(new))
    while first < limit and old[first] is new[first] and first not in dirty:
        first += 1
    suffix = 0
    n_old, n_new = len(old), len(new)
    while (
        suffix < limit - first
        and old[n_old - 1 - suffix] is new[n_new - 1 - suffix]
        and (n_new - 1 - suffix) not in dirty
    ):
        suffix += 1
    return first, suffix


def _restart_page(last: _Render, first: int, same: bool) -> int:
    """The first page of the last render whose layout looked at the story
    at or after position ``first`` (each page looks at the flowables it
    places and at the next one, which it may try); earlier, only pages
    that can be drawn again, and one that begins where the layout can
    restart. All of them when the story is the ``same``."""
    starts, drawings = last.starts, last.drawings
    pages = len(starts)
    if same and all(d.replayable for d in drawings):
        return pages
    restart = pages - 1
    for i in range(pages):
        seen = starts[i + 1].index + 1 if i + 1 < pages else len(last.story) + 1
        if seen >= first:
            restart = i
            break
    for i in range(restart):
        if not drawings[i].replayable:
            restart = i
            break
    while restart > 0 and restart < pages and not starts[restart].restartable:
        restart -= 1
    return restart


__all__ = ["IncrementalPdf", "RenderStats"]
