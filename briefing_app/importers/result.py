"""What an import gives back: the brief, and what the author should check."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from briefing_app.model.brief import (
    Brief,
    Section,
    SourcesContent,
    TableContent,
    TextContent,
)
from briefing_app.model.pictures import Figure
from briefing_app.model.text import Block, Callout, ListBlock, ListStyle, Paragraph, plain


class SourceFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    WORD = "word"
    HTML = "html"
    EMAIL = "email"
    OUTLOOK = "outlook"

    @property
    def label(self) -> str:
        return {
            SourceFormat.TEXT: "plain text",
            SourceFormat.MARKDOWN: "Markdown",
            SourceFormat.WORD: "Word",
            SourceFormat.HTML: "web page",
            SourceFormat.EMAIL: "e-mail",
            SourceFormat.OUTLOOK: "Outlook message",
        }[self]


#: The endings import reads, and as what.
SUFFIXES: dict[str, SourceFormat] = {
    ".txt": SourceFormat.TEXT,
    ".text": SourceFormat.TEXT,
    ".md": SourceFormat.MARKDOWN,
    ".markdown": SourceFormat.MARKDOWN,
    ".docx": SourceFormat.WORD,
    ".html": SourceFormat.HTML,
    ".htm": SourceFormat.HTML,
    ".xhtml": SourceFormat.HTML,
    ".eml": SourceFormat.EMAIL,
    ".msg": SourceFormat.OUTLOOK,
}
#: Formats an e-mail's attachment may be imported as (not another e-mail).
ATTACHMENT_FORMATS = (
    SourceFormat.TEXT,
    SourceFormat.MARKDOWN,
    SourceFormat.WORD,
    SourceFormat.HTML,
)


@dataclass(slots=True)
class Attachment:
    """A file attached to an e-mail, kept so it can be imported instead."""

    name: str
    data: bytes = field(repr=False)
    content_type: str = ""

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def size_words(self) -> str:
        from briefing_app.files.reading import size_words

        return size_words(self.size)

    @property
    def format(self) -> SourceFormat | None:
        """The format it can be imported as, or None."""
        name = self.name.lower()
        for suffix, fmt in SUFFIXES.items():
            if name.endswith(suffix) and fmt in ATTACHMENT_FORMATS:
                return fmt
        return None


@dataclass(slots=True)
class ImportResult:
    brief: Brief
    format: SourceFormat
    source_name: str = ""
    # The text encoding that was used ("" for Word files).
    encoding: str = ""
    # Plain-words remarks for the author: the encoding, what was left out.
    notes: list[str] = field(default_factory=list)
    # An e-mail's attachments.
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def importable_attachments(self) -> list[Attachment]:
        return [a for a in self.attachments if a.format is not None and a.data]

    def take(self, other: ImportResult) -> None:
        """Become ``other`` (an attachment imported instead of its e-mail)."""
        self.brief = other.brief
        self.format = other.format
        self.source_name = other.source_name
        self.encoding = other.encoding
        self.notes = other.notes
        self.attachments = other.attachments


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def describe_section(section: Section) -> str:
    """What the import found in a section, in a few words."""
    content = section.content
    if isinstance(content, TableContent):
        text = (
            f"table: {_count(len(content.columns), 'column')}, {_count(len(content.rows), 'row')}"
        )
        if content.caption:
            text += f", caption '{content.caption}'"
        if content.source:
            text += ", with a source line"
        return text
    if isinstance(content, SourcesContent):
        with_links = sum(1 for item in content.items if item.url)
        return f"{_count(len(content.items), 'source')} ({with_links} with a link)"
    assert isinstance(content, TextContent)
    paragraphs = sum(isinstance(b, Paragraph) for b in content.blocks)
    lists = [b for b in content.blocks if isinstance(b, ListBlock)]
    callouts = [b for b in content.blocks if isinstance(b, Callout)]
    figures = sum(isinstance(b, Figure) for b in content.blocks)
    parts = []
    if paragraphs:
        parts.append(_count(paragraphs, "paragraph"))
    if lists:
        items = sum(len(b.items) for b in lists)
        parts.append(f"{_count(len(lists), 'list')} ({_count(items, 'item')})")
    if callouts:
        titles = ", ".join(f"'{b.title}'" for b in callouts)
        parts.append(f"{_count(len(callouts), 'callout box', 'callout boxes')} ({titles})")
    if figures:
        parts.append(_count(figures, "picture"))
    return ", ".join(parts) if parts else "empty"


def summary_lines(result: ImportResult) -> list[str]:
    """The import as a few lines for the command line: title, sections, notes."""
    lines = [f"Title: {result.brief.metadata.title}"]
    for number, section in enumerate(result.brief.sections, start=1):
        lines.append(
            f"  {number}. {section.title} [{section.kind.label}]: {describe_section(section)}"
        )
    lines.extend(f"Note: {note}" for note in result.notes)
    return lines


def section_text(section: Section) -> str:
    """A section's content as plain lines, for the author to check at a glance."""
    content = section.content
    if isinstance(content, TableContent):
        lines = [f"Caption: {content.caption}"] if content.caption else []
        lines.append(" | ".join(content.columns))
        lines.extend(" | ".join(plain(cell) for cell in row) for row in content.rows)
        if content.source:
            lines.append(f"Source: {plain(content.source)}")
        return "\n".join(lines)
    if isinstance(content, SourcesContent):
        return "\n".join(
            f"{n}. {item.text}" + (f" ({item.url})" if item.url else "")
            for n, item in enumerate(content.items, start=1)
        )
    return "\n\n".join(_block_text(block) for block in content.blocks)


def _block_text(block: Block) -> str:
    if isinstance(block, Figure):
        words = block.alt_text or block.caption or "no alt text"
        return f"[Picture: {words}]"
    if isinstance(block, Paragraph):
        return plain(block.runs)
    if isinstance(block, ListBlock):
        numbered = block.style is ListStyle.NUMBERED
        return "\n".join(
            f"{f'{n}.' if numbered else '•'} {plain(item)}"
            for n, item in enumerate(block.items, start=1)
        )
    inner = "\n".join(_block_text(b) for b in block.blocks)
    return f"[{block.title}] {inner}".rstrip()
