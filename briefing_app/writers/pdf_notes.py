"""Footnotes in the PDF: each note at the foot of the page of its reference.

A reference is a raised number, linked to its note, with an ``<onDraw>`` mark
right after it: reportlab calls the canvas back when it draws that mark, so the
notes a page prints are the references drawn on it - known from the drawing
itself, never estimated. When the page ends, its notes are drawn at the foot
of the text area under a short rule, in number order.

Room for them is kept while the page is laid out (pdf_note_frame.py): a
flowable is placed only if it fits above the notes already on the page plus
its own; one that does not is split so that its part on this page, with
that part's notes, still fits. The line holding a reference therefore moves
to the next page with its note when the note cannot follow it here. A note
taller than ``note_max_share`` of the text area keeps only that much room
on the page of its reference and runs on at the foot of the next page; a
page whose very first line has more notes than fit (a line of dozens of
references) lets the ones that do not fit run on too, rather than fail: no
note is ever lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, Paragraph, Table
from reportlab.platypus.flowables import DDIndenter

from briefing_app.document.nodes import Document, Inlines
from briefing_app.document.style import HouseStyle
from briefing_app.writers.pdf_callouts import CalloutBox
from briefing_app.writers.pdf_fonts import FontFamily
from briefing_app.writers.pdf_styles import hex_colour
from briefing_app.writers.pdf_tables import PagedTable
from briefing_app.writers.pdf_tagger import artifact, tagger_of

if TYPE_CHECKING:
    from briefing_app.writers.pdf_note_frame import NoteFrame

#: The canvas callback (setNamedCB) reportlab calls for each reference it draws.
CALLBACK = "brief_note"
_FUZZ = 1e-6
_BIG = 1e9


def note_anchor(number: int) -> str:
    """The named destination of a note. The composer's anchors start with a
    letter, so one starting with "_" can never be a heading's."""
    return f"_note{number}"


def reference_markup(number: int, s: HouseStyle, linked: bool) -> str:
    """A note reference in paragraph markup: the raised number, a link to
    the note (when it has one), and the mark that reports where it is drawn.
    The mark follows the number with no space between: one word, so a line
    never breaks between them (before the number, after a space, it could)."""
    raised = f'<super rise="{s.note_ref_rise_pt}" size="{s.note_ref_pt}">{number}</super>'
    if linked:
        raised = f'<a href="#{note_anchor(number)}">{raised}</a>'
    return f'{raised}<onDraw name="{CALLBACK}" label="{number}"/>'


# ----------------------------------------------------------- finding references


def _frag_refs(frags: Iterable) -> Iterator[int]:
    for f in frags:
        # Line breaking turns fragments into words: [width, (frag, text), ...].
        parts = (p[0] for p in f[1:]) if isinstance(f, list) else (f,)
        for frag in parts:
            mark = getattr(frag, "cbDefn", None)
            if mark is not None and getattr(mark, "name", None) == CALLBACK:
                yield int(mark.label)


def note_refs(f: object) -> list[int]:
    """The note numbers referenced inside flowable ``f``, in order."""
    if isinstance(f, Paragraph):
        known = f.__dict__.get("_note_refs")
        if known is None:
            known = list(_frag_refs(getattr(f, "frags", ())))
            f.__dict__["_note_refs"] = known
        return known
    if isinstance(f, DDIndenter):  # a list item (it passes attributes on to its content)
        return note_refs(f.__dict__["_flowable"])
    if isinstance(f, PagedTable):
        children: Iterable = (c for row in f.rows[f.first :] for c in row)
    elif isinstance(f, Table):
        children = (c for row in f._cellvalues for c in row)
    elif isinstance(f, CalloutBox):
        children = f.content
    elif isinstance(f, ListFlowable | KeepTogether):
        children = f._content
    elif isinstance(f, list | tuple):  # a table cell of several flowables
        children = f
    else:
        return []
    return [n for child in children for n in note_refs(child)]


HOLDERS = (Paragraph, DDIndenter, PagedTable, Table, CalloutBox, ListFlowable)


def holds_notes(f: Flowable) -> bool:
    """Whether ``f`` is of a kind that can hold references (and is measured
    without side effects, unlike a conditional page break)."""
    return isinstance(f, HOLDERS)


# ----------------------------------------------------------------- the notes


@dataclass(slots=True)
class _Item:
    """A note, or the rest of one that runs on, waiting for its page."""

    number: int
    para: Paragraph
    height: float
    first: bool  # holds the note's start (its number and its anchor)
    fresh: bool  # referenced on this page (else run on from an earlier one)
    reserve: float = 0.0  # the room kept for it on this page


@dataclass(frozen=True, slots=True)
class PageRecord:
    """What one page holds, for the layout report (points from the page's foot)."""

    bottom: float  # the foot of the lowest line of text (the top of the area if none)
    notes: float  # the height of the notes block at the foot (0 when none)


class NoteKeeper:
    """The notes of a document and the state of the page being laid out."""

    def __init__(
        self,
        tree: Document,
        fam: FontFamily,
        markup: Callable[[Inlines], str],
        width: float,
        area_height: float,
    ) -> None:
        s = tree.style
        self.s = s
        self.notes = {n.number: n.inlines for n in tree.notes}
        self.active = bool(self.notes)
        self.markup = markup
        self.width = width
        self.cap = max(area_height * s.note_max_share, 3 * s.note_line_pt)
        self.overhead = s.note_space_pt + s.note_rule_pt + s.note_rule_after_pt
        widest = stringWidth(str(max(self.notes, default=1)), fam.regular, s.note_pt)
        indent = max(s.note_indent_mm * mm, widest + s.note_number_gap_pt)
        self.style = ParagraphStyle(
            "Note",
            fontName=fam.regular,
            fontSize=s.note_pt,
            leading=s.note_line_pt,
            textColor=hex_colour(s.text_colour),
            alignment=TA_LEFT,
            leftIndent=indent,
            bulletFontName=fam.regular,
            bulletFontSize=s.note_pt,
            bulletIndent=indent - s.note_number_gap_pt,
            bulletAnchor="end",  # numbers right-aligned in their column
            splitLongWords=1,
            # A long note may be cut after any line.
            allowWidows=1,
            allowOrphans=1,
        )
        self._paras: dict[int, Paragraph] = {}
        self._frags: dict[Inlines, list] = {}
        self.carried: list[_Item] = []  # notes running on to the next page
        self.drawn: list[int] = []  # references drawn on the page being laid out
        self.pages: list[PageRecord] = []
        self.frame: NoteFrame | None = None  # the frame of the pass, which reports here
        # Called with the canvas when a page's notes are drawn (the budget mark).
        self.page_end_hooks: list[Callable[[Canvas, float], None]] = []

    # -- measuring

    def __deepcopy__(self, _memo: dict) -> NoteKeeper:
        # reportlab deep-copies the current frame to measure a list or a
        # group kept together; the copy shares the notes, not a copy of them.
        return self

    def _paragraph(self, number: int) -> Paragraph:
        """Note ``number``, wrapped to the width of the text area."""
        known = self._paras.get(number)
        if known is None:
            # A source cited again is the same text: its markup is parsed once.
            inlines = self.notes[number]
            frags = self._frags.get(inlines)
            if frags is None:
                frags = Paragraph(self.markup(inlines), self.style).frags
                self._frags[inlines] = frags
            copies = [f.clone() for f in frags]  # line breaking may change them
            known = Paragraph(None, self.style, bulletText=str(number), frags=copies)
            known.wrap(self.width, _BIG)
            self._paras[number] = known
        return known

    def height(self, number: int) -> float:
        return self._paragraph(number).height

    def reserve(self, height: float) -> float:
        """The room a note keeps on the page of its reference."""
        return min(height, self.cap)

    def block(self, reserved: float, count: int) -> float:
        """The height of a notes block of ``count`` notes keeping ``reserved``."""
        if not count:
            return 0.0
        return self.overhead + reserved + self.s.note_gap_pt * (count - 1)

    # -- drawing

    def on_draw(self, _canv: Canvas, _kind: str, label: str) -> None:
        """reportlab's callback for each reference drawn."""
        self.drawn.append(int(label))

    def start_page(self) -> tuple[float, int]:
        """The room kept at the foot of a new page for the notes run on to
        it, and how many keep some: at most ``cap`` in all, so that the page
        always has room for its own text and notes; the rest runs on again."""
        budget = self.cap
        count = 0
        for item in self.carried:
            item.fresh = False
            item.reserve = min(item.height, budget)
            budget -= item.reserve
            count += item.reserve > 0
        return self.cap - budget, count

    def end_page(self, canv: Canvas) -> None:
        frame = self.frame
        assert frame is not None
        numbers = sorted({n for n in self.drawn if n in self.notes})
        self.drawn = []
        fresh = [
            _Item(n, self._paragraph(n), self.height(n), True, True, self.reserve(self.height(n)))
            for n in numbers
        ]
        placed, self.carried = self._fit(self.carried + fresh, frame.content_bottom - frame.base)
        block = self._draw(canv, placed, frame.text_left, frame.base)
        self.pages.append(PageRecord(frame.content_bottom, block))
        for hook in self.page_end_hooks:
            hook(canv, frame.base)

    def _fit(self, items: list[_Item], room: float) -> tuple[list[_Item], list[_Item]]:
        """The notes (or parts of notes) drawn on this page, and those that
        run on. Each gets at least the room the frame kept for it, so all
        of those fit; a long note takes what the others leave."""
        gap = self.s.note_gap_pt
        avail = room - self.overhead
        kept = [it for it in items if it.reserve > 0]
        later = sum(it.reserve for it in kept) + gap * max(len(kept) - 1, 0)
        placed: list[_Item] = []
        carried: list[_Item] = []
        # A note none of which fits here: the ones after it of the same kind
        # wait too, so that notes keep their order (a page's own notes never
        # wait for the rest of an earlier one).
        waiting = {True: False, False: False}
        used = 0.0
        for item in items:
            if item.reserve > 0:
                later -= item.reserve + (gap if item is not kept[0] else 0)
            if waiting[item.fresh]:
                carried.append(item)
                continue
            before = gap if placed else 0.0
            left = avail - used - before
            allowance = max(left - max(later, 0.0), min(item.reserve, left))
            if item.height <= allowance + _FUZZ:
                placed.append(item)
                used += before + item.height
                continue
            parts = item.para.split(self.width, allowance) if allowance > 0 else []
            if len(parts) == 2:
                head_h = parts[0].wrap(self.width, _BIG)[1]
                tail_h = parts[1].wrap(self.width, _BIG)[1]
                placed.append(_Item(item.number, parts[0], head_h, item.first, item.fresh))
                carried.append(_Item(item.number, parts[1], tail_h, False, False))
                used += before + head_h
            else:
                carried.append(item)
                waiting[item.fresh] = True
        return placed, carried

    def _draw(self, canv: Canvas, placed: list[_Item], left: float, base: float) -> float:
        if not placed:
            return 0.0
        s = self.s
        heights = sum(it.height for it in placed) + s.note_gap_pt * (len(placed) - 1)
        block = self.overhead + heights
        top = base + block
        with artifact(canv):  # the rule above the notes
            canv.saveState()
            rule_y = top - s.note_space_pt - s.note_rule_pt / 2
            canv.setStrokeColor(hex_colour(s.text_colour))
            canv.setLineWidth(s.note_rule_pt)
            canv.line(left, rule_y, left + min(s.note_rule_mm * mm, self.width), rule_y)
            canv.restoreState()
        y = top - self.overhead
        tagger = tagger_of(canv)
        for item in placed:
            if tagger is not None:
                tagger.note(canv, item.number)  # a Note beside its reference
            if item.first:
                canv.bookmarkHorizontal(note_anchor(item.number), left, y)
            y -= item.height
            if not hasattr(item.para, "blPara"):
                item.para.wrap(self.width, _BIG)  # a split that found no room drops the lines
            item.para.drawOn(canv, left, y)
            y -= s.note_gap_pt
        return block
