"""One layout pass of the PDF: the page template, its frame, the canvas.

The writer (pdf.py) makes the flowables; a pass lays them out on pages whose
text area keeps room for footnotes (pdf_note_frame.py, pdf_notes.py), draws
the page furniture and a draft's line when it is the final pass, and reports
how the pages filled against the page budget (pdf_layout.py). One pass
makes the whole PDF: the page total is drawn after layout
(pdf_furniture.py). A pass without the furniture lays out the same pages
(the furniture takes no room); the check measures with a whole render,
which an export of the same tree then writes (pdf.py).
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, PageTemplate

from briefing_app import APP_NAME
from briefing_app.document.layout import LayoutReport
from briefing_app.document.nodes import Document
from briefing_app.progress import Progress
from briefing_app.writers.pdf_fonts import FontFamily
from briefing_app.writers.pdf_furniture import FurnitureCanvas, draw_draft, draw_furniture
from briefing_app.writers.pdf_layout import BudgetMark, layout_report
from briefing_app.writers.pdf_markup import inline_markup
from briefing_app.writers.pdf_note_frame import NoteFrame, NotesDocTemplate
from briefing_app.writers.pdf_notes import CALLBACK, NoteKeeper
from briefing_app.writers.pdf_tagger import (
    TaggedCanvas,
    Tagger,
    as_artifact,
    note_callback,
    page_foot,
    page_furniture,
)


def _doc_template(
    kind: type[NotesDocTemplate], buf: io.BytesIO, tree: Document, fam: FontFamily
) -> NotesDocTemplate:
    s = tree.style
    info = tree.info
    return kind(
        buf,
        pagesize=tuple(v * mm for v in s.page_mm),
        leftMargin=s.margin_left_mm * mm,
        rightMargin=s.margin_right_mm * mm,
        topMargin=s.margin_top_mm * mm,
        bottomMargin=s.margin_bottom_mm * mm,
        title=info.title,
        author=info.author,
        subject=info.subject,
        keywords=list(info.keywords),
        creator=APP_NAME,
        lang=info.language,
        displayDocTitle=1,
        initialFontName=fam.regular,
        initialFontSize=s.body_pt,
        initialLeading=s.line_pt,
    )


def _follow(doc: BaseDocTemplate, progress: Progress | None, first: int, total: int) -> None:
    """Tell ``progress`` of each flowable laid out; it may stop the build
    between two flowables (by raising ExportCancelled)."""
    if progress is None:
        return
    progress.step(first, total)
    seen = [first]

    def on_progress(kind: str, value: int) -> None:
        if kind == "PROGRESS":
            # A flowable split across pages puts its remainder back in the
            # queue, so reportlab's count can dip: never report a step back.
            seen[0] = max(seen[0], min(first + value, total))
            progress.step(seen[0], total)

    doc.setProgressCallBack(on_progress)


class PdfPass:
    """One layout pass: the page template, its frame keeping room for notes,
    the canvas, and the report of how the pages filled.

    The document as printed when ``final`` (with ``total`` None, the page
    total is drawn after layout: pdf_furniture.py), else its pages only
    (the furniture takes no room, so they are the same). The incremental
    preview (pdf_incremental.py) derives its own pass from this one."""

    doc_class: type[NotesDocTemplate] = NotesDocTemplate
    # None: the tagged canvas (every PDF the app writes is tagged: pdf_tags.py);
    # the incremental preview's pass (pdf_page_replay.py) draws with a canvas
    # of its own, untagged.
    canvas_class: type[Canvas] | None = None

    def __init__(
        self,
        tree: Document,
        fam: FontFamily,
        buf: io.BytesIO,
        *,
        final: bool = False,
        total: int | None = None,
        mark_budget: bool = False,
    ) -> None:
        self.tree, self.fam, self.final, self.total = tree, fam, final, total
        s = tree.style
        self.doc = doc = _doc_template(self.doc_class, buf, tree, fam)
        notes = frozenset(n.number for n in tree.notes)
        self.keeper = keeper = NoteKeeper(
            tree, fam, lambda inlines: inline_markup(inlines, s, notes), doc.width, doc.height
        )
        doc.keeper = keeper
        self.frame = NoteFrame(
            keeper,
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.mark: BudgetMark | None = None
        if final and mark_budget and tree.page_budget is not None:
            self.mark = BudgetMark(tree, fam, doc.leftMargin, doc.width)
            keeper.page_end_hooks.append(as_artifact(self.mark.at_page_end))
        template = PageTemplate(
            id="page",
            frames=[self.frame],
            onPage=lambda canv, _d: self.on_page(canv),
            onPageEnd=lambda canv, _d: self.on_page_end(canv),
        )
        doc.addPageTemplates([template])

    def on_page(self, canv: Canvas) -> None:
        """A page begins: its furniture, behind what the frame draws."""
        if self.final:
            with page_furniture(canv):  # artifacts; the body's element resumes after
                draw_furniture(canv, self.doc.pagesize, self.tree, self.fam, self.total)
                draw_draft(canv, self.doc.pagesize, self.tree, self.fam)

    def on_page_end(self, canv: Canvas) -> None:
        with page_foot(canv):  # the body's last line is drawn: the notes follow
            self.keeper.end_page(canv)

    def make_canvas(self, *args: object, **kwargs: object) -> Canvas:
        maker = (self.canvas_class or TaggedCanvas) if self.final else Canvas
        canv = maker(*args, **kwargs)  # type: ignore[arg-type]
        # Called for each note reference drawn (and tells the tagger whose it is).
        canv.setNamedCB(CALLBACK, note_callback(self.keeper.on_draw))
        if isinstance(canv, TaggedCanvas):
            canv.tagger = Tagger(self.tree)
        if self.mark is not None and isinstance(canv, FurnitureCanvas):
            canv.at_save.append(self.mark.define)
        return canv

    def run(
        self,
        story: list[Flowable],
        progress: Progress | None = None,
        step: tuple[int, int] = (0, 1),
    ) -> LayoutReport:
        """Lay ``story`` out (pass ``step[0]`` of ``step[1]``, for progress)."""
        doc = self.doc
        index, passes = step
        _follow(doc, progress, index * len(story), passes * len(story))
        doc.build(story, canvasmaker=self.make_canvas)
        return self.report()

    def report(self) -> LayoutReport:
        doc, s = self.doc, self.tree.style
        top = doc.bottomMargin + doc.height
        return layout_report(
            self.keeper.pages, self.tree.page_budget, doc.bottomMargin, top, s.line_pt
        )


def build_pass(
    tree: Document,
    fam: FontFamily,
    story: list[Flowable],
    buf: io.BytesIO,
    progress: Progress | None,
    step: tuple[int, int],
    *,
    final: bool = False,
    total: int | None = None,
    mark_budget: bool = False,
) -> LayoutReport:
    """One layout pass of ``story`` into ``buf`` (see PdfPass)."""
    layout = PdfPass(tree, fam, buf, final=final, total=total, mark_budget=mark_budget)
    return layout.run(story, progress, step)
