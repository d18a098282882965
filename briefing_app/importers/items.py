"""The flat stream of blocks every reader produces, before it becomes a brief.

Each format (plain text, Markdown, Word, web pages, e-mails) only finds
headings, paragraphs, lists, tables, boxed text and pictures; turning that
stream into sections, callouts, captions, source lines and figures is done
once, in :mod:`briefing_app.importers.build`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing_app.model.text import ListStyle, Run


@dataclass(slots=True)
class SrcHeading:
    # 0 is a document title (Word's "Title" style), 1-6 as in Markdown.
    level: int
    text: str


@dataclass(slots=True)
class SrcParagraph:
    runs: list[Run] = field(default_factory=list)


@dataclass(slots=True)
class SrcList:
    style: ListStyle = ListStyle.BULLET
    items: list[list[Run]] = field(default_factory=list)


@dataclass(slots=True)
class SrcTable:
    # The first row is the header row.
    rows: list[list[list[Run]]] = field(default_factory=list)
    # The table's own caption (HTML's <caption>), "" when it has none.
    caption: str = ""


@dataclass(slots=True)
class SrcBox:
    """Boxed text: a Word text box or shape with text. ``title`` is "" when
    the box has none of its own (build.py then finds one)."""

    blocks: list[SrcParagraph | SrcList] = field(default_factory=list)
    title: str = ""


@dataclass(slots=True)
class SrcPicture:
    """A picture where it stands, with its alternative text and caption, and
    its bytes when the file holds them (a linked picture has none)."""

    alt: str = ""
    caption: str = ""
    data: bytes = field(default=b"", repr=False)
    name: str = ""  # the picture's own file name, for messages


SrcBlock = SrcHeading | SrcParagraph | SrcList | SrcTable | SrcBox | SrcPicture
