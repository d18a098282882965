"""Word writer: document tree -> .docx bytes.

Starts from python-docx's default template, applies the house style
(docx_styles) and writes the blocks as OOXML built with the helpers in
docx_oxml: real heading, list and caption styles, one numbering per numbered
list (each starts at 1), clickable links, a table header row that repeats on
every page, a shaded callout box, and the protective marking with "Page X of
Y" fields in the header and footer of every page, the first included. Notes
are real Word footnotes and a draft carries Word's own watermark
(docx_notes).
Every string from the tree goes into the XML as text, never as markup.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterable
from itertools import groupby

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import _Element

from briefing_app.document import origins as marks
from briefing_app.document.measure import fits_in_lines, lines_needed
from briefing_app.document.nodes import (
    Align,
    BlockNode,
    CalloutNode,
    Document,
    FigureNode,
    FurnitureText,
    Heading,
    Inlines,
    ListNode,
    PageField,
    Para,
    ParaRole,
    TableNode,
    Text,
    TitleBlock,
    inline_text,
)
from briefing_app.document.style import HouseStyle
from briefing_app.errors import ExportError
from briefing_app.progress import Progress, step
from briefing_app.writers import docx_notes as notes
from briefing_app.writers import docx_oxml as ox
from briefing_app.writers import docx_package as pkg
from briefing_app.writers import docx_styles as st
from briefing_app.writers.docx_figures import write_figure

_ROLE_STYLES = {
    ParaRole.BODY: "Normal",
    ParaRole.CAPTION: "Caption",
    ParaRole.SOURCE_NOTE: "Table Source",
}


def write_docx(doc: Document, progress: Progress | None = None) -> bytes:
    """The .docx file for ``doc``, as bytes (nothing is written to disk).

    ``progress`` hears of each block written and can stop the writer
    between two of them (see briefing_app/progress.py).
    """
    try:
        return _WordWriter(doc).render(progress)
    except ValueError as exc:  # lxml refuses a string XML cannot carry
        raise ExportError(f"The Word file could not be made: {exc}") from exc


class _WordWriter:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.s = doc.style
        self.reference = bool(self.s.reference_docx)
        self.word = docx.Document(self.s.reference_docx or None)
        self.body = self.word.element.body
        if self.reference:
            _clear_body(self.body)
            notes.remove_watermarks(self.word)
        # Blocks go before the body's section properties. Found once: looking
        # it up scans every block written so far, quadratic in a long brief.
        self.end = self.body.sectPr
        self.numbering = self.word.part.numbering_part.element
        self.styles = st.apply_house_style(
            self.word, self.s, doc.info.language, keep_existing=self.reference
        )
        self.footnotes = notes.Footnotes.of(self.word, create=bool(doc.notes))
        self.note_numbers = {note.number for note in doc.notes}
        self.bookmarks = 0
        self.table_key = ""  # the section key of the table being written
        self.gap = 0.0  # extra space above the next paragraph (after a table, say)
        self.box: list[_Element] | None = None  # paragraphs of the callout being written
        self.pictures: dict[str, str] = {}  # a figure's picture key -> its relationship id

    def render(self, progress: Progress | None = None) -> bytes:
        pkg.tidy_package(self.word)
        self._page()
        total = len(self.doc.blocks)
        for done, block in enumerate(self.doc.blocks):
            step(progress, done, total)
            self._block(block)
        step(progress, total, total)
        self._notes()
        self._furniture()
        pkg.set_properties(self.word, self.doc.info)
        pkg.set_origin(self.word, self.doc.info)
        ox.clear_theme_fonts(self.word.styles.element)
        out = io.BytesIO()
        pkg.save_package(self.word, out)
        return out.getvalue()

    # -- page

    def _page(self) -> None:
        s, section = self.s, self.word.sections[0]
        width, height = s.page_mm
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.top_margin, section.bottom_margin = Mm(s.margin_top_mm), Mm(s.margin_bottom_mm)
        section.left_margin, section.right_margin = Mm(s.margin_left_mm), Mm(s.margin_right_mm)
        section.header_distance = Mm(s.header_distance_mm)
        section.footer_distance = Mm(s.footer_distance_mm)
        section.different_first_page_header_footer = False  # the marking is on page 1 too

    # -- blocks

    def _block(self, block: BlockNode) -> None:
        match block:
            case TitleBlock():
                self._title(block)
            case Heading():
                self._heading(block)
            case Para():
                p = self._paragraph(_ROLE_STYLES[block.role])
                self._inlines(p, block.inlines)
                self._origin(p, block.origin, block.inlines)
            case ListNode():
                self._list(block)
            case TableNode():
                self._table(block)
            case CalloutNode():
                self._callout(block)
            case FigureNode():
                write_figure(self, block)
            case _:
                raise TypeError(f"the Word writer cannot write {type(block).__name__}")

    # -- what docx_figures.py uses

    @property
    def style(self) -> HouseStyle:
        return self.s

    def figure_paragraph(self, style: str) -> _Element:
        return self._paragraph(style)

    def docx_paragraph(self, p: _Element) -> DocxParagraph:
        return DocxParagraph(p, self.word._body)

    @property
    def document_part(self) -> Part:
        return self.word.part

    def figure_source(self, source: Inlines) -> None:
        self._inlines(self._paragraph(_ROLE_STYLES[ParaRole.SOURCE_NOTE]), source)

    def _heading(self, block: Heading) -> None:
        # Levels and anchors come ready from the composer: anchors are valid,
        # unique bookmark names.
        p = self._text(f"Heading {block.level}", block.text)
        if block.anchor:
            self._bookmark(p, block.anchor)
        if block.origin:
            self._bookmark(p, marks.start_mark(block.origin))

    def _bookmark(self, p: _Element, name: str) -> None:
        self.bookmarks += 1
        ox.add_bookmark(p, self.bookmarks, name)

    def _origin(self, p: _Element, origin: str, inlines: Inlines) -> None:
        """The hidden mark that says where a piece came from (Update from Word)."""
        if origin:
            self._bookmark(p, marks.unit_mark(origin, marks.printed(inlines)))

    def _paragraph(self, style: str, parent: _Element | None = None) -> _Element:
        """A new paragraph in ``style``, at the end of the body or of ``parent``."""
        ppr = ox.el("w:pPr")
        if style != "Normal":
            ppr.append(ox.el("w:pStyle", val=self.styles.ids[style]))
        p = ox.wrap("w:p", ppr)
        if parent is not None:
            parent.append(p)
            return p
        self.end.addprevious(p)
        if self.box is not None:
            self.box.append(p)
        if self.gap:
            ox.set_spacing(ppr, before=self.styles.before.get(style, 0.0) + self.gap)
            self.gap = 0.0
        return p

    def _text(self, style: str, text: str) -> _Element:
        p = self._paragraph(style)
        p.append(ox.run(text))
        return p

    def _inlines(
        self,
        p: _Element,
        inlines: Inlines,
        extra: Iterable[_Element] = (),
        part: Part | None = None,
    ) -> None:
        """Append the runs of ``inlines``; links become clickable w:hyperlink
        elements, related from ``part`` (the part holding ``p``: the document
        by default, the footnotes for a note's text)."""
        extra = list(extra)
        part = part or self.word.part
        for link, texts in groupby(inlines, key=lambda t: t.link):
            runs = [self._run(t, extra, bool(link)) for t in texts if t.text]
            if not runs:
                continue
            if not link:
                p.extend(runs)
                continue
            if link.startswith("#"):
                holder = ox.hyperlink(anchor=link[1:])
            else:
                r_id = part.relate_to(link, RT.HYPERLINK, is_external=True)
                holder = ox.hyperlink(r_id=r_id)
            holder.extend(runs)
            p.append(holder)

    def _run(self, text: Text, extra: list[_Element], linked: bool) -> _Element:
        if not text.note:
            return ox.run(text.text, [*extra, *self._marks(text, linked)])
        if text.note not in self.note_numbers:
            # Word calls a file with a reference to a missing footnote damaged.
            raise ValueError(f"the note reference {text.note} has no note")
        return ox.note_reference(text.note, self.styles.ids["Footnote Reference"])

    def _notes(self) -> None:
        """The tree's notes as footnotes, in order, each with its number's id."""
        if self.footnotes is None:
            return
        ids = self.styles.ids
        for note in self.doc.notes:
            p = self.footnotes.add(note.number, ids["Footnote Text"], ids["Footnote Reference"])
            self._inlines(p, note.inlines, part=self.footnotes.part)
        self.footnotes.finish()

    def _marks(self, text: Text, linked: bool) -> list[_Element]:
        s, marks = self.s, []
        if linked:
            marks.append(ox.el("w:rStyle", val=self.styles.ids["Hyperlink"]))
        if text.bold:
            marks.append(ox.el("w:b"))
        if text.italic:
            marks.append(ox.el("w:i"))
        if text.small:
            marks.append(ox.el("w:sz", val=st.half_points(s.small_pt)))
            if not linked:
                marks.append(ox.el("w:color", val=s.muted_colour))
        if text.highlight:
            marks.append(ox.shading(s.highlight_fill))
        return marks

    def _title(self, block: TitleBlock) -> None:
        if block.logo is not None:
            # The logo above the title, with its alternative text for readers
            # who cannot see it.
            paragraph = self.word.add_paragraph()
            picture = paragraph.add_run().add_picture(
                block.logo.path, height=Mm(self.s.logo_height_mm)
            )
            doc_pr = picture._inline.docPr
            doc_pr.set("descr", block.logo.alt)
            doc_pr.set("title", block.logo.alt)
            ox.set_spacing(paragraph._p, after=self.s.logo_gap_pt)
        last = self._text("Title", block.title)
        if block.subtitle:
            last = self._text("Subtitle", block.subtitle)
        after = self.styles.after["Subtitle" if block.subtitle else "Title"]
        s = self.s
        if block.control:
            ox.set_spacing(last[0], after=after + s.control_gap_pt)
            self._control(block)
        else:  # the rule under the title block, as the PDF draws it
            rule = (s.heading_colour, s.title_rule_pt, after + s.title_rule_gap_pt)
            ox.put(last[0], ox.borders("w:pBdr", {"bottom": rule}), ox.PPR_ORDER)
            ox.set_spacing(last[0], after=0)
        self.gap = s.title_block_after_pt

    def _control(self, block: TitleBlock) -> None:
        """Document control: label/value pairs side by side; a rule below."""
        s = self.s
        nil = ("", 0.0, 0.0)
        edges = {side: nil for side in ("top", "left", "right", "insideH", "insideV")}
        row_pad = s.control_row_pad_pt
        rule = (s.heading_colour, s.title_rule_pt, 0.0)
        columns = 2 * s.control_pairs
        tbl = self._new_table(
            self._widths(s.control_columns[:columns], columns),
            "",
            [
                ox.borders("w:tblBorders", {**edges, "bottom": rule}),
                ox.cell_margins("w:tblCellMar", row_pad, 0, row_pad, s.control_pad_pt),
                ox.table_look(first_row=False, banded_rows=False),
                # Its title for readers who move from table to table.
                ox.el("w:tblCaption", val="Document control"),
            ],
        )
        muted = [ox.el("w:color", val=s.muted_colour)]
        rows = block.control
        for start in range(0, len(rows), s.control_pairs):
            pairs = rows[start : start + s.control_pairs]
            cells: list[tuple[Text, ...]] = []
            for row in pairs:
                cells += [(Text(row.label, bold=True),), (Text(row.value),)]
            cells += [()] * (columns - len(cells))
            tr = self._row(tbl, header=False)
            for index, (width, inlines) in enumerate(zip(self._grid(tbl), cells, strict=True)):
                p = self._paragraph("Document Control", self._cell(tr, width))
                self._inlines(p, inlines, muted if index % 2 == 0 else [])
        for tc in tbl[-1].iterfind(qn("w:tc")):  # air between the last row and the rule
            bottom = s.title_rule_gap_pt + row_pad
            margins = ox.cell_margins("w:tcMar", row_pad, 0, bottom, s.control_pad_pt)
            ox.put(tc[0], margins, ox.TCPR_ORDER)

    def _list(self, node: ListNode) -> list[_Element]:
        style = "List Number" if node.ordered else "List Bullet"
        restart = node.ordered and bool(node.items)  # every numbered list starts at 1
        num_id = ox.add_num_restarting(self.numbering, self.styles.number_list) if restart else 0
        paragraphs = []
        for index, item in enumerate(node.items):
            p = self._paragraph(style)
            if num_id:
                ox.put(p[0], ox.numbering_props(num_id), ox.PPR_ORDER)
            self._inlines(p, item)
            self._origin(p, f"{node.origin}i{index}" if node.origin else "", item)
            paragraphs.append(p)
        if paragraphs and self.box is None:
            ox.set_spacing(paragraphs[-1][0], after=self.s.list_gap_pt + self.s.para_after_pt)
        return paragraphs

    # -- tables

    def _widths(self, shares: tuple[float, ...], count: int) -> list[int]:
        """Column widths in twips that fill the text width exactly."""
        if len(shares) != count or min(shares, default=0.0) <= 0:
            shares = (1.0,) * count
        total, whole = round(st.frame_pt(self.s) * 20), sum(shares)
        widths = [round(total * share / whole) for share in shares[:-1]]
        return [*widths, total - sum(widths)]

    def _new_table(self, widths: list[int], style: str, tblpr: Iterable[_Element]) -> _Element:
        props = ox.el("w:tblPr")
        if style:
            props.append(ox.el("w:tblStyle", val=self.styles.ids[style]))
        props.append(ox.el("w:tblW", w=str(sum(widths)), type="dxa"))
        props.append(ox.el("w:tblInd", w="0", type="dxa"))
        props.append(ox.el("w:tblLayout", type="fixed"))
        for child in tblpr:
            ox.put(props, child, ox.TBLPR_ORDER)
        tbl = ox.wrap("w:tbl", props, ox.grid(widths))
        self.end.addprevious(tbl)
        self.gap = 0.0
        return tbl

    @staticmethod
    def _grid(tbl: _Element) -> list[int]:
        return [int(col.get(qn("w:w"))) for col in tbl[1]]

    @staticmethod
    def _row(tbl: _Element, header: bool, cant_split: bool = True) -> _Element:
        tr = ox.wrap("w:tr", ox.row_props(header, cant_split))
        tbl.append(tr)
        return tr

    @staticmethod
    def _cell(tr: _Element, width: int, *tcpr: _Element) -> _Element:
        tc = ox.wrap("w:tc", ox.wrap("w:tcPr", ox.el("w:tcW", w=str(width), type="dxa"), *tcpr))
        tr.append(tc)
        return tc

    def _table(self, node: TableNode) -> None:
        s = self.s
        if node.caption:
            self._text("Caption", node.caption)
        count = len(node.header) or max((len(row) for row in node.rows), default=0)
        if count:
            tblpr = [
                st.table_borders(s),
                st.table_cell_margins(s),
                ox.table_look(first_row=bool(node.header), banded_rows=True),
            ]
            # The table's title (alternative text): its caption, else what
            # its columns are.
            title = node.caption or _table_title(node.header)
            tblpr.append(ox.el("w:tblCaption", val=title))
            tbl = self._new_table(self._widths(node.widths, count), "Brief Table", tblpr)
            self.table_key = node.origin
            right = [i < len(node.align) and node.align[i] is Align.RIGHT for i in range(count)]
            if node.header:
                head = tuple((Text(text, bold=True),) for text in node.header)
                fill = (st.header_cell_borders(s), ox.shading(s.table_header_fill))
                self._table_row(tbl, head, right, fill, header=True, mark=node.origin and "hd")
            stripe = ox.shading(s.table_stripe_fill)
            for index, row in enumerate(node.rows):
                fill = (stripe,) if index % 2 else ()
                mark = node.origin and f"r{index}"
                self._table_row(tbl, row, right, fill, header=False, mark=mark)

        if node.source:
            self.gap = s.table_source_gap_pt
            self._inlines(self._paragraph("Table Source"), node.source)
        else:
            self.gap = s.table_after_pt

    def _table_row(
        self,
        tbl: _Element,
        cells: tuple[Inlines, ...],
        right: list[bool],
        tcpr: tuple[_Element, ...],
        header: bool,
        mark: str = "",
    ) -> None:
        grid = self._grid(tbl)
        tr = self._row(tbl, header, header or self._row_fits_a_page(cells, grid))
        first: _Element | None = None
        for col, width in enumerate(grid):
            p = self._paragraph("Table Text", self._cell(tr, width, *map(_clone, tcpr)))
            first = p if first is None else first
            if right[col]:
                ox.put(p[0], ox.el("w:jc", val="right"), ox.PPR_ORDER)
            if header:
                ox.put(p[0], ox.el("w:keepNext"), ox.PPR_ORDER)
            self._inlines(p, cells[col] if col < len(cells) else ())
        if mark and first is not None:
            texts = [marks.printed(cell) for cell in cells]
            self._bookmark(first, marks.row_mark(self.table_key, mark, texts))

    def _row_fits_a_page(self, cells: tuple[Inlines, ...], grid: list[int]) -> bool:
        """Whether a row is surely shorter than a page: only such a row is
        kept from splitting (Word cuts off a taller one that may not)."""
        s = self.s
        lines = int(st.mm_to_pt(s.frame_height_mm) // s.small_line_pt)
        margins = 2 * (s.cell_padding_pt + 1)
        return all(
            fits_in_lines(inline_text(cell), (width / 20 - margins) / s.small_pt, lines)
            for cell, width in zip(cells, grid, strict=False)
        )

    def _box_fits_a_page(self, node: CalloutNode) -> bool:
        """Whether a callout is surely shorter than a page, by the same
        estimate the composer uses for the title block."""
        s = self.s
        lines = int(st.mm_to_pt(s.frame_height_mm) // s.line_pt)
        width = st.frame_pt(s) - s.callout_bar_pt - 2 * s.callout_pad_pt
        texts = [(node.title, width)]
        for inner in node.blocks:
            if isinstance(inner, Para):
                texts.append((inline_text(inner.inlines), width))
            else:
                item_width = width - st.mm_to_pt(s.list_indent_mm)
                texts += [(inline_text(item), item_width) for item in inner.items]
        for text, text_width in texts:
            lines -= lines_needed(text, text_width / s.body_pt, lines) if text else 0
            if lines < 0:
                return False
        return True

    # -- callouts

    def _callout(self, node: CalloutNode) -> None:
        """Paragraphs with identical borders and shading, so Word draws one box."""
        s = self.s
        lead, self.gap = self.gap + s.block_gap_pt, 0.0
        self.box = []
        if node.title:
            title = self._text("Callout Title", node.title)
            if node.start:
                self._bookmark(title, marks.start_mark(node.start))
            self._origin(title, node.origin and f"{node.origin}t", (Text(node.title),))
        for inner in node.blocks:
            if isinstance(inner, Para):
                p = self._paragraph("Callout")
                self._inlines(p, inner.inlines)
                self._origin(p, inner.origin, inner.inlines)
            else:
                for p in self._list(inner):
                    indent = st.callout_indent(s, st.mm_to_pt(s.list_indent_mm))
                    ox.put(p[0], indent, ox.PPR_ORDER)
        box, self.box = self.box, None
        # Kept on one page only when it fits on one: a longer box runs on
        # from page to page, its borders and shading with it.
        keep = self._box_fits_a_page(node)
        for i, p in enumerate(box):
            ppr = p[0]
            for child in (st.callout_borders(s), ox.shading(s.callout_fill)):
                ox.put(ppr, child, ox.PPR_ORDER)
            if keep:
                ox.put(ppr, ox.el("w:keepLines"), ox.PPR_ORDER)
            if keep and i < len(box) - 1:
                ox.put(ppr, ox.el("w:keepNext"), ox.PPR_ORDER)
        if box:
            ox.set_spacing(box[0][0], before=lead)
            ox.set_spacing(box[-1][0], after=s.table_after_pt)

    # -- page furniture

    def _furniture(self) -> None:
        """Header and footer on every page: left text, the marking centred in
        bold, right text; page numbers are PAGE and NUMPAGES fields."""
        s, furniture = self.s, self.doc.furniture
        section = self.word.sections[0]
        marking = furniture.marking
        strong = [ox.el("w:b"), ox.el("w:sz", val=st.half_points(s.furniture_pt + 1))]
        muted = [ox.el("w:color", val=s.muted_colour)]
        f = furniture
        for part, left, right, show in (
            (section.header, f.header_left, f.header_right, f.marking_top),
            (section.footer, f.footer_left, f.footer_right, f.marking_bottom),
        ):
            part.is_linked_to_previous = False
            centre = [ox.run(marking, strong)] if marking and show else []
            p = part.paragraphs[0]._p
            if self.reference and any(x.text.strip() for x in part.paragraphs):
                # The reference's own header stays; the marking line follows it.
                p = part.add_paragraph(style=part.paragraphs[0].style)._p
            # Tab stops of the Header and Footer styles: centre, then right.
            p.extend(_line_runs(left, muted))
            if centre or right:
                p.append(ox.wrap("w:r", ox.el("w:tab")))
                p.extend(centre)
            if right:
                p.append(ox.wrap("w:r", ox.el("w:tab")))
                p.extend(_line_runs(right, muted))
        if self.doc.draft:
            notes.add_watermark(section.header.paragraphs[0]._p, self.doc.draft, s)


def _clear_body(body: _Element) -> None:
    """A reference document gives styles, page set-up and header: not text."""
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _line_runs(line: FurnitureText, rpr: list[_Element]) -> list[_Element]:
    runs: list[_Element] = []
    for part in line:
        if part is PageField.PAGE:
            runs.extend(ox.field_runs("PAGE", "1", rpr))
        elif part is PageField.PAGES:
            runs.extend(ox.field_runs("NUMPAGES", "1", rpr))
        else:
            runs.append(ox.run(part, rpr))
    return runs


def _table_title(header: tuple[str, ...]) -> str:
    named = [h for h in header if h.strip()]
    return ("Table: " + ", ".join(named))[:255] if named else "Table"


def _clone(element: _Element) -> _Element:
    return copy.deepcopy(element)
