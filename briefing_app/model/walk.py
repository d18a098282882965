"""One walk over a brief's content, shared by everything that visits its text.

Facts, find and replace, the word count and the checks before a brief goes
out all need every piece of text the author wrote, and where it is. They get
it here, so a new content type is taught to one walker and every one of them
follows. A type the walker does not know is an error, never skipped.

- :func:`brief_texts` / :func:`content_texts` read: each piece of text with
  its :class:`Place` and, for rich text, its runs.
- :func:`map_content` rebuilds a section's content with a function applied to
  every list of runs (and, optionally, to every plain text field).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from briefing_app.model.brief import (
    Brief,
    Section,
    SectionContent,
    SourceEntry,
    SourcesContent,
    TableContent,
    TextContent,
)
from briefing_app.model.pictures import Figure
from briefing_app.model.text import Block, Callout, ListBlock, Paragraph, Run


class Field(StrEnum):
    """What a piece of text is."""

    TITLE = "title"  # the brief's title
    SUBTITLE = "subtitle"
    SECTION_TITLE = "section title"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list item"
    CALLOUT_TITLE = "callout title"
    CAPTION = "caption"
    COLUMN = "column heading"
    CELL = "cell"
    TABLE_SOURCE = "source line"
    SOURCE = "source"  # an entry of a sources list
    FIGURE_CAPTION = "figure caption"
    FIGURE_SOURCE = "figure source line"
    ALT_TEXT = "alt text"


@dataclass(frozen=True, slots=True)
class Place:
    """Where a piece of text is: its section and its place inside it."""

    section_id: str  # "" for the brief's own properties
    section_title: str
    field: Field
    block: int = 0  # 1-based: the block of a text section, the entry of a list
    item: int = 0  # 1-based: the list item; the row of a table
    column: int = 0  # 1-based, in tables

    def describe(self) -> str:
        """In plain words: "paragraph 2", "row 3, column 1", "caption"."""
        f = self.field
        if f is Field.CELL:
            return f"row {self.item}, column {self.column}"
        if f is Field.COLUMN:
            return f"column heading {self.column}"
        if f is Field.LIST_ITEM:
            return f"paragraph {self.block}, item {self.item}"
        if f in (Field.PARAGRAPH, Field.SOURCE):
            return f"{f.value} {self.block}"
        if f in (Field.CALLOUT_TITLE, Field.FIGURE_CAPTION, Field.FIGURE_SOURCE, Field.ALT_TEXT):
            return f"paragraph {self.block} ({f.value})"
        return f.value


@dataclass(frozen=True, slots=True)
class TextPiece:
    place: Place
    text: str  # as the author sees it (a fact shows the value last seen)
    runs: tuple[Run, ...] | None = None  # None: a plain text field


# ------------------------------------------------------------------ reading

_Reader = Callable[[Any, Place], Iterator[TextPiece]]


def _runs_piece(runs: list[Run], place: Place) -> TextPiece:
    return TextPiece(place, "".join(r.text for r in runs), tuple(runs))


def _read_paragraph(block: Paragraph, place: Place) -> Iterator[TextPiece]:
    yield _runs_piece(block.runs, place)


def _read_list(block: ListBlock, place: Place) -> Iterator[TextPiece]:
    for i, item in enumerate(block.items, start=1):
        yield _runs_piece(item, _at(place, field=Field.LIST_ITEM, item=i))


def _read_callout(block: Callout, place: Place) -> Iterator[TextPiece]:
    yield TextPiece(_at(place, field=Field.CALLOUT_TITLE), block.title)
    for inner in block.blocks:
        yield from _block_reader(inner)(inner, place)


def _read_figure(block: Figure, place: Place) -> Iterator[TextPiece]:
    yield TextPiece(_at(place, field=Field.FIGURE_CAPTION), block.caption)
    yield TextPiece(_at(place, field=Field.ALT_TEXT), block.alt_text)
    yield _runs_piece(block.source, _at(place, field=Field.FIGURE_SOURCE))


_BLOCK_READERS: dict[type, _Reader] = {
    Paragraph: _read_paragraph,
    ListBlock: _read_list,
    Callout: _read_callout,
    Figure: _read_figure,
}


def _read_text(content: TextContent, place: Place) -> Iterator[TextPiece]:
    for b, block in enumerate(content.blocks, start=1):
        yield from _block_reader(block)(block, _at(place, field=Field.PARAGRAPH, block=b))


def _read_table(content: TableContent, place: Place) -> Iterator[TextPiece]:
    yield TextPiece(_at(place, field=Field.CAPTION), content.caption)
    for c, heading in enumerate(content.columns, start=1):
        yield TextPiece(_at(place, field=Field.COLUMN, column=c), heading)
    for r, row in enumerate(content.rows, start=1):
        for c, cell in enumerate(row, start=1):
            yield _runs_piece(cell, _at(place, field=Field.CELL, item=r, column=c))
    yield _runs_piece(content.source, _at(place, field=Field.TABLE_SOURCE))


def _read_sources(content: SourcesContent, place: Place) -> Iterator[TextPiece]:
    for i, entry in enumerate(content.items, start=1):
        yield TextPiece(_at(place, field=Field.SOURCE, block=i), entry.text)


_CONTENT_READERS: dict[type, _Reader] = {
    TextContent: _read_text,
    TableContent: _read_table,
    SourcesContent: _read_sources,
}


def _lookup(table: dict[type, Any], value: object, what: str) -> Any:
    try:
        return table[type(value)]
    except KeyError:
        raise TypeError(
            f"briefing_app.model.walk does not know the {what} {type(value).__name__}; "
            "teach it there, so facts, search, counts and checks all see it"
        ) from None


def _block_reader(block: object) -> _Reader:
    return _lookup(_BLOCK_READERS, block, "block type")


def _at(place: Place, **changes: Any) -> Place:
    values = {name: getattr(place, name) for name in Place.__slots__}
    values.update(changes)
    return Place(**values)


def content_texts(content: SectionContent, section: Section | None = None) -> Iterator[TextPiece]:
    """Every piece of text in one section's content, in reading order."""
    place = Place(section.id if section else "", section.title if section else "", Field.PARAGRAPH)
    yield from _lookup(_CONTENT_READERS, content, "content type")(content, place)


def section_texts(section: Section) -> Iterator[TextPiece]:
    """The section's title, then its content."""
    yield TextPiece(Place(section.id, section.title, Field.SECTION_TITLE), section.title)
    yield from content_texts(section.content, section)


def brief_texts(
    brief: Brief, *, properties: bool = True, included_only: bool = False
) -> Iterator[TextPiece]:
    """Every piece of text in the brief, in order: the title and subtitle
    (unless ``properties`` is false), then each section's title and content."""
    if properties:
        meta = brief.metadata
        yield TextPiece(Place("", "", Field.TITLE), meta.title)
        yield TextPiece(Place("", "", Field.SUBTITLE), meta.subtitle)
    for section in brief.sections:
        if section.included or not included_only:
            yield from section_texts(section)


# ------------------------------------------------------------------ changing

RunsChange = Callable[[list[Run]], list[Run]]
TextChange = Callable[[str], str]


class _Mapper:
    def __init__(self, runs: RunsChange, text: TextChange | None) -> None:
        self._runs = runs
        self._text = text
        self.changed = False

    def runs(self, value: list[Run]) -> list[Run]:
        new = self._runs(value)
        if new != value:
            self.changed = True
            return new
        return value

    def text(self, value: str) -> str:
        if self._text is None:
            return value
        new = self._text(value)
        if new != value:
            self.changed = True
        return new

    def block(self, block: Block) -> Block:
        return _lookup(_BLOCK_MAPPERS, block, "block type")(self, block)


def _map_paragraph(m: _Mapper, block: Paragraph) -> Paragraph:
    return Paragraph(m.runs(block.runs))


def _map_list(m: _Mapper, block: ListBlock) -> ListBlock:
    return ListBlock(block.style, [m.runs(item) for item in block.items])


def _map_callout(m: _Mapper, block: Callout) -> Callout:
    return Callout(m.text(block.title), [m.block(b) for b in block.blocks])  # type: ignore[misc]


def _map_figure(m: _Mapper, block: Figure) -> Figure:
    return Figure(
        picture=block.picture,
        chart=block.chart,
        caption=m.text(block.caption),
        source=m.runs(block.source),
        alt_text=m.text(block.alt_text),
        decorative=block.decorative,
        width=block.width,
    )


_BLOCK_MAPPERS: dict[type, Callable[[_Mapper, Any], Block]] = {
    Paragraph: _map_paragraph,
    ListBlock: _map_list,
    Callout: _map_callout,
    Figure: _map_figure,
}


def _map_text(m: _Mapper, content: TextContent) -> TextContent:
    return TextContent([m.block(b) for b in content.blocks])


def _map_table(m: _Mapper, content: TableContent) -> TableContent:
    return TableContent(
        caption=m.text(content.caption),
        columns=[m.text(c) for c in content.columns],
        rows=[[m.runs(cell) for cell in row] for row in content.rows],
        source=m.runs(content.source),
    )


def _map_sources(m: _Mapper, content: SourcesContent) -> SourcesContent:
    return SourcesContent(
        [SourceEntry(m.text(i.text), i.url, i.id) for i in content.items], content.show_uncited
    )


_CONTENT_MAPPERS: dict[type, Callable[[_Mapper, Any], SectionContent]] = {
    TextContent: _map_text,
    TableContent: _map_table,
    SourcesContent: _map_sources,
}


def map_content(
    content: SectionContent, runs: RunsChange, text: TextChange | None = None
) -> SectionContent:
    """``content`` with ``runs`` applied to every list of runs (paragraphs,
    list items, cells, source lines) and ``text`` to every plain text field
    (callout titles, captions, column headings, sources); the same object
    when nothing changed."""
    mapper = _Mapper(runs, text)
    new = _lookup(_CONTENT_MAPPERS, content, "content type")(mapper, content)
    return new if mapper.changed else content


__all__ = [
    "Field",
    "Place",
    "TextPiece",
    "brief_texts",
    "content_texts",
    "map_content",
    "section_texts",
]
