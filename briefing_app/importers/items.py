"""The flat stream of blocks every reader produces, before it becomes a brief.

Each format (plain text, Markdown, Word) only finds headings, paragraphs,
lists and tables; turning that stream into sections, callouts, captions and
source lines is done once, in :mod:`briefing_app.importers.build`.
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


SrcBlock = SrcHeading | SrcParagraph | SrcList | SrcTable
