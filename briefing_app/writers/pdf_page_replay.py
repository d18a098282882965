"""A layout pass that starts from pages kept from the last render and stops
once its pages begin as the last render's did (pdf_incremental.py).

Each page's starting state (the flowables still to lay out, the notes
running on) and what it drew between its furniture and its end (its PDF
operators, and the calls that do more than draw: bookmarks, outline
entries, links, images) are recorded, so a later pass can draw the page
again without laying it out. The fonts keep the character codes of the
last render, so kept operators read the same in the new file; the
furniture (page numbers, the total, the budget mark) is drawn afresh for
every page.
"""

from __future__ import annotations

import io
import re
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
from briefing_app.document.nodes import Document, Inlines
from briefing_app.writers.pdf_document import PdfPass
from briefing_app.writers.pdf_fonts import FontFamily
from briefing_app.writers.pdf_furniture import FurnitureCanvas
from briefing_app.writers.pdf_note_frame import NotesDocTemplate
from briefing_app.writers.pdf_notes import PageRecord, _Item

_MISSING = object()
_FUZZ = 1e-6
#: A graphics state (transparency, blending) set in a page's operators.
_GRAPHICS_STATE = re.compile(r"/\S+ gs\b")


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
class PageStart:
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
class PageDrawing:
    """What a page drew between its furniture and its end, to draw again."""

    code: list[str]
    forms: list[str]
    calls: list[tuple[str, tuple, dict]]
    record: PageRecord
    replayable: bool


@dataclass(slots=True)
class Render:
    """What the last render left for the next one."""

    story: list[Flowable]
    block_starts: list[int]
    notes: dict[int, Inlines]
    starts: list[PageStart] = field(default_factory=list)
    drawings: list[PageDrawing] = field(default_factory=list)
    fonts: list[tuple[str, str, tuple | None]] = field(default_factory=list)


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

    layout: ResumablePass | None = None

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


class ResumablePass(PdfPass):
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
        last: Render | None,
        restart: int,
        changed_notes: set[int],
        suffix: int,
    ) -> None:
        super().__init__(tree, fam, buf, final=True, mark_budget=mark_budget)
        doc = self.doc
        # The preview's file is read once, from memory: not compressing its
        # pages and fonts saves more time than reading them uncompressed costs.
        doc.pageCompression = 0
        assert isinstance(doc, _Doc)
        doc.layout = self
        self.story = story
        self.last = last
        self.restart = restart
        self.changed_notes = changed_notes
        self.suffix = suffix  # flowables at the story's end the same as the last render's
        self.keeper.page_end_hooks.insert(0, self._page_ends)
        self.starts: list[PageStart] = []
        self.drawings: list[PageDrawing] = []
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
            PageDrawing(
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
        start = PageStart(
            tuple(queue[:i]), index, n - index, tuple(_flags(f) for f in heads), carried
        )
        self.starts.append(start)

    # -- pages drawn again

    def _replay(self, drawing: PageDrawing) -> None:
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
            PageStart(s.prefix, s.index, n - s.index, s.flags, s.carried)
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
                PageStart(old.prefix, old.index + shift, old.remaining, old.flags, old.carried)
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


__all__ = ["PageDrawing", "PageStart", "Render", "ResumablePass"]
