"""The document tree: what every writer reads, and nothing else.

A brief is composed into these typed nodes (see briefing_app.compose). The
PDF, Word and HTML writers and the preview render only this tree, so if two
outputs could say different things, the tree is missing something.
All text is plain text; marks live in fields, never in markup.

The composer guarantees what writers may rely on without checking again:
every link is safe and every internal link points at a heading in this tree;
anchors are unique and are valid names in every format (a letter, then
letters, digits, "-", "_" or "."; at most 40 characters); heading levels
start at 1 and never skip one; the marking is in capitals.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from briefing_app.document.style import HouseStyle


@dataclass(frozen=True, slots=True)
class Text:
    """Inline text with its marks. ``\\n`` inside ``text`` is a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str = ""  # only safe targets: http(s), mailto or "#anchor"
    highlight: bool = False  # e.g. a sentence that still needs a source
    small: bool = False  # e.g. the "[source needed]" tag after such a sentence
    # A note reference: the number of a Note of the document (``text`` is
    # that number); writers print it raised and link it to its note.
    note: int = 0


Inlines = tuple[Text, ...]


def inline_text(inlines: Inlines) -> str:
    return "".join(t.text for t in inlines)


class Align(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class ParaRole(StrEnum):
    BODY = "body"
    CAPTION = "caption"  # "Table 1: ..." above a table
    SOURCE_NOTE = "source_note"  # "Source: ..." below a table


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1 = section heading, 2 = sub-heading (the title block is above both)
    text: str
    anchor: str  # unique id, used for bookmarks and internal links
    # Where a printed piece came from (compose/origins.py): the Word writer
    # marks it with a hidden bookmark; other formats ignore it. Here: the
    # start of a section, complete.
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Para:
    inlines: Inlines
    role: ParaRole = ParaRole.BODY
    origin: str = ""  # section key and place; the Word writer adds the text's hash


class ListRole(StrEnum):
    BODY = "body"
    SOURCES = "sources"  # the brief's list of sources


@dataclass(frozen=True, slots=True)
class ListNode:
    ordered: bool
    items: tuple[Inlines, ...]
    role: ListRole = ListRole.BODY
    origin: str = ""  # the list's place; each item adds "i<n>"


@dataclass(frozen=True, slots=True)
class TableNode:
    header: tuple[str, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    align: tuple[Align, ...]
    widths: tuple[float, ...]  # relative column widths, summing to 1
    caption: str = ""  # already numbered: "Table 1: ..."
    source: Inlines = ()  # already prefixed: "Source: ..."
    origin: str = ""  # the section key; rows add "r<n>", the header row "hd"


@dataclass(frozen=True, slots=True)
class CalloutNode:
    title: str
    blocks: tuple[Para | ListNode, ...]
    origin: str = ""  # the box's place; its title adds "t"
    start: str = ""  # a callout section: the start of the section, complete


@dataclass(frozen=True, slots=True)
class ControlRow:
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Logo:
    path: str  # a PNG or JPEG file in the template's folder
    alt: str  # alternative text, for readers who cannot see it


@dataclass(frozen=True, slots=True)
class TitleBlock:
    title: str
    subtitle: str = ""
    control: tuple[ControlRow, ...] = ()
    logo: Logo | None = None


@dataclass(frozen=True, slots=True)
class FigureImage:
    """A picture as kept in the brief: PNG, JPEG or a cleaned SVG."""

    data: bytes = field(repr=False)
    media_type: str  # "image/png", "image/jpeg" or "image/svg+xml"
    width_px: int
    height_px: int
    key: str  # its SHA-256: the same picture twice has the same key


class ChartKindNode(StrEnum):
    BAR = "bar"
    LINE = "line"


@dataclass(frozen=True, slots=True)
class ChartSeriesNode:
    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True, slots=True)
class FigureChart:
    """A chart's numbers (from a table of the brief); writers draw it."""

    kind: ChartKindNode
    categories: tuple[str, ...]
    series: tuple[ChartSeriesNode, ...]


@dataclass(frozen=True, slots=True)
class FigureNode:
    """A picture or chart at its printed size, never wider than the text nor
    taller than the page, with its numbered caption above and its source
    line below. Exactly one of ``image`` and ``chart`` is set."""

    caption: str  # already numbered: "Figure 1: ..."
    alt: str  # "" for a decorative figure
    width_mm: float
    height_mm: float
    image: FigureImage | None = None
    chart: FigureChart | None = None
    source: Inlines = ()  # already prefixed: "Source: ..."


BlockNode = TitleBlock | Heading | Para | ListNode | TableNode | CalloutNode | FigureNode


@dataclass(frozen=True, slots=True)
class DocInfo:
    title: str
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()
    language: str = "en-GB"
    created: str = ""  # ISO date or empty
    # The brief's identity and a fingerprint of what it held, for matching
    # an edited Word copy back (compose/origins.py).
    brief_id: str = ""
    brief_version: str = ""


class PageField(StrEnum):
    """A number the writer fills in on each page."""

    PAGE = "page"
    PAGES = "pages"


#: A header or footer line: text with page numbers where they go.
FurnitureText = tuple[str | PageField, ...]


def furniture_plain(line: FurnitureText, page: int = 1, pages: int = 1) -> str:
    """The line as it reads on page ``page`` of ``pages``."""
    numbers = {PageField.PAGE: str(page), PageField.PAGES: str(pages)}
    return "".join(numbers[p] if isinstance(p, PageField) else p for p in line)


@dataclass(frozen=True, slots=True)
class PageFurniture:
    """Text repeated on every page, the first page included."""

    marking: str = ""  # centred, bold capitals
    marking_top: bool = True
    marking_bottom: bool = True
    header_left: FurnitureText = ()
    header_right: FurnitureText = ()  # e.g. the reference
    footer_left: FurnitureText = ()  # e.g. Page X of Y
    footer_right: FurnitureText = ()


@dataclass(frozen=True, slots=True)
class DroppedLink:
    """An internal link whose target is not printed: shown as plain text."""

    text: str  # the linked words
    target: str  # "#s-release"
    heading: str  # the heading above the link ("" before the first)


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote: what a note reference (Text.note) points to, in order."""

    number: int
    inlines: Inlines  # the sources cited, "Text. https://address" each


@dataclass(slots=True)
class Document:
    info: DocInfo
    style: HouseStyle
    furniture: PageFurniture
    blocks: list[BlockNode] = field(default_factory=list)
    # Internal links the composer turned into plain text (for the check).
    dropped_links: tuple[DroppedLink, ...] = ()
    # What the composer changed to make the brief printable (a value cut, a
    # link printed as text), in plain words: every export reports them.
    warnings: tuple[str, ...] = ()
    # Footnotes, numbered in reading order (the references are Text.note).
    notes: tuple[Note, ...] = ()
    # Printed across every page when not empty ("DRAFT").
    draft: str = ""
    # The pages the template says the brief should fit on (None: no budget).
    page_budget: int | None = None

    def all_text(self) -> list[str]:
        """Every string a reader will see (for glyph checks and tests)."""
        f = self.furniture
        lines = (f.header_left, f.header_right, f.footer_left, f.footer_right)
        furniture = [f.marking, self.draft, *(furniture_plain(x) for x in lines)]
        notes = [inline_text(n.inlines) for n in self.notes]
        return [s for s in furniture if s] + self.body_text() + notes + self.drawn_text()

    def drawn_text(self) -> list[str]:
        """The words charts draw (their labels and series names): text in
        the PDF, part of a picture in Word and HTML."""
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, FigureNode) and block.chart is not None:
                out += [*block.chart.categories, *(s.name for s in block.chart.series)]
        return [s for s in out if s]

    def body_text(self) -> list[str]:
        """The text of the blocks, in order, without the page furniture."""
        out: list[str] = []
        for block in self.blocks:
            out.extend(_block_text(block))
        return [s for s in out if s]


def _block_text(block: BlockNode) -> list[str]:
    match block:
        case TitleBlock():
            return [block.title, block.subtitle, *(f"{r.label} {r.value}" for r in block.control)]
        case Heading():
            return [block.text]
        case Para():
            return [inline_text(block.inlines)]
        case ListNode():
            return [inline_text(item) for item in block.items]
        case TableNode():
            cells = [inline_text(c) for row in block.rows for c in row]
            return [block.caption, *block.header, *cells, inline_text(block.source)]
        case CalloutNode():
            inner = [t for b in block.blocks for t in _block_text(b)]
            return [block.title, *inner]
        case FigureNode():
            # A chart's own words are drawn, not text: see Document.all_text.
            return [block.caption, inline_text(block.source)]
    raise TypeError(f"no text for the node type {type(block).__name__}")


def map_inlines(block: BlockNode, change: Callable[[Inlines], Inlines]) -> BlockNode:
    """``block`` with ``change`` applied to each stretch of inline text in it."""
    replace = dataclasses.replace
    match block:
        case TitleBlock() | Heading():
            return block
        case Para():
            return replace(block, inlines=change(block.inlines))
        case ListNode():
            return replace(block, items=tuple(change(item) for item in block.items))
        case TableNode():
            rows = tuple(tuple(change(cell) for cell in row) for row in block.rows)
            return replace(block, rows=rows, source=change(block.source))
        case CalloutNode():
            inner = tuple(map_inlines(b, change) for b in block.blocks)
            return replace(block, blocks=inner)  # type: ignore[arg-type]
        case FigureNode():
            return replace(block, source=change(block.source))
    raise TypeError(f"no inline text known for the node type {type(block).__name__}")
