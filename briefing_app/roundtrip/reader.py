"""Read a colleague's edited Word file back, piece by piece.

The file enters through the importer's door (``check_package``: size
limits, no DOCTYPE, a real zip) and is read with the importer's own reader
of runs (bold, italic, links, fields, footnote references), so an update
sees the same text an import would. What an update needs on top:

- each paragraph, list item and table row as one :class:`EditedUnit`, with
  the hidden mark the export gave it (document/origins.py), if it is still
  there;
- each piece both as it now reads (tracked changes accepted) and as it
  read before them (rejected), with who changed it and when;
- the comments, with the piece they start in and the words they cover;
- the brief's identity and fingerprint from the document's properties.
"""

from __future__ import annotations

import copy
import dataclasses
import io
from dataclasses import dataclass, field
from enum import StrEnum

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from briefing_app.document.origins import (
    BRIEF_PROPERTY,
    VERSION_PROPERTY,
    Origin,
    parse_origin,
)
from briefing_app.importers.word import (
    DAMAGED,
    _block_children,
    _cell_paragraphs,
    _children,
    _element,
    _Reader,
    damaged,
)
from briefing_app.importers.word_package import check_package
from briefing_app.model.brief import SourceEntry
from briefing_app.model.text import ListStyle, Run, clean_text, normalise_runs

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_BOOKMARK = qn("w:bookmarkStart")
_INS, _DEL = qn("w:ins"), qn("w:del")
_MOVE_TO, _MOVE_FROM = qn("w:moveTo"), qn("w:moveFrom")
_DEL_TEXT, _T = qn("w:delText"), qn("w:t")
_TRACKED = (_INS, _DEL, _MOVE_TO, _MOVE_FROM)
_RPR_CHANGE = qn("w:rPrChange")  # tracked formatting: the old marks inside
_C_START, _C_END, _C_REF = (
    qn("w:commentRangeStart"),
    qn("w:commentRangeEnd"),
    qn("w:commentReference"),
)
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
#: Comments read from one file, at most (each becomes a review note).
MAX_COMMENTS = 2000
_QUOTE = 300  # characters of a comment's quoted words kept


class UnitKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "list item"
    ROW = "table row"


@dataclass(frozen=True, slots=True)
class Revision:
    """A tracked change: who made it and when (as Word recorded them)."""

    author: str
    date: str
    inserted: bool  # else deleted


@dataclass(slots=True)
class EditedUnit:
    kind: UnitKind
    origin: Origin | None
    runs: list[Run]  # as it now reads (tracked changes accepted)
    rejected: list[Run]  # with its tracked changes rejected
    cells: list[list[Run]] = field(default_factory=list)  # a row, as it now reads
    rejected_cells: list[list[Run]] = field(default_factory=list)
    start: Origin | None = None  # a section's start mark on this piece
    level: int = 0  # a heading's
    list_style: ListStyle | None = None
    boxed: bool = False  # in a callout box
    box_title: bool = False
    table: int = 0  # which table of the file (rows)
    header: bool = False  # a table's header row
    revisions: list[Revision] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # ids starting here

    @property
    def tracked(self) -> bool:
        return bool(self.revisions)


@dataclass(frozen=True, slots=True)
class Comment:
    id: str
    text: str
    author: str
    date: str
    quote: str


@dataclass(slots=True)
class EditedDocument:
    units: list[EditedUnit]
    brief_id: str = ""
    brief_version: str = ""
    comments: dict[str, Comment] = field(default_factory=dict)
    # Footnotes read: id given to its reference's citation -> the entry.
    notes: dict[str, SourceEntry] = field(default_factory=dict)

    @property
    def marked(self) -> bool:
        """Whether the file still carries this app's marks."""
        return any(u.origin is not None or u.start is not None for u in self.units)


#: The styles of the paragraphs a figure prints around its picture in Word
#: (docx_figures.py): its caption and its source line, in lower case.
FIGURE_STYLES = frozenset({"caption", "table source"})


def read_edited(data: bytes, *, name: str = "") -> EditedDocument:
    """The edited Word file ``data``, piece by piece.

    Raises BriefImportError (with the importer's messages) for a file that
    is not a Word document, is damaged, or is too large."""
    check_package(data, name=name)
    try:
        document = docx.Document(io.BytesIO(data))
        reader = _UnitReader(document)
        reader.read_notes()
        reader.read_comments_part()
        reader.body(document.element.body)
        brief_id, version = _origin_properties(document)
    except DAMAGED:
        raise damaged(name, "try again") from None
    return EditedDocument(
        reader.units, brief_id, version, reader.comment_list, dict(reader.entries)
    )


class _UnitReader(_Reader):
    """The importer's reader of runs, giving units instead of blocks."""

    def __init__(self, document: docx.document.Document) -> None:
        super().__init__(document, None)
        self.units: list[EditedUnit] = []
        self.entries: dict[str, SourceEntry] = {}
        self.comment_list: dict[str, Comment] = {}
        self.quotes: dict[str, list[str]] = {}
        self.tables = 0

    # -- citations: keep the footnote's entry, matched to the brief later
    def citation(self, entry: SourceEntry) -> Run:
        self.entries[entry.id] = entry
        return Run("", cite=(entry.id,))

    # -- comments
    def read_comments(self, root: etree._Element) -> None:  # the importer's summary: not used
        return

    def read_comments_part(self) -> None:
        for rel in self.part.rels.values():
            if rel.is_external or rel.reltype != RT.COMMENTS:
                continue
            root = _element(rel.target_part)
            for comment in root.iterchildren(qn("w:comment")):
                self.spend()
                if len(self.comment_list) >= MAX_COMMENTS:
                    break
                paragraphs = ["".join(t.text or "" for t in p.iter(_T)) for p in comment.iter(_P)]
                text = "\n".join(" ".join(p.split()) for p in paragraphs).strip()
                if not text:
                    continue
                cid = comment.get(qn("w:id")) or ""
                self.comment_list[cid] = Comment(
                    cid,
                    clean_text(text),
                    clean_text(comment.get(qn("w:author")) or "", multiline=False),
                    clean_text(comment.get(qn("w:date")) or "", multiline=False),
                    "",
                )

    def quote_comments(self, body: etree._Element) -> None:
        """The words each comment covers, in one pass over the body."""
        if not self.comment_list:
            return
        open_ids: set[str] = set()
        sizes: dict[str, int] = {}
        for element in body.iter(_C_START, _C_END, _T):
            tag = element.tag
            cid = element.get(qn("w:id")) or ""
            if tag == _C_START:
                if cid in self.comment_list and cid not in sizes:
                    open_ids.add(cid)
                    sizes[cid] = 0
            elif tag == _C_END:
                open_ids.discard(cid)
            elif open_ids:
                text = element.text or ""
                for cid in list(open_ids):
                    self.quotes.setdefault(cid, []).append(text)
                    sizes[cid] += len(text)
                    if sizes[cid] >= _QUOTE:
                        open_ids.discard(cid)  # enough words: no more work for it
        for cid, words in self.quotes.items():
            comment = self.comment_list.get(cid)
            if comment is not None:
                quote = " ".join("".join(words).split())[:_QUOTE]
                self.comment_list[cid] = Comment(
                    comment.id, comment.text, comment.author, comment.date, quote
                )

    # -- the body
    def body(self, body: etree._Element) -> None:
        self.quote_comments(body)
        loose: list[str] = []  # marks between paragraphs: they belong to the next
        for child in _block_children(body):
            if child.tag == _BOOKMARK:
                loose.append(child.get(qn("w:name")) or "")
            elif child.tag == _P:
                self.paragraph_unit(child, loose)
                loose = []
            elif child.tag == _TBL:
                self.table_units(child)
                loose = []

    def paragraph_unit(self, p: etree._Element, loose: list[str]) -> None:
        runs = _tidy(self.runs(p))
        rejected = _tidy(self.runs(_rejected(p)))
        self.found_boxes.clear()
        self.found_pictures.clear()
        origin, start = _marks(p, loose)
        if not runs and not rejected and origin is None and start is None:
            return
        level, style = self.paragraph_style(p)
        if origin is None and start is None and style in FIGURE_STYLES:
            return  # a figure's caption or source line: figures are not brought back
        unit = EditedUnit(UnitKind.PARAGRAPH, origin, runs, rejected, start=start)
        unit.revisions = _revisions(p)
        unit.comments = _comment_ids(p)
        if level is not None:
            unit.kind, unit.level = UnitKind.HEADING, level
        else:
            unit.list_style = self.list_style(p, style)
            if unit.list_style is not None:
                unit.kind = UnitKind.ITEM
            unit.box_title = style.startswith("callout title")
            unit.boxed = style.startswith("callout") or (
                origin is not None and ("b" in origin.path or origin.path.endswith("t"))
            )
        self.units.append(unit)

    def table_units(self, tbl: etree._Element) -> None:
        self.tables += 1
        for index, tr in enumerate(_children(tbl, _TR)):
            inserted, deleted = _row_tracked(tr)
            cells: list[list[Run]] = []
            rejected: list[list[Run]] = []
            comments: list[str] = []
            for tc in _children(tr, _TC):
                now: list[Run] = []
                before: list[Run] = []
                for p in _cell_paragraphs(tc):
                    for target, runs in (
                        (now, _tidy(self.runs(p))),
                        (before, _tidy(self.runs(_rejected(p)))),
                    ):
                        if target and runs:
                            target.append(Run("\n"))
                        target.extend(runs)
                    comments.extend(_comment_ids(p))
                self.found_boxes.clear()
                self.found_pictures.clear()
                cells.append(now)
                rejected.append(before)
            origin, _start = _marks(tr, [])
            unit = EditedUnit(
                UnitKind.ROW,
                origin,
                [],
                [],
                cells=[] if deleted else cells,
                rejected_cells=[] if inserted else rejected,
                table=self.tables,
                header=index == 0 and origin is not None and origin.path == "hd",
            )
            unit.revisions = _revisions(tr)
            unit.comments = comments
            self.units.append(unit)


def _tidy(runs: list[Run]) -> list[Run]:
    """Runs merged, white space at the ends removed; citations (footnote
    references, which have no text) kept wherever they are."""
    runs = normalise_runs(runs)
    while runs and not runs[0].is_token and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].is_token and not runs[-1].text.strip():
        runs.pop()
    if runs and not runs[0].is_token and runs[0].text[:1].isspace():
        runs[0] = dataclasses.replace(runs[0], text=runs[0].text.lstrip())
    if runs and not runs[-1].is_token and runs[-1].text[-1:].isspace():
        runs[-1] = dataclasses.replace(runs[-1], text=runs[-1].text.rstrip())
    return runs


def _marks(element: etree._Element, loose: list[str]) -> tuple[Origin | None, Origin | None]:
    """The unit mark and the section-start mark on ``element`` (the first of each)."""
    origin = start = None
    names = [*loose, *(b.get(qn("w:name")) or "" for b in element.iter(_BOOKMARK))]
    for name in names:
        parsed = parse_origin(name)
        if parsed is None:
            continue
        if parsed.is_start:
            start = start or parsed
        else:
            origin = origin or parsed
    return origin, start


def _rejected(p: etree._Element) -> etree._Element:
    """A copy of paragraph ``p`` as it read before its tracked changes."""
    if not any(True for _ in p.iter(*_TRACKED, _RPR_CHANGE)):
        return p
    copied = copy.deepcopy(p)
    for change in list(copied.iter(_RPR_CHANGE)):
        props = change.getparent()
        before = change.find(qn("w:rPr"))
        if props is None:
            continue
        for child in list(props):
            props.remove(child)
        for child in list(before) if before is not None else []:
            props.append(child)
    for element in list(copied.iter(_INS, _MOVE_TO)):
        if element.getparent() is not None and element.getparent().tag != qn("w:rPr"):
            element.getparent().remove(element)
    for element in list(copied.iter(_DEL, _MOVE_FROM)):
        parent = element.getparent()
        if parent is None or parent.tag in (qn("w:rPr"), qn("w:pPr")):
            continue
        index = parent.index(element)
        for offset, child in enumerate(list(element)):
            parent.insert(index + offset, child)
        parent.remove(element)
    for text in copied.iter(_DEL_TEXT):
        text.tag = _T
    return copied


def _revisions(element: etree._Element) -> list[Revision]:
    out: list[Revision] = []
    for change in element.iter(*_TRACKED, _RPR_CHANGE):
        parent = change.getparent()
        if change.tag != _RPR_CHANGE and parent is not None and parent.tag == qn("w:rPr"):
            continue  # a paragraph mark's change: the text shows it
        revision = Revision(
            clean_text(change.get(qn("w:author")) or "", multiline=False),
            clean_text(change.get(qn("w:date")) or "", multiline=False),
            change.tag in (_INS, _MOVE_TO, _RPR_CHANGE),
        )
        if revision not in out:
            out.append(revision)
    return out


def _comment_ids(element: etree._Element) -> list[str]:
    ids = []
    for mark in element.iter(_C_START, _C_REF):
        cid = mark.get(qn("w:id")) or ""
        if cid not in ids:
            ids.append(cid)
    return ids


def _row_tracked(tr: etree._Element) -> tuple[bool, bool]:
    props = tr.find(qn("w:trPr"))
    if props is None:
        return False, False
    return props.find(_INS) is not None, props.find(_DEL) is not None


def _origin_properties(document: docx.document.Document) -> tuple[str, str]:
    """The brief's identity and fingerprint from the custom properties."""
    for rel in document.part.package.rels.values():
        if rel.is_external or rel.reltype != RT.CUSTOM_PROPERTIES:
            continue
        root = _element(rel.target_part)
        found: dict[str, str] = {}
        for prop in root.iterchildren(f"{{{_CUSTOM_NS}}}property"):
            value = prop.find(f"{{{_VT_NS}}}lpwstr")
            if value is not None:
                found[prop.get("name") or ""] = (value.text or "").strip()[:100]
        return found.get(BRIEF_PROPERTY, ""), found.get(VERSION_PROPERTY, "")
    return "", ""
