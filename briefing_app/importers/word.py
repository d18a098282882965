"""Read a Word (.docx) document through python-docx.

Paragraphs in Heading styles (or styles based on them) are headings and the
Title style is the title; "List Bullet" / "List Number" paragraphs and
numbered paragraphs are lists; tables are tables; bold, italic and web links
carry over. Pictures, text boxes and footnotes have no place in a brief and
are counted in the notes instead.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass, field

import docx
from docx.document import Document as WordDocument
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.exceptions import XmlchemyError
from docx.oxml.ns import qn
from docx.text.font import Font
from lxml import etree

from briefing_app.errors import BriefImportError
from briefing_app.importers.items import SrcBlock, SrcHeading, SrcList, SrcParagraph, SrcTable
from briefing_app.importers.limits import TooMuch
from briefing_app.importers.runs import join_runs, strip_runs
from briefing_app.importers.word_package import check_package
from briefing_app.importers.word_styles import WordNumbering, WordStyles
from briefing_app.model.text import ListStyle, Run

# Elements that only wrap runs: read what is inside them.
_RUN_WRAPPERS = frozenset(
    qn(tag)
    for tag in ("w:ins", "w:smartTag", "w:fldSimple", "w:customXml", "w:dir", "w:bdo", "w:sdt")
)
# A run's children that python-docx reads as text (run.text).
_TEXT_TAGS = frozenset(
    qn(tag) for tag in ("w:br", "w:cr", "w:noBreakHyphen", "w:ptab", "w:t", "w:tab")
)
_PICTURES = frozenset(qn(tag) for tag in ("w:drawing", "w:pict", "w:object"))
_P, _R, _RPR, _TBL = qn("w:p"), qn("w:r"), qn("w:rPr"), qn("w:tbl")
_RSTYLE, _PSTYLE_PATH = qn("w:rStyle"), f"{qn('w:pPr')}/{qn('w:pStyle')}"
_HYPERLINK, _FOOTNOTE_REFERENCE = qn("w:hyperlink"), qn("w:footnoteReference")
_SDT, _SDT_CONTENT, _CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
_VAL = qn("w:val")
# Paragraphs and runs read from one document: a few seconds' work. A brief
# holds at most 50,000 paragraphs, so a document with more cannot fit anyway.
MAX_WORD_WORK = 250_000
_MAX_SPAN = 64


@dataclass(slots=True)
class WordContent:
    blocks: list[SrcBlock]
    # The title in the document's properties ("" when none).
    title: str = ""
    notes: list[str] = field(default_factory=list)


def word_content(data: bytes, *, name: str = "") -> WordContent:
    check_package(data, name=name)
    try:
        document = docx.Document(io.BytesIO(data))
        reader = _Reader(document)
        reader.container(document.element.body)
        title = " ".join((document.core_properties.title or "").split())
    except (
        PackageNotFoundError,
        PythonDocxError,  # InvalidXmlError: an attribute Word would never write
        XmlchemyError,
        KeyError,
        ValueError,
        TypeError,
        AttributeError,
        IndexError,
        etree.LxmlError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
    ):
        # python-docx reports a damaged package in many ways; to the author
        # they all mean the same.
        raise BriefImportError(
            "the Word document is damaged or is not a Word document, and cannot be read. "
            "Open it in Word, save it again as a .docx file, and import that.",
            file=name,
        ) from None
    return WordContent(reader.out, title, reader.notes())


class _Reader:
    def __init__(self, document: WordDocument) -> None:
        self.document = document
        self.part = document.part
        self.out: list[SrcBlock] = []
        self.current_list: SrcList | None = None
        self.pictures = 0
        self.footnotes = 0
        self._numbering: WordNumbering | None = None
        self.work = 0  # paragraphs and runs read, against MAX_WORD_WORK
        self.styles = WordStyles(document)

    def notes(self) -> list[str]:
        notes = []
        if self.pictures:
            notes.append(
                f"{_count(self.pictures, 'picture or text box', 'pictures or text boxes')} "
                "left out: a brief holds text and tables only."
            )
        if self.footnotes:
            footnotes = _count(self.footnotes, "footnote", "footnotes")
            notes.append(f"{footnotes} left out: add the sources to the Sources section.")
        return notes

    # -- blocks
    def container(self, element: etree._Element) -> None:
        # Content controls can nest as deep as the XML does: a stack, not recursion.
        stack = [element.iterchildren()]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
            elif child.tag == _P:
                self.paragraph(child)
            elif child.tag == _TBL:
                self.current_list = None
                self.table(child)
            elif child.tag in (_SDT, _CUSTOM_XML):
                content = child.find(_SDT_CONTENT)
                stack.append((content if content is not None else child).iterchildren())

    def paragraph(self, p: etree._Element) -> None:
        runs = strip_runs(self.runs(p))
        if not runs:
            return
        level, style_name = self.paragraph_style(p)
        if level is not None:
            self.current_list = None
            self.out.append(SrcHeading(level, " ".join("".join(r.text for r in runs).split())))
            return
        list_style = self.list_style(p, style_name)
        if list_style is None:
            self.current_list = None
            self.out.append(SrcParagraph(runs))
            return
        if self.current_list is None or self.current_list.style is not list_style:
            self.current_list = SrcList(list_style)
            self.out.append(self.current_list)
        self.current_list.items.append(runs)

    def table(self, tbl: etree._Element) -> None:
        rows: list[list[list[Run]]] = []
        for tr in tbl.iterchildren(qn("w:tr")):
            row: list[list[Run]] = []
            for tc in tr.iterchildren(qn("w:tc")):
                paragraphs = [strip_runs(self.runs(p)) for p in tc.iter(_P)]
                row.append(join_runs(paragraphs))
                # A cell spanning several columns keeps the columns lined up.
                row.extend([] for _ in range(_grid_span(tc) - 1))
            rows.append(row)
        if any(rows):
            self.out.append(SrcTable(rows))

    # -- inline
    def runs(self, p: etree._Element) -> list[Run]:
        """The runs of paragraph ``p``, inside links and wrappers as deep as
        they nest (a stack, not recursion)."""
        self.spend()
        out: list[Run] = []
        stack = [(p.iterchildren(), "")]
        while stack:
            children, link = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                continue
            tag = child.tag
            if tag == _R:
                run = self.run(child, link)
                if run is not None:
                    out.append(run)
            elif tag == _HYPERLINK:
                stack.append((child.iterchildren(), self._address(child) or link))
            elif tag in _RUN_WRAPPERS:
                content = child.find(_SDT_CONTENT)
                stack.append(((content if content is not None else child).iterchildren(), link))
        return out

    def run(self, r: etree._Element, link: str) -> Run | None:
        self.spend()
        # python-docx's run.text without its XPath: each text-like child
        # element gives its own text ("\t" for a tab, "\n" for a line break).
        texts: list[str] = []
        props = None
        for child in r.iterchildren():
            tag = child.tag
            if tag in _TEXT_TAGS:
                texts.append(str(child))
            elif tag == _RPR:
                props = child
            elif tag in _PICTURES:
                self.pictures += 1
            elif tag == _FOOTNOTE_REFERENCE:
                self.footnotes += 1
        text = "".join(texts)
        if not text:
            return None
        if props is None:  # no formatting of its own: the default character style
            bold, italic = self.styles.character(None)
        else:
            style = props.find(_RSTYLE)
            style_bold, style_italic = self.styles.character(
                None if style is None else style.get(_VAL)
            )
            font = Font(r)
            bold = style_bold if font.bold is None else font.bold
            italic = style_italic if font.italic is None else font.italic
        return Run(text, bold=bool(bold), italic=bool(italic), link=link)

    def spend(self) -> None:
        self.work += 1
        if self.work > MAX_WORD_WORK:
            raise TooMuch(
                f"the Word document is too long to import in one go (more than "
                f"{MAX_WORD_WORK:,} paragraphs and runs of text). Split it into smaller "
                "documents and import each."
            )

    def _address(self, hyperlink: etree._Element) -> str:
        rid = hyperlink.get(qn("r:id"))
        rel = self.part.rels.get(rid) if rid else None
        # A link to a bookmark inside the document has no address to keep.
        return rel.target_ref if rel is not None and rel.is_external else ""

    # -- styles
    def paragraph_style(self, p: etree._Element) -> tuple[int | None, str]:
        """(heading level or None, style name in lower case) of a paragraph."""
        # p.style, without python-docx's element classes (a hot path).
        style = p.find(_PSTYLE_PATH)
        return self.styles.paragraph(None if style is None else style.get(_VAL))

    # -- lists
    def list_style(self, p: etree._Element, name: str) -> ListStyle | None:
        if name.startswith("list bullet"):
            return ListStyle.BULLET
        if name.startswith("list number"):
            return ListStyle.NUMBERED
        num_pr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is None:
            return None
        num_id = _int_val(num_pr.find(qn("w:numId")))
        if not num_id:  # numId 0 switches numbering off
            return None
        return self.numbering_format(num_id, _int_val(num_pr.find(qn("w:ilvl"))))

    def numbering_format(self, num_id: int, level: int) -> ListStyle:
        if self._numbering is None:
            self._numbering = WordNumbering(self.part.numbering_part.element)
        return self._numbering.style(num_id, level)


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


def _int_val(element: etree._Element | None) -> int:
    return 0 if element is None else _int(element.get(qn("w:val")))


def _grid_span(tc: etree._Element) -> int:
    span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    return max(1, min(_int_val(span), _MAX_SPAN))


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
