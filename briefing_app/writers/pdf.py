"""PDF writer: document tree -> PDF bytes, with reportlab's platypus.

Every string from the tree is escaped before it reaches reportlab's
paragraph markup (pdf_markup.py). Page furniture (protective marking at top
and bottom, "Page X of Y", a draft's line) is drawn on every page; a line
showing the page total is a form XObject defined after the last page
(pdf_furniture.py), so one layout pass suffices, whatever the template
prints, and bookmarks and links keep their real pages. Footnotes go to the
foot of the page of their reference (pdf_notes.py), and the render reports
its pages against the template's page budget (pdf_layout.py).
"""

from __future__ import annotations

import dataclasses
import gc
import io
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from briefing_app.document.layout import LayoutReport
from briefing_app.document.nodes import (
    Align,
    BlockNode,
    CalloutNode,
    Document,
    FigureNode,
    Heading,
    Inlines,
    ListNode,
    Para,
    ParaRole,
    TableNode,
    Text,
    TitleBlock,
)
from briefing_app.progress import Progress
from briefing_app.writers.pdf_callouts import BoxLook, CalloutBox
from briefing_app.writers.pdf_document import build_pass
from briefing_app.writers.pdf_figures import figure_flowables
from briefing_app.writers.pdf_fonts import FontFamily, register_family
from briefing_app.writers.pdf_markup import escape, inline_markup
from briefing_app.writers.pdf_paragraphs import (
    PIECES_FROM,
    BriefParagraph,
    PlainParagraphs,
    paragraph_pieces,
)
from briefing_app.writers.pdf_styles import hex_colour, make_styles
from briefing_app.writers.pdf_tables import PagedTable
from briefing_app.writers.pdf_tags import ControlTable, FigureImage, tag_story

# Streams are compressed, not also written as ASCII text (base 85): a
# quarter smaller, and a tenth of the time of a long export saved.
rl_config.useA85 = 0

# --------------------------------------------------------------- flowables


class _HeadingParagraph(BriefParagraph):
    """A heading that leaves a bookmark and an outline entry where it lands
    (the bookmark is also where internal links to it go)."""

    heading: Heading | None = None  # None on the parts of a split heading after the first
    outline_level: int = 0

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        # A heading taller than the page: the bookmark goes with its start.
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and parts[0] is not self:
            parts[0].heading, parts[0].outline_level = self.heading, self.outline_level
        return parts

    def draw(self) -> None:
        super().draw()
        if self.heading is None:
            return
        canv = self.canv
        key = self.heading.anchor
        canv.bookmarkHorizontal(key, 0, self.height)
        canv.addOutlineEntry(self.heading.text or " ", key, level=self.outline_level, closed=False)


class _Builder:
    def __init__(self, doc: Document, fam: FontFamily) -> None:
        self.doc = doc
        self.s = doc.style
        self.fam = fam
        self.st = make_styles(doc.style, fam)
        self.frame_width = doc.style.frame_width_mm * mm
        self.frame_height = doc.style.frame_height_mm * mm
        self.plain = PlainParagraphs()
        self.notes = frozenset(n.number for n in doc.notes)
        s = doc.style
        self.box = BoxLook(
            fill=hex_colour(s.callout_fill),
            bar=hex_colour(s.callout_border),
            bar_width=s.callout_bar_pt,
            pad=s.callout_pad_pt,
            top=s.callout_top_pt,
            bottom=s.callout_bottom_pt,
            cut=s.callout_split_pt,
            space_before=s.block_gap_pt,
            space_after=s.table_after_pt,
            page_height=self.frame_height,
            lead=3 * s.line_pt,  # the title and two lines
        )

    def markup(self, inlines: Inlines) -> str:
        return inline_markup(inlines, self.s, self.notes)

    def cell_font(self) -> list[tuple]:
        # Tables otherwise set Helvetica (a base-14 font, not embedded) for
        # their cells, even when every cell holds a Paragraph.
        return [
            ("FONTNAME", (0, 0), (-1, -1), self.fam.regular),
            ("FONTSIZE", (0, 0), (-1, -1), self.s.small_pt),
            ("LEADING", (0, 0), (-1, -1), self.s.small_line_pt),
        ]

    def para(
        self, inlines: Inlines, style: ParagraphStyle, kind: type[BriefParagraph] = BriefParagraph
    ) -> BriefParagraph:
        only = inlines[0] if len(inlines) == 1 else None
        if only is not None and only == Text(only.text) and "\n" not in only.text:
            # Plain text (most cells, headings, many paragraphs): no markup
            # to parse.
            return self.plain.make(only.text, style, kind)
        return kind(self.markup(inlines), style)

    def paras(self, inlines: Inlines, style: ParagraphStyle, width: float) -> list[Paragraph]:
        """A paragraph that may be long: in pieces that split cheaply."""
        if sum(len(t.text) for t in inlines) < PIECES_FROM:
            return [self.para(inlines, style)]
        return paragraph_pieces(self.markup(inlines), style, width)

    def title_block(self, block: TitleBlock) -> list[Flowable]:
        s = self.s
        out: list[Flowable] = []
        if block.logo is not None:
            width, height = ImageReader(block.logo.path).getSize()
            tall = s.logo_height_mm * mm
            logo = FigureImage(
                block.logo.path, width=tall * width / height, height=tall, hAlign="LEFT"
            )
            out += [logo, Spacer(0, s.logo_gap_pt)]
        out += paragraph_pieces(escape(block.title), self.st.title, self.frame_width)
        if block.subtitle:
            out += paragraph_pieces(escape(block.subtitle), self.st.subtitle, self.frame_width)
        if block.control:
            out += [Spacer(0, s.control_gap_pt), self.control(block)]
        out += [
            Spacer(0, s.title_rule_gap_pt),
            HRFlowable(width="100%", thickness=s.title_rule_pt, color=hex_colour(s.heading_colour)),
            Spacer(0, s.title_block_after_pt),
        ]
        return out

    def control(self, block: TitleBlock) -> Table:
        """Document control: label/value pairs side by side keep it compact.
        The composer cut every value to fit on a page; a row may still
        split between pages (splitInRow) when it starts low on one."""
        s = self.s
        columns = 2 * s.control_pairs
        cells: list[list[Flowable | str]] = []
        row: list[Flowable | str] = []
        for item in block.control:
            row += [
                Paragraph(escape(item.label), self.st.control_label),
                Paragraph(escape(item.value), self.st.control_value),
            ]
            if len(row) == columns:
                cells.append(row)
                row = []
        if row:
            cells.append(row + [""] * (columns - len(row)))
        shares = s.control_columns[:columns]
        widths = [share / sum(shares) * self.frame_width for share in shares]
        table = ControlTable(cells, colWidths=widths, hAlign="LEFT", splitInRow=1)
        pad = s.control_row_pad_pt
        table.setStyle(
            TableStyle(
                [
                    *self.cell_font(),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), s.control_pad_pt),
                    ("TOPPADDING", (0, 0), (-1, -1), pad),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
                ]
            )
        )
        return table

    def heading(self, block: Heading) -> list[Flowable]:
        # The composer's levels start at 1 and never skip one, as PDF
        # outlines require.
        level = block.level - 1
        style = self.st.h1 if block.level == 1 else self.st.h2
        heading = self.para((Text(block.text),), style, _HeadingParagraph)
        assert isinstance(heading, _HeadingParagraph)
        heading.heading, heading.outline_level = block, level
        # Never the last line on a page: start a new page unless the heading
        # and two lines of what follows fit, as Word's "keep with next" and
        # widow control do (keepWithNext would move the whole next block).
        need = style.spaceBefore + self.height(heading) + style.spaceAfter + 2 * self.s.line_pt
        return [CondPageBreak(need), heading]

    def height(self, f: Flowable) -> float:
        return f.wrapOn(None, self.frame_width, self.frame_height)[1]

    def list_flowable(
        self, block: ListNode, style: ParagraphStyle | None = None, width: float | None = None
    ) -> Flowable:
        style = style or self.st.list_item
        indent, dedent = self.s.list_indent_mm * mm, 12.0
        if block.ordered:
            # The widest number ("12.") and a gap before the text; a long
            # list's text moves right rather than touch its numbers.
            label = stringWidth(f"{len(block.items)}.", self.fam.regular, self.s.body_pt)
            dedent = max(16.0, label + 0.4 * self.s.body_pt)
            indent = max(indent, dedent + 2.0)
        text_width = (width or self.frame_width) - indent
        items = [ListItem(self.paras(item, style, text_width)) for item in block.items]
        common = {
            "bulletFontName": self.fam.regular,
            "bulletFontSize": self.s.body_pt,
            "bulletColor": hex_colour(self.s.text_colour),
            "leftIndent": indent,
            "spaceAfter": self.s.para_after_pt,
            "bulletDedent": dedent,
        }
        if block.ordered:
            return ListFlowable(items, bulletType="1", start=1, bulletFormat="%s.", **common)
        return ListFlowable(items, bulletType="bullet", start="•", **common)

    def callout(self, block: CalloutNode) -> CalloutBox:
        inner = self.frame_width - 2 * self.box.pad
        content: list[Flowable] = []
        if block.title:
            content += paragraph_pieces(escape(block.title), self.st.callout_title, inner)
        for part in block.blocks:
            if isinstance(part, ListNode):
                content.append(self.list_flowable(part, width=inner))
            else:
                content += self.paras(part.inlines, self.st.body, inner)
        return CalloutBox(content, self.box)

    def table(self, block: TableNode) -> list[Flowable]:
        out: list[Flowable] = []
        if block.caption:
            out.append(Paragraph(escape(block.caption), self.st.caption))
        right = [a is Align.RIGHT for a in block.align]
        header = [
            BriefParagraph(escape(h), self.st.head_cell_right if r else self.st.head_cell)
            for h, r in zip(block.header, right, strict=True)
        ]
        rows = [
            [
                self.para(cell, self.st.cell_right if r else self.st.cell)
                for cell, r in zip(row, right, strict=True)
            ]
            for row in block.rows
        ]
        widths = [w * self.frame_width for w in block.widths]
        style = self.table_style(len(rows))
        table = PagedTable(header, rows, widths, style, self.cell_padding(), self.frame_height)
        table.spaceAfter = self.s.table_source_gap_pt if block.source else self.s.table_after_pt
        out.append(table)
        if block.source:
            out.append(self.para(block.source, self.st.source))
        return out

    def cell_padding(self) -> tuple[float, float, float, float]:
        """Top, bottom, left and right, inside every cell of a data table."""
        pad = self.s.cell_padding_pt
        return pad, pad + 1, pad + 1, pad + 1

    def table_style(self, rows: int) -> Callable[[int], TableStyle]:
        s = self.s
        top, bottom, left, right = self.cell_padding()
        commands: list[tuple] = [
            *self.cell_font(),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), left),
            ("RIGHTPADDING", (0, 0), (-1, -1), right),
            ("TOPPADDING", (0, 0), (-1, -1), top),
            ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
            ("BACKGROUND", (0, 0), (-1, 0), hex_colour(s.table_header_fill)),
            ("LINEBELOW", (0, 0), (-1, 0), s.header_rule_pt, hex_colour(s.heading_colour)),
            ("LINEBELOW", (0, 1), (-1, -1), s.rule_pt, hex_colour(s.rule_colour)),
        ]
        plain = TableStyle(commands)
        if rows < 2:
            return lambda _first: plain
        stripes = [colors.white, hex_colour(s.table_stripe_fill)]
        # A part of a long table starts its stripes with its first row's.
        styles = [
            TableStyle([*commands, ("ROWBACKGROUNDS", (0, 1), (-1, -1), cycle)])
            for cycle in (stripes, stripes[::-1])
        ]
        return lambda first: styles[first % 2]

    def paragraph(self, block: Para) -> list[Flowable]:
        style = {
            ParaRole.BODY: self.st.body,
            ParaRole.CAPTION: self.st.caption,
            ParaRole.SOURCE_NOTE: self.st.source,
        }[block.role]
        return list(self.paras(block.inlines, style, self.frame_width))

    def block(self, block: BlockNode) -> list[Flowable]:
        """The flowables of one block of the tree."""
        draw: dict[type, Callable[[Any], list[Flowable]]] = {
            TitleBlock: self.title_block,
            Heading: self.heading,
            Para: self.paragraph,
            ListNode: lambda b: [self.list_flowable(b)],
            TableNode: self.table,
            CalloutNode: lambda b: [self.callout(b)],
            FigureNode: lambda b: figure_flowables(b, self.s, self.st, self.fam.regular, self.para),
        }
        drawing = draw.get(type(block))
        if drawing is None:
            raise TypeError(f"the PDF writer cannot draw {type(block).__name__}")
        return drawing(block)

    def story(self) -> list[Flowable]:
        blocks = self.doc.blocks
        parts = [self.block(block) for block in blocks]
        for index in range(len(blocks) - 1):
            if keeps_with_next(blocks[index], blocks[index + 1]):
                self.keep_with_next(parts[index], parts[index + 1])
        # Markers saying which structure element each flowable draws into.
        parts = tag_story(self.doc.blocks, parts)
        return [f for flowables in parts for f in flowables]

    def keep_with_next(self, heading: list[Flowable], block: list[Flowable]) -> None:
        """A table or a box moves to the next page as a whole when it starts
        too low, and its heading goes with it. One longer than a page
        cannot: the heading then needs only the room to start it."""
        if sum(self.height(f) for f in heading[1:] + block) <= self.frame_height:
            heading[-1].keepWithNext = 1
            return
        start = 0.0
        for f in block:
            if isinstance(f, PagedTable | CalloutBox):
                start += f.lead_height(self.frame_width)
                break
            f.keepWithNext = 0  # a caption: kept by the page break below instead
            start += self.height(f) + f.getSpaceBefore() + f.getSpaceAfter()
        condition = heading[0]
        assert isinstance(condition, CondPageBreak)
        condition.height += start


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a PDF is built: a build makes tens
    of thousands of objects that live until it ends (flowables, the
    structure tree), and each full collection walks them all, for nothing
    (measured: a third of the time tagging added to a dense 200-page brief,
    a third of a 20,000-row table's; peak memory the same). Left as it was
    found, so nested or simultaneous builds are safe."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _render(
    tree: Document, progress: Progress | None, *, mark_budget: bool
) -> tuple[bytes, LayoutReport]:
    with collector_paused():
        fam = register_family(tree.style.pdf_font, tree.style.font_dir)
        buf = io.BytesIO()
        story = _Builder(tree, fam).story()
        report = build_pass(
            tree, fam, story, buf, progress, (0, 1), final=True, mark_budget=mark_budget
        )
        return buf.getvalue(), report


class _Kept:
    """The last render the check measured, kept for an export of the same
    tree that follows it (the command line checks, then exports: one
    layout, not two). Used once; the trees are compared whole."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: tuple[Document, bytes, LayoutReport] | None = None

    def keep(self, tree: Document, data: bytes, report: LayoutReport) -> None:
        # The tree as it was measured: its block list is the one mutable
        # part (the nodes, the style and the furniture are frozen).
        snapshot = dataclasses.replace(tree, blocks=list(tree.blocks))
        with self._lock:
            self._kept = (snapshot, data, report)

    def take(self, tree: Document) -> tuple[bytes, LayoutReport] | None:
        with self._lock:
            kept, self._kept = self._kept, None
        if kept is None or kept[0] != tree:
            return None
        return kept[1], kept[2]


_KEPT = _Kept()


def keeps_with_next(block: BlockNode, following: BlockNode) -> bool:
    """A heading moves with the table or box after it (``keep_with_next``)."""
    return isinstance(block, Heading) and isinstance(
        following, TableNode | CalloutNode | FigureNode
    )


def write_pdf_with_layout(
    tree: Document, progress: Progress | None = None, *, mark_budget: bool = False
) -> tuple[bytes, LayoutReport]:
    """Render the document tree to PDF bytes, with the report of how it
    laid out (pages, and lines to spare or over the page budget): one
    layout pass, the page total drawn after it (pdf_furniture.py).

    ``progress`` hears of each flowable laid out and can stop the build
    between two of them (see briefing_app/progress.py). ``mark_budget``
    (the app's preview, never an export) draws a dashed line where the page
    budget ends, when the brief runs past it.
    """
    if not mark_budget:
        kept = _KEPT.take(tree)
        if kept is not None:
            if progress is not None:
                progress.step(1, 1)
            return kept
    return _render(tree, progress, mark_budget=mark_budget)


def write_pdf(
    tree: Document, progress: Progress | None = None, *, mark_budget: bool = False
) -> bytes:
    """Render the document tree to PDF bytes (see write_pdf_with_layout)."""
    return write_pdf_with_layout(tree, progress, mark_budget=mark_budget)[0]


def measure_pages(tree: Document, progress: Progress | None = None) -> LayoutReport:
    """How the tree lays out as a PDF, from a real render: for the check.
    The render is kept for an export of the same tree that may follow."""
    data, report = _render(tree, progress, mark_budget=False)
    _KEPT.keep(tree, data, report)
    return report


__all__ = [
    "escape",
    "inline_markup",
    "measure_pages",
    "write_pdf",
    "write_pdf_with_layout",
]
