"""One layout pass of the PDF: the page template, its frame, the canvas.

The writer (pdf.py) makes the flowables; a pass lays them out on pages whose
text area keeps room for footnotes (pdf_note_frame.py, pdf_notes.py), draws the page furniture
and a draft's line when it is the final pass, and reports how the pages
filled against the page budget (pdf_layout.py). A counting pass (for "Page X
of Y" where the total must be known early) and the check's measure are the
same pass without the furniture, so their pages are the printed pages.
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
from briefing_app.writers.pdf_furniture import draw_draft, draw_furniture
from briefing_app.writers.pdf_layout import BudgetMark, layout_report
from briefing_app.writers.pdf_markup import inline_markup
from briefing_app.writers.pdf_note_frame import NoteFrame, NotesDocTemplate
from briefing_app.writers.pdf_notes import CALLBACK, NoteKeeper
from briefing_app.writers.pdf_styles import hex_colour
from briefing_app.writers.pdf_tagger import (
    TaggedCanvas,
    Tagger,
    as_artifact,
    note_callback,
    page_foot,
    page_furniture,
)


def _doc_template(buf: io.BytesIO, tree: Document, fam: FontFamily) -> NotesDocTemplate:
    s = tree.style
    info = tree.info
    return NotesDocTemplate(
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
    """One layout pass (pass ``step[0]`` of ``step[1]``): the document as
    printed when ``final``, else its pages only (the furniture takes no
    room, so they are the same)."""
    s = tree.style
    doc = _doc_template(buf, tree, fam)
    notes = frozenset(n.number for n in tree.notes)
    keeper = NoteKeeper(
        tree, fam, lambda inlines: inline_markup(inlines, s, notes), doc.width, doc.height
    )
    doc.keeper = keeper
    frame = NoteFrame(
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
    mark = None
    if final and mark_budget and tree.page_budget is not None:
        mark = BudgetMark(tree, fam, doc.leftMargin, doc.width)
        keeper.page_end_hooks.append(as_artifact(mark.at_page_end))

    def on_page(canv: Canvas, d: BaseDocTemplate) -> None:
        if final:
            with page_furniture(canv):  # artifacts; the body's element resumes after
                draw_furniture(canv, d.pagesize, tree, fam, total)
                draw_draft(canv, d.pagesize, tree, fam)

    def on_page_end(canv: Canvas, _d: BaseDocTemplate) -> None:
        with page_foot(canv):  # the body's last line is drawn: the notes follow
            keeper.end_page(canv)

    template = PageTemplate(id="page", frames=[frame], onPage=on_page, onPageEnd=on_page_end)
    doc.addPageTemplates([template])

    def make_canvas(*args: object, **kwargs: object) -> Canvas:
        canv = (TaggedCanvas if final else Canvas)(*args, **kwargs)  # type: ignore[arg-type]
        # Called for each note reference drawn.
        canv.setNamedCB(CALLBACK, note_callback(keeper.on_draw) if final else keeper.on_draw)
        if isinstance(canv, TaggedCanvas):
            canv.tagger = Tagger(tree)  # every PDF the app writes is tagged (pdf_tags.py)
            canv.furniture_font = (fam.regular, s.furniture_pt, hex_colour(s.muted_colour))
            if mark is not None:
                canv.at_save.append(mark.define)
        return canv

    index, passes = step
    _follow(doc, progress, index * len(story), passes * len(story))
    doc.build(story, canvasmaker=make_canvas)
    top = doc.bottomMargin + doc.height
    return layout_report(keeper.pages, tree.page_budget, doc.bottomMargin, top, s.line_pt)
