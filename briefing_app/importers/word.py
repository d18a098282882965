"""Read a Word (.docx) document through python-docx.

Paragraphs in Heading styles (or styles based on them, or with an outline
level) are headings and the Title style is the title; "List Bullet" / "List
Number" paragraphs and numbered paragraphs (directly or through their style)
are lists; tables are tables; bold, italic and web links carry over.

Files from other people's templates also hold:

- content controls (the fields of a form): their text is read where they
  stand, in the body, in paragraphs and in tables; a control still showing
  its prompt ("Click or tap here to enter text.") is left out;
- fields: a HYPERLINK field (simple or in field codes) is a link, any other
  field gives the text it shows (its result), never its code;
- text boxes and shapes with text: boxed text, which becomes a callout box;
- tracked changes: the text as it now reads (insertions in, deletions out),
  with a note of how many;
- footnotes and endnotes: each becomes a Sources entry, cited where its
  reference stands;
- comments, headers and footers: listed in the notes, not imported;
- pictures (with their alternative text): passed on as pictures.

Everything is read with stacks, never by recursion on the file's nesting,
and every paragraph and run read counts against ``MAX_WORD_WORK``.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

import docx
from docx.document import Document as WordDocument
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.exceptions import XmlchemyError
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.text.font import Font
from lxml import etree

from briefing_app.errors import BriefImportError
from briefing_app.importers.build import source_entry
from briefing_app.importers.items import (
    SrcBlock,
    SrcBox,
    SrcHeading,
    SrcList,
    SrcParagraph,
    SrcPicture,
    SrcTable,
)
from briefing_app.importers.limits import TooMuch
from briefing_app.importers.runs import join_runs, plain, strip_runs
from briefing_app.importers.word_package import check_package
from briefing_app.importers.word_styles import WordNumbering, WordStyles
from briefing_app.model.brief import SourceEntry
from briefing_app.model.text import ListStyle, Run
from briefing_app.progress import Progress

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_VML = "urn:schemas-microsoft-com:vml"

# Elements that only wrap runs: read what is inside them (tracked
# insertions and moves included: the text as it now reads).
_RUN_WRAPPERS = frozenset(
    qn(tag) for tag in ("w:smartTag", "w:customXml", "w:dir", "w:bdo", "w:sdt", "w:ins", "w:moveTo")
)
_INSERTED = frozenset(qn(tag) for tag in ("w:ins", "w:moveTo"))
_DELETED = frozenset(qn(tag) for tag in ("w:del", "w:moveFrom"))
# A run's children that python-docx reads as text (run.text).
_TEXT_TAGS = frozenset(
    qn(tag) for tag in ("w:br", "w:cr", "w:noBreakHyphen", "w:ptab", "w:t", "w:tab")
)
_GRAPHICS = frozenset([qn("w:drawing"), qn("w:pict"), qn("w:object"), f"{{{_MC}}}AlternateContent"])
_P, _R, _RPR, _TBL = qn("w:p"), qn("w:r"), qn("w:rPr"), qn("w:tbl")
_TR, _TC = qn("w:tr"), qn("w:tc")
_RSTYLE, _PSTYLE_PATH = qn("w:rStyle"), f"{qn('w:pPr')}/{qn('w:pStyle')}"
_HYPERLINK, _FLD_SIMPLE = qn("w:hyperlink"), qn("w:fldSimple")
_FLD_CHAR, _INSTR_TEXT = qn("w:fldChar"), qn("w:instrText")
_FOOTNOTE_REF, _ENDNOTE_REF = qn("w:footnoteReference"), qn("w:endnoteReference")
_SDT, _SDT_CONTENT, _SDT_PR = qn("w:sdt"), qn("w:sdtContent"), qn("w:sdtPr")
_SHOWING_PROMPT = qn("w:showingPlcHdr")
_CUSTOM_XML = qn("w:customXml")
_TXBX_CONTENT = qn("w:txbxContent")
_ALT_CONTENT, _CHOICE, _FALLBACK = (
    f"{{{_MC}}}{t}" for t in ("AlternateContent", "Choice", "Fallback")
)
_PIC_PIC, _PIC_CNVPR = f"{{{_PIC}}}pic", f"{{{_PIC}}}cNvPr"
_DOC_PR, _GRAPHIC_DATA = f"{{{_WP}}}docPr", f"{{{_A}}}graphicData"
_V_IMAGEDATA = f"{{{_VML}}}imagedata"
_BLIP_PATH = f"{{{_PIC}}}blipFill/{{{_A}}}blip"
_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_VAL, _ID, _TYPE = qn("w:val"), qn("w:id"), qn("w:type")
_BLOCK_WRAPPERS = frozenset([_SDT, _CUSTOM_XML])
# Paragraphs and runs read from one document: a few seconds' work. A brief
# holds at most 50,000 paragraphs, so a document with more cannot fit anyway.
MAX_WORD_WORK = 250_000
_MAX_SPAN = 64
# Comments and header lines named in the notes, at most.
_NAMED = 5
# How often (in paragraphs and runs) the reader looks for a cancel.
_CHECK_EVERY = 2000

_NOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_FOOTNOTES, _ENDNOTES = _NOTES + "footnotes", _NOTES + "endnotes"
_COMMENTS = _NOTES + "comments"
_HEADER, _FOOTER = _NOTES + "header", _NOTES + "footer"


@dataclass(slots=True)
class WordContent:
    blocks: list[SrcBlock]
    # The title in the document's properties ("" when none).
    title: str = ""
    notes: list[str] = field(default_factory=list)
    # Sources made of footnotes and endnotes, cited from the blocks' runs.
    sources: list[SourceEntry] = field(default_factory=list)


def word_content(data: bytes, *, name: str = "", progress: Progress | None = None) -> WordContent:
    check_package(data, name=name)
    try:
        document = docx.Document(io.BytesIO(data))
        reader = _Reader(document, progress)
        reader.read_notes()
        reader.container(document.element.body)
        reader.end()
        title = " ".join((document.core_properties.title or "").split())
        notes = reader.notes()
    except DAMAGED:
        raise damaged(name, "import that") from None
    return WordContent(reader.out, title, notes, reader.sources)


#: python-docx reports a damaged package in many ways; to the author they
#: all mean the same (``damaged``).
DAMAGED: tuple[type[BaseException], ...] = (
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
)


def damaged(name: str, then: str) -> BriefImportError:
    """What the author hears of a Word file that cannot be read; ``then``
    says what to do with it once saved again ("import that")."""
    return BriefImportError(
        "the Word document is damaged or is not a Word document, and cannot be read. "
        f"Open it in Word, save it again as a .docx file, and {then}.",
        file=name,
    )


@dataclass(slots=True)
class _Field:
    """A field in field codes (fldChar begin ... separate ... end)."""

    code: list[str] = field(default_factory=list)
    showing: bool = False  # past "separate": its result, the text it shows
    link: str = ""


class _Reader:
    def __init__(self, document: WordDocument, progress: Progress | None) -> None:
        self.document = document
        self.part = document.part
        self.progress = progress
        self.out: list[SrcBlock] = []
        self.current_list: SrcList | None = None
        # The text box being read (boxes inside it join it) and what its
        # paragraphs found: boxes and pictures, read after the paragraph.
        self.box: SrcBox | None = None
        self.found_boxes: list[etree._Element] = []
        self.found_pictures: list[SrcPicture] = []
        self.fields: list[_Field] = []
        self.insertions = 0
        self.deletions = 0
        self.prompts = 0  # content controls showing only their prompt, in paragraphs
        self.skipped_prompts = [0]  # ... and around paragraphs
        self.objects = 0  # embedded documents (altChunk)
        self._numbering: WordNumbering | None = None
        self.work = 0  # paragraphs and runs read, against MAX_WORD_WORK
        self.styles = WordStyles(document)
        # Footnote and endnote ids -> Sources entry id; the entries, in order.
        self.note_ids: dict[tuple[str, str], SourceEntry] = {}
        self.sources: list[SourceEntry] = []
        self.cited: dict[str, int] = {}  # entry id -> its number, in order of citing
        self.comments: list[str] = []
        self.page_text: list[str] = []  # text in headers and footers
        self.page_controls = 0

    # -- notes for the author
    def notes(self) -> list[str]:
        notes = []
        if self.insertions or self.deletions:
            notes.append(
                "The tracked changes were taken as the document now reads: "
                f"{_count(self.insertions, 'insertion', 'insertions')} kept and "
                f"{_count(self.deletions, 'deletion', 'deletions')} left out. If some are not "
                "agreed, accept or reject them in Word and import the file again."
            )
        if self.sources:
            notes.append(
                f"{_count(len(self.sources), 'footnote or endnote', 'footnotes and endnotes')} "
                "became Sources entries, cited where they stood: check them in the Sources "
                "section."
            )
        if self.comments:
            shown = "; ".join(self.comments[:_NAMED])
            more = (
                f"; and {len(self.comments) - _NAMED} more" if len(self.comments) > _NAMED else ""
            )
            notes.append(
                f"{_count(len(self.comments), 'comment was', 'comments were')} left out: "
                f"{shown}{more}."
            )
        if self.page_text:
            shown = "; ".join(f"'{_shorten(t)}'" for t in self.page_text[:_NAMED])
            controls = (
                f", with {_count(self.page_controls, 'content control', 'content controls')}"
                if self.page_controls
                else ""
            )
            notes.append(f"The page headers and footers were left out{controls} ({shown}).")
        prompts = self.prompts + self.skipped_prompts[0]
        if prompts:
            notes.append(
                f"{_count(prompts, 'form field', 'form fields')} still showing only "
                "the template's prompt (such as 'Click or tap here to enter text') "
                f"{'was' if prompts == 1 else 'were'} left out."
            )
        if self.objects:
            notes.append(
                f"{_count(self.objects, 'embedded document was', 'embedded documents were')} "
                "left out: open the file in Word and copy its text in."
            )
        return notes

    # -- footnotes, endnotes, comments, headers and footers
    def read_notes(self) -> None:
        for rel in self.part.rels.values():
            if rel.is_external:
                continue
            kind = rel.reltype
            if kind in (_FOOTNOTES, _ENDNOTES):
                self.read_note_part(rel.target_part, "endnote" if kind == _ENDNOTES else "footnote")
            elif kind == _COMMENTS:
                self.read_comments(_element(rel.target_part))
            elif kind in (_HEADER, _FOOTER):
                self.read_page_part(_element(rel.target_part))

    def read_note_part(self, part: object, kind: str) -> None:
        root = _element(part)
        for note in root.iterchildren(qn(f"w:{kind}")):
            if note.get(_TYPE) not in (None, "normal"):
                continue  # Word's separator lines
            runs = self.note_runs(note)
            text = " ".join(plain(runs).split())
            if not text:
                continue
            entry = source_entry(runs) or SourceEntry(text)
            self.note_ids[(kind, note.get(_ID) or "")] = entry

    def note_runs(self, note: etree._Element) -> list[Run]:
        parts = []
        for p in note.iter(_P):
            parts.append(strip_runs(self.runs(p)))
        self.found_boxes.clear()
        self.found_pictures.clear()
        return join_runs(parts, " ")

    def read_comments(self, root: etree._Element) -> None:
        for comment in root.iterchildren(qn("w:comment")):
            self.spend()
            text = " ".join("".join(t.text or "" for t in comment.iter(qn("w:t"))).split())
            if text:
                author = comment.get(qn("w:author")) or ""
                self.comments.append(f"'{_shorten(text)}'" + (f" ({author})" if author else ""))

    def read_page_part(self, root: etree._Element) -> None:
        self.page_controls += sum(1 for _ in root.iter(_SDT))
        # Every paragraph, those of text boxes (a "DRAFT" shape) included.
        for p in root.iter(_P):
            text = " ".join(plain(self.runs(p)).split())
            if text and text not in self.page_text:
                self.page_text.append(text)
        self.found_boxes.clear()
        self.found_pictures.clear()

    # -- blocks
    def container(self, element: etree._Element) -> None:
        """Paragraphs and tables below ``element``, through content controls
        and into the text boxes their runs hold (a stack, not recursion)."""
        stack: list[tuple[object, SrcBox | None]] = [
            (_block_children(element, self.skipped_prompts), None)
        ]
        while stack:
            children, opened = stack[-1]
            child = next(children, None)  # type: ignore[call-overload]
            if child is None:
                stack.pop()
                if opened is not None:
                    self.close_box(opened)
                continue
            tag = child.tag
            if tag == _P:
                self.paragraph(child)
            elif tag == _TBL:
                self.current_list = None
                self.table(child)
            elif tag == qn("w:altChunk"):
                self.objects += 1
                continue
            else:
                continue
            for picture in self.found_pictures:
                self.emit(picture)
            self.found_pictures.clear()
            for content in reversed(self.found_boxes):
                stack.append((_block_children(content, self.skipped_prompts), self.open_box()))
            self.found_boxes.clear()

    def open_box(self) -> SrcBox | None:
        if self.box is not None:
            return None  # a box inside a box: its text joins the outer one
        self.box = SrcBox()
        self.current_list = None
        return self.box

    def close_box(self, box: SrcBox) -> None:
        self.box = None
        self.current_list = None
        if box.blocks:
            self.out.append(box)

    def emit(self, block: SrcBlock) -> None:
        box = self.box
        if box is None or isinstance(block, SrcPicture):
            self.out.append(block)
        elif isinstance(block, SrcParagraph | SrcList):
            box.blocks.append(block)
        elif isinstance(block, SrcHeading):
            box.blocks.append(SrcParagraph([Run(block.text, bold=True)]))
        elif isinstance(block, SrcTable):
            for row in block.rows:
                runs = join_runs(row, " | ")
                if runs:
                    box.blocks.append(SrcParagraph(runs))

    def paragraph(self, p: etree._Element) -> None:
        runs = strip_runs(self.runs(p))
        if not runs:
            return
        level, style_name = self.paragraph_style(p)
        if level is not None:
            self.current_list = None
            text = " ".join("".join(r.text for r in runs if not r.is_token).split())
            if text:
                self.emit(SrcHeading(level, text))
            return
        list_style = self.list_style(p, style_name)
        if list_style is None:
            self.current_list = None
            self.emit(SrcParagraph(runs))
            return
        if self.current_list is None or self.current_list.style is not list_style:
            self.current_list = SrcList(list_style)
            self.emit(self.current_list)
        self.current_list.items.append(runs)

    def table(self, tbl: etree._Element) -> None:
        rows: list[list[list[Run]]] = []
        for tr in _children(tbl, _TR):
            if _row_deleted(tr):
                self.deletions += 1
                continue
            row: list[list[Run]] = [[] for _ in range(_grid_before(tr))]
            for tc in _children(tr, _TC):
                paragraphs = [strip_runs(self.runs(p)) for p in _cell_paragraphs(tc)]
                row.append(join_runs(paragraphs))
                # A cell spanning several columns keeps the columns lined up.
                row.extend([] for _ in range(_grid_span(tc) - 1))
            rows.append(row)
        if any(any(cell for cell in row) for row in rows):
            self.emit(SrcTable(rows))

    def end(self) -> None:
        """Sources cited nowhere in the body (a reference in a heading or a
        text box title) are still kept, after the others."""
        self.sources.extend(e for e in self.note_ids.values() if e.id not in self.cited)

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
                self.run(child, link, out)
            elif tag == _HYPERLINK:
                stack.append((child.iterchildren(), self._address(child) or link))
            elif tag == _FLD_SIMPLE:
                address = _field_link(child.get(qn("w:instr")) or "")
                stack.append((child.iterchildren(), address or link))
            elif tag in _DELETED:
                self.deletions += 1
            elif tag in _RUN_WRAPPERS:
                if tag in _INSERTED:
                    self.insertions += 1
                stack.append((self._wrapped(child).iterchildren(), link))
        # A field's code ends within its paragraph: one left open (a damaged
        # file) does not hide the paragraphs after it.
        for current in self.fields:
            current.showing = True
        return out

    def _wrapped(self, element: etree._Element) -> etree._Element:
        """What a wrapper holds: a content control's content, unless it shows
        only its prompt (then nothing)."""
        if element.tag != _SDT:
            return element
        if _showing_prompt(element):
            self.prompts += 1
            return etree.Element("empty")
        content = element.find(_SDT_CONTENT)
        return content if content is not None else element

    def run(self, r: etree._Element, link: str, out: list[Run]) -> None:
        self.spend()
        # python-docx's run.text without its XPath: each text-like child
        # element gives its own text ("\t" for a tab, "\n" for a line break).
        texts: list[str] = []
        props = r.find(_RPR)
        marks: tuple[bool, bool] | None = None
        for child in r.iterchildren():
            tag = child.tag
            if tag in _TEXT_TAGS:
                if not self.fields or all(f.showing for f in self.fields):
                    texts.append(str(child))
            elif tag == _FLD_CHAR:
                self.field_char(child)
                if texts:
                    marks = marks or self.marks(r, props)
                    out.append(Run("".join(texts), *marks, link=self.field_link() or link))
                    texts = []
            elif tag == _INSTR_TEXT:
                if self.fields and not self.fields[-1].showing:
                    self.fields[-1].code.append(child.text or "")
            elif tag in (_FOOTNOTE_REF, _ENDNOTE_REF):
                kind = "footnote" if tag == _FOOTNOTE_REF else "endnote"
                entry = self.note_ids.get((kind, child.get(_ID) or ""))
                if entry is not None:
                    if texts:
                        marks = marks or self.marks(r, props)
                        out.append(Run("".join(texts), *marks, link=self.field_link() or link))
                        texts = []
                    out.append(self.citation(entry))
            elif tag in _GRAPHICS:
                self.graphics(child)
        if texts:
            marks = marks or self.marks(r, props)
            out.append(Run("".join(texts), *marks, link=self.field_link() or link))

    def citation(self, entry: SourceEntry) -> Run:
        number = self.cited.get(entry.id)
        if number is None:
            self.sources.append(entry)
            number = self.cited[entry.id] = len(self.sources)
        return Run(str(number), cite=(entry.id,))

    def marks(self, r: etree._Element, props: etree._Element | None) -> tuple[bool, bool]:
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
        return bool(bold), bool(italic)

    # -- fields in field codes
    def field_char(self, element: etree._Element) -> None:
        kind = element.get(qn("w:fldCharType"))
        if kind == "begin":
            if len(self.fields) < 64:
                self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            current = self.fields[-1]
            current.showing = True
            current.link = _field_link("".join(current.code))
        elif kind == "end" and self.fields:
            self.fields.pop()

    def field_link(self) -> str:
        for current in reversed(self.fields):
            if current.link:
                return current.link
        return ""

    # -- text boxes, shapes and pictures
    def graphics(self, element: etree._Element) -> None:
        """The text boxes and pictures in a drawing, a VML shape or an
        embedded object; only one branch of a choice (Word writes a drawing
        and, for older readers, the same box again in VML)."""
        alt = ""
        stack = [iter((element,))]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                continue
            tag = child.tag
            if tag == _TXBX_CONTENT:
                self.found_boxes.append(child)
            elif tag == _ALT_CONTENT:
                branch = child.find(_CHOICE)
                if branch is None:
                    branch = child.find(_FALLBACK)
                if branch is not None:
                    stack.append(branch.iterchildren())
            elif tag == _DOC_PR:
                alt = child.get("descr") or child.get("title") or ""
            elif tag == _PIC_PIC:
                names = child.find(f"{{{_PIC}}}nvPicPr/{_PIC_CNVPR}")
                own = names.get("descr") or names.get("title") or "" if names is not None else ""
                blip = child.find(_BLIP_PATH)
                rid = blip.get(_EMBED) if blip is not None else None
                self.found_pictures.append(SrcPicture(own or alt, "", *self.picture_part(rid)))
            elif tag == _V_IMAGEDATA:
                shape = child.getparent()
                text = (shape.get("alt") if shape is not None else "") or ""
                title = text or child.get(qn("o:title")) or ""
                rid = child.get(qn("r:id"))
                self.found_pictures.append(SrcPicture(title, "", *self.picture_part(rid)))
            elif tag == _GRAPHIC_DATA and re.search(r"chart|diagram", child.get("uri") or ""):
                self.found_pictures.append(SrcPicture(alt or "a chart or diagram"))
            elif isinstance(tag, str):
                stack.append(child.iterchildren())

    def picture_part(self, rid: str | None) -> tuple[bytes, str]:
        """The bytes and file name of the picture a relationship names
        (nothing for a linked picture, which the file does not hold)."""
        rel = self.part.rels.get(rid) if rid else None
        if rel is None or rel.is_external:
            return b"", ""
        try:
            part = rel.target_part
            return part.blob, str(part.partname).rsplit("/", 1)[-1]
        except (KeyError, AttributeError, ValueError):
            return b"", ""

    def spend(self) -> None:
        self.work += 1
        if self.work > MAX_WORD_WORK:
            raise TooMuch(
                f"the Word document is too long to import in one go (more than "
                f"{MAX_WORD_WORK:,} paragraphs and runs of text). Split it into smaller "
                "documents and import each."
            )
        if self.progress is not None and self.work % _CHECK_EVERY == 0:
            self.progress.check()

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
        level, name = self.styles.paragraph(None if style is None else style.get(_VAL))
        if level is None:
            outline = p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
            value = _int_val(outline) if outline is not None else 9
            if 0 <= value < 9:
                level = value + 1
        return level, name

    # -- lists
    def list_style(self, p: etree._Element, name: str) -> ListStyle | None:
        if name.startswith("list bullet"):
            return ListStyle.BULLET
        if name.startswith("list number"):
            return ListStyle.NUMBERED
        num_pr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is not None:
            num_id = _int_val(num_pr.find(qn("w:numId")))
            level = _int_val(num_pr.find(qn("w:ilvl")))
        else:
            style = p.find(_PSTYLE_PATH)
            numbered = self.styles.numbering(None if style is None else style.get(_VAL))
            if numbered is None:
                return None
            num_id, level = numbered
        if not num_id:  # numId 0 switches numbering off
            return None
        return self.numbering_format(num_id, level)

    def numbering_format(self, num_id: int, level: int) -> ListStyle:
        if self._numbering is None:
            try:
                numbering = self.part.numbering_part.element
            except (KeyError, NotImplementedError):
                return ListStyle.BULLET
            self._numbering = WordNumbering(numbering)
        return self._numbering.style(num_id, level)


def _element(part: object) -> etree._Element:
    """The XML of a part: python-docx's for parts it knows, else parsed
    from its bytes (checked by word_package: no DOCTYPE) with python-docx's
    parser, which resolves no entities."""
    element = getattr(part, "element", None)
    if element is not None:
        return element
    return parse_xml(part.blob)  # type: ignore[attr-defined]


def _block_children(element: etree._Element, prompts: list[int] | None = None):
    """The block children of ``element``, through content controls (not one
    showing only its prompt: those are counted in ``prompts[0]``) and custom
    XML."""
    stack = [element.iterchildren()]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag in _BLOCK_WRAPPERS:
            if child.tag == _SDT and _showing_prompt(child):
                if prompts is not None:
                    prompts[0] += 1
                continue
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                stack.append(content.iterchildren())
        else:
            yield child


def _children(element: etree._Element, tag: str):
    """Children of ``element`` with ``tag``, also inside content controls."""
    for child in _block_children(element):
        if child.tag == tag:
            yield child


def _cell_paragraphs(tc: etree._Element):
    """The paragraphs of a cell in order, nested tables' included, but not
    those of text boxes (read as boxes)."""
    stack = [_block_children(tc)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == _P:
            yield child
        elif child.tag in (_TBL, _TR, _TC):
            stack.append(_block_children(child))


def _showing_prompt(sdt: etree._Element) -> bool:
    props = sdt.find(_SDT_PR)
    return props is not None and props.find(_SHOWING_PROMPT) is not None


def _row_deleted(tr: etree._Element) -> bool:
    return tr.find(f"{qn('w:trPr')}/{qn('w:del')}") is not None


def _grid_before(tr: etree._Element) -> int:
    before = tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
    return max(0, min(_int_val(before), _MAX_SPAN))


_FIELD_WORDS = re.compile(r'"([^"]*)"|(\S+)')


def _field_link(code: str) -> str:
    """The web address of a HYPERLINK field ("" for any other field, or a
    link to a place in the document)."""
    words = [quoted or bare for quoted, bare in _FIELD_WORDS.findall(code)]
    if not words or words[0].upper() != "HYPERLINK":
        return ""
    rest = iter(words[1:])
    for word in rest:
        if word.startswith("\\"):
            if word.lower() in ("\\l", "\\o", "\\t", "\\m"):
                next(rest, None)  # the switch's argument: a bookmark, a tip, a frame
            if word.lower() == "\\l":
                return ""
            continue
        return word
    return ""


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


def _int_val(element: etree._Element | None) -> int:
    return 0 if element is None else _int(element.get(_VAL))


def _grid_span(tc: etree._Element) -> int:
    span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    return max(1, min(_int_val(span), _MAX_SPAN))


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
