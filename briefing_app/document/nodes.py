"""The document tree: what every writer reads, and nothing else.

A brief is composed into these typed nodes (see briefing_app.compose). The
PDF, Word and HTML writers and the preview render only this tree, so if two
outputs could say different things, the tree is missing something.
All text is plain text; marks live in fields, never in markup.
"""

from __future__ import annotations

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
    level: int  # 1 = section heading, 2 = sub-heading
    text: str
    anchor: str  # unique id, used for bookmarks and internal links


@dataclass(frozen=True, slots=True)
class Para:
    inlines: Inlines
    role: ParaRole = ParaRole.BODY


@dataclass(frozen=True, slots=True)
class ListNode:
    ordered: bool
    items: tuple[Inlines, ...]


@dataclass(frozen=True, slots=True)
class TableNode:
    header: tuple[str, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    align: tuple[Align, ...]
    widths: tuple[float, ...]  # relative column widths, summing to 1
    caption: str = ""  # already numbered: "Table 1: ..."
    source: Inlines = ()  # already prefixed: "Source: ..."


@dataclass(frozen=True, slots=True)
class CalloutNode:
    title: str
    blocks: tuple[Para | ListNode, ...]


@dataclass(frozen=True, slots=True)
class SourceItem:
    text: str
    url: str = ""  # safe link or empty; printed in full


@dataclass(frozen=True, slots=True)
class SourceList:
    items: tuple[SourceItem, ...]


def source_inlines(item: SourceItem) -> Inlines:
    """How every format prints a source: "Text. https://full.address", the
    address a link (no second full stop when the text ends with one)."""
    if not item.url:
        return (Text(item.text),)
    joint = " " if item.text.rstrip().endswith((".", "!", "?", ":")) else ". "
    return (Text(item.text), Text(joint), Text(item.url, link=item.url))


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


BlockNode = TitleBlock | Heading | Para | ListNode | TableNode | CalloutNode | SourceList


@dataclass(frozen=True, slots=True)
class DocInfo:
    title: str
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()
    language: str = "en-GB"
    created: str = ""  # ISO date or empty


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


@dataclass(slots=True)
class Document:
    info: DocInfo
    style: HouseStyle
    furniture: PageFurniture
    blocks: list[BlockNode] = field(default_factory=list)

    def all_text(self) -> list[str]:
        """Every string a reader will see (for glyph checks and tests)."""
        f = self.furniture
        lines = (f.header_left, f.header_right, f.footer_left, f.footer_right)
        furniture = [f.marking, *(furniture_plain(x) for x in lines)]
        return [s for s in furniture if s] + self.body_text()

    def body_text(self) -> list[str]:
        """The text of the blocks, in order, without the page furniture."""
        out: list[str] = []
        for block in self.blocks:
            out.extend(_block_text(block))
        return [s for s in out if s]


def _block_text(block: BlockNode) -> list[str]:
    if isinstance(block, TitleBlock):
        return [block.title, block.subtitle, *(f"{r.label} {r.value}" for r in block.control)]
    if isinstance(block, Heading):
        return [block.text]
    if isinstance(block, Para):
        return [inline_text(block.inlines)]
    if isinstance(block, ListNode):
        return [inline_text(item) for item in block.items]
    if isinstance(block, TableNode):
        cells = [inline_text(c) for row in block.rows for c in row]
        return [block.caption, *block.header, *cells, inline_text(block.source)]
    if isinstance(block, CalloutNode):
        inner = [t for b in block.blocks for t in _block_text(b)]
        return [block.title, *inner]
    return [f"{item.text} {item.url}" for item in block.items]
