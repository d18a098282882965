"""The brief: metadata and an ordered list of sections."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from enum import StrEnum

from briefing_app.model.facts import Fact, fact_key
from briefing_app.model.pictures import MAX_PICTURES_TOTAL, Figure, Picture
from briefing_app.model.review import ReviewNote
from briefing_app.model.text import Block, Run, clean_text


class PageSize(StrEnum):
    A4 = "A4"
    LETTER = "Letter"


class SectionKind(StrEnum):
    SUMMARY = "summary"
    PURPOSE = "purpose"
    CONTEXT = "context"
    ANALYSIS = "analysis"
    RELEASE_DETAILS = "release_details"
    FACTOR_TABLE = "factor_table"
    REMAINING_PRISONERS = "remaining_prisoners"
    RECOMMENDATIONS = "recommendations"
    SOURCES = "sources"
    CUSTOM_TEXT = "custom_text"
    CUSTOM_TABLE = "custom_table"
    CALLOUT = "callout"
    FIGURE = "figure"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def content_type(self) -> type[SectionContent]:
        if self in (SectionKind.FACTOR_TABLE, SectionKind.CUSTOM_TABLE):
            return TableContent
        if self is SectionKind.SOURCES:
            return SourcesContent
        return TextContent


_KIND_LABELS = {
    SectionKind.SUMMARY: "Key points",
    SectionKind.PURPOSE: "Purpose",
    SectionKind.CONTEXT: "Context",
    SectionKind.ANALYSIS: "Analysis",
    SectionKind.RELEASE_DETAILS: "Release details",
    SectionKind.FACTOR_TABLE: "Factor table",
    SectionKind.REMAINING_PRISONERS: "Remaining prisoners",
    SectionKind.RECOMMENDATIONS: "Recommendations",
    SectionKind.SOURCES: "Sources",
    SectionKind.CUSTOM_TEXT: "Custom text",
    SectionKind.CUSTOM_TABLE: "Custom table",
    SectionKind.CALLOUT: "Callout box",
    SectionKind.FIGURE: "Figure",
}

COMMON_MARKINGS: tuple[str, ...] = (
    "OFFICIAL",
    "OFFICIAL-SENSITIVE",
    "SECRET",
    "TOP SECRET",
    "CUI",
    "UNCLASSIFIED",
)


@dataclass(slots=True)
class Metadata:
    title: str = "Untitled brief"
    subtitle: str = ""
    author: str = ""
    organisation: str = ""
    date: str = ""  # ISO 8601 (YYYY-MM-DD) or empty
    reference: str = ""
    version: str = ""
    marking: str = "OFFICIAL"
    recipients: list[str] = field(default_factory=list)
    language: str = "en-GB"
    # Words the spelling check accepts in this brief ("Ignore in this brief":
    # names such as Lukashenka), sorted, each once.
    ignored_words: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        for name in (
            "title",
            "subtitle",
            "author",
            "organisation",
            "date",
            "reference",
            "version",
            "marking",
            "language",
        ):
            setattr(self, name, clean_text(getattr(self, name), multiline=False))
        self.recipients = [clean_text(r, multiline=False) for r in self.recipients]
        words = {clean_text(w, multiline=False).strip() for w in self.ignored_words}
        self.ignored_words = sorted(words - {""}, key=lambda w: (w.casefold(), w))


@dataclass(slots=True)
class TextContent:
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class TableContent:
    caption: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[list[list[Run]]] = field(default_factory=list)
    source: list[Run] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.caption = clean_text(self.caption, multiline=False)
        self.columns = [clean_text(c, multiline=False) for c in self.columns]


def new_source_id() -> str:
    return "src-" + secrets.token_hex(4)


@dataclass(slots=True)
class SourceEntry:
    text: str
    url: str = ""
    # What citations refer to: unique in the brief, kept when the entry's
    # text changes or it moves.
    id: str = field(default_factory=new_source_id)

    def __post_init__(self) -> None:
        self.text = clean_text(self.text, multiline=False)
        self.url = clean_text(self.url, multiline=False).strip()
        self.id = clean_text(self.id, multiline=False).strip() or new_source_id()


@dataclass(slots=True)
class SourcesContent:
    items: list[SourceEntry] = field(default_factory=list)
    # Print the entries nothing cites too (else, once the brief cites its
    # sources, the list prints only the cited ones, in citation order).
    show_uncited: bool = False


SectionContent = TextContent | TableContent | SourcesContent


def new_section_id() -> str:
    return "s-" + secrets.token_hex(4)


@dataclass(slots=True)
class Section:
    kind: SectionKind
    title: str
    content: SectionContent
    included: bool = True
    id: str = field(default_factory=new_section_id)

    def __post_init__(self) -> None:
        self.title = clean_text(self.title, multiline=False)
        expected = self.kind.content_type
        if not isinstance(self.content, expected):
            raise TypeError(f"a {self.kind.value} section holds {expected.__name__}")

    @classmethod
    def new(cls, kind: SectionKind, title: str | None = None) -> Section:
        content: SectionContent = kind.content_type()
        if isinstance(content, TableContent):
            # A table always has at least one column (the file format
            # requires it); start with two and one empty row to type into.
            content.columns = ["Column 1", "Column 2"]
            content.rows = [[[], []]]
        return cls(kind=kind, title=title or kind.label, content=content)


DEFAULT_TEMPLATE = "policy-brief"


def new_brief_id() -> str:
    return "b-" + secrets.token_hex(8)


@dataclass(slots=True)
class Brief:
    metadata: Metadata = field(default_factory=Metadata)
    sections: list[Section] = field(default_factory=list)
    page_size: PageSize = PageSize.A4
    # The id of the template (layout and house style) the brief is printed with.
    template: str = DEFAULT_TEMPLATE
    facts: list[Fact] = field(default_factory=list)
    # The brief's identity: kept for its life, written into its Word exports
    # so that an edited copy can be matched back (Update from Word).
    id: str = field(default_factory=new_brief_id)
    # A colleague's comments brought back from Word: shown, never printed.
    review_notes: list[ReviewNote] = field(default_factory=list)
    # The pictures figures show, by digest (model/pictures.py): each once.
    pictures: dict[str, Picture] = field(default_factory=dict)

    def figures(self) -> list[Figure]:
        """Every figure of the brief, in order (included sections or not)."""
        return [
            block
            for s in self.sections
            if isinstance(s.content, TextContent)
            for block in s.content.blocks
            if isinstance(block, Figure)
        ]

    def add_picture(self, picture: Picture) -> str:
        """Keep ``picture`` (once, however often it is added); its key."""
        self.pictures.setdefault(picture.digest, picture)
        return picture.digest

    def room_for(self, picture: Picture) -> bool:
        """Whether ``picture`` fits with the pictures the brief shows."""
        if picture.digest in self.pictures:
            return True
        used = sum(len(p.data) for p in self.used_pictures().values())
        return used + len(picture.data) <= MAX_PICTURES_TOTAL

    def used_pictures(self) -> dict[str, Picture]:
        """The pictures some figure shows (what a save writes), in order."""
        used = [f.picture for f in self.figures() if f.picture]
        return {d: self.pictures[d] for d in dict.fromkeys(used) if d in self.pictures}

    def table_sections(self) -> list[Section]:
        return [s for s in self.sections if isinstance(s.content, TableContent)]

    def included_sections(self) -> list[Section]:
        return [s for s in self.sections if s.included]

    def sources(self) -> list[SourceEntry]:
        """Every Sources entry of the brief, in order (from every Sources
        section, included or not: a citation prints its source either way)."""
        return [
            entry
            for s in self.sections
            if isinstance(s.content, SourcesContent)
            for entry in s.content.items
        ]

    def fact_values(self) -> dict[str, str]:
        """Fact name (matched loosely, see fact_key) -> current value."""
        return {fact_key(f.name): f.value for f in self.facts}
