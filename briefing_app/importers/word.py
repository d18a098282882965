"""Read a Word (.docx) document through python-docx.

Paragraphs in Heading styles (or styles based on them) are headings and the
Title style is the title; "List Bullet" / "List Number" paragraphs and
numbered paragraphs are lists; tables are tables; bold, italic and web links
carry over. Pictures, text boxes and footnotes have no place in a brief and
are counted in the notes instead.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun
from lxml import etree

from briefing_app.errors import BriefImportError
from briefing_app.importers.items import SrcBlock, SrcHeading, SrcList, SrcParagraph, SrcTable
from briefing_app.importers.runs import join_runs, strip_runs
from briefing_app.importers.word_package import check_package
from briefing_app.model.text import ListStyle, Run

_HEADING = re.compile(r"heading\s*([1-9])")
# Elements that only wrap runs: read what is inside them.
_RUN_WRAPPERS = frozenset(
    qn(tag)
    for tag in ("w:ins", "w:smartTag", "w:fldSimple", "w:customXml", "w:dir", "w:bdo", "w:sdt")
)
_MAX_SPAN = 64
_STYLE_DEPTH = 10


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
        self._formats: dict[tuple[int, int], ListStyle] = {}
        # python-docx looks a style up by walking every style, each time:
        # what a style means is worked out once per style.
        self._paragraph_styles: dict[str | None, tuple[int | None, str]] = {}
        self._run_styles: dict[str | None, tuple[bool | None, bool | None]] = {}

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
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                self.paragraph(child)
            elif child.tag == qn("w:tbl"):
                self.current_list = None
                self.table(child)
            elif child.tag in (qn("w:sdt"), qn("w:customXml")):
                content = child.find(qn("w:sdtContent"))
                self.container(content if content is not None else child)

    def paragraph(self, p: etree._Element) -> None:
        para = DocxParagraph(p, self.part)
        runs = strip_runs(self.runs(p, para))
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
                paragraphs = [
                    strip_runs(self.runs(p, DocxParagraph(p, self.part)))
                    for p in tc.iter(qn("w:p"))
                ]
                row.append(join_runs(paragraphs))
                # A cell spanning several columns keeps the columns lined up.
                row.extend([] for _ in range(_grid_span(tc) - 1))
            rows.append(row)
        if any(rows):
            self.out.append(SrcTable(rows))

    # -- inline
    def runs(self, element: etree._Element, para: DocxParagraph, link: str = "") -> list[Run]:
        out: list[Run] = []
        for child in element.iterchildren():
            tag = child.tag
            if tag == qn("w:r"):
                self._count_extras(child)
                run = DocxRun(child, para)
                text = run.text
                if text:
                    style_bold, style_italic = self.run_style(child)
                    bold = run.font.bold
                    italic = run.font.italic
                    out.append(
                        Run(
                            text,
                            bold=bool(style_bold if bold is None else bold),
                            italic=bool(style_italic if italic is None else italic),
                            link=link,
                        )
                    )
            elif tag == qn("w:hyperlink"):
                out.extend(self.runs(child, para, self._address(child) or link))
            elif tag in _RUN_WRAPPERS:
                content = child.find(qn("w:sdtContent"))
                out.extend(self.runs(content if content is not None else child, para, link))
        return out

    def _count_extras(self, r: etree._Element) -> None:
        for child in r.iterchildren():
            if child.tag in (qn("w:drawing"), qn("w:pict"), qn("w:object")):
                self.pictures += 1
            elif child.tag == qn("w:footnoteReference"):
                self.footnotes += 1

    def _address(self, hyperlink: etree._Element) -> str:
        rid = hyperlink.get(qn("r:id"))
        rel = self.part.rels.get(rid) if rid else None
        # A link to a bookmark inside the document has no address to keep.
        return rel.target_ref if rel is not None and rel.is_external else ""

    # -- styles
    def paragraph_style(self, p: etree._Element) -> tuple[int | None, str]:
        """(heading level or None, style name in lower case) of a paragraph."""
        style_id = p.style  # type: ignore[attr-defined]
        if style_id not in self._paragraph_styles:
            style = self.part.get_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
            name = (style.name or "").lower() if style is not None else ""
            self._paragraph_styles[style_id] = (_heading_level(style), name)
        return self._paragraph_styles[style_id]

    def run_style(self, r: etree._Element) -> tuple[bool | None, bool | None]:
        """(bold, italic) as a run's character style sets them, None if not."""
        style_id = r.style  # type: ignore[attr-defined]
        if style_id not in self._run_styles:
            style = self.part.get_style(style_id, WD_STYLE_TYPE.CHARACTER)
            self._run_styles[style_id] = (_style_mark(style, "bold"), _style_mark(style, "italic"))
        return self._run_styles[style_id]

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
        key = (num_id, level)
        if key not in self._formats:
            numbering = self.part.numbering_part.element
            abstract = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
            fmt: list[str] = []
            if abstract:
                fmt = numbering.xpath(
                    f'./w:abstractNum[@w:abstractNumId="{_int(abstract[0])}"]'
                    f'/w:lvl[@w:ilvl="{level}"]/w:numFmt/@w:val'
                )
            numbered = bool(fmt) and fmt[0] not in ("bullet", "none")
            self._formats[key] = ListStyle.NUMBERED if numbered else ListStyle.BULLET
        return self._formats[key]


def _heading_level(style: BaseStyle | None) -> int | None:
    """1-9 for Heading styles and styles based on them, 0 for Title."""
    for _ in range(_STYLE_DEPTH):
        if style is None:
            return None
        name = (style.name or "").lower()
        if name == "title":
            return 0
        match = _HEADING.fullmatch(name)
        if match:
            return int(match.group(1))
        style = style.base_style
    return None


def _style_mark(style: BaseStyle | None, attr: str) -> bool | None:
    """Bold or italic as a style (or a style it is based on) sets it."""
    for _ in range(_STYLE_DEPTH):
        if style is None:
            return None
        value = getattr(style.font, attr)
        if value is not None:
            return bool(value)
        style = style.base_style
    return None


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
