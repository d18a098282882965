"""Turn the flat stream of blocks from any reader into a brief.

The rules (docs/import.md): the first heading, or a first line that reads as
one, is the title; text before the first section heading is the summary;
headings at the highest level found start sections and deeper ones become
bold lines; a table becomes a section of its own, with a "Table N: ..."
paragraph just before it as its caption and a "Source: ..." paragraph just
after it as its source line; a paragraph opening with a lead-in such as
"Did you know?" becomes a callout box; section kinds are guessed from titles.

Boxed text (a Word text box) becomes a callout box; sources found in notes
(Word footnotes and endnotes, cited in the text by id) join the file's own
Sources section or a new one at the end; text before the first heading joins
the file's own Key points section when it has one. Pictures go to one place,
:meth:`_Builder.picture`: a picture the file holds becomes a figure where it
stood (checked as any picture entering a brief is); one it only links to,
or that cannot be used, is named in the notes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from briefing_app.errors import PictureError
from briefing_app.importers import cues
from briefing_app.importers.items import (
    SrcBlock,
    SrcBox,
    SrcHeading,
    SrcList,
    SrcParagraph,
    SrcPicture,
    SrcTable,
)
from briefing_app.importers.kinds import guess_table_kind, guess_text_kind
from briefing_app.importers.runs import find_urls, plain, strip_runs
from briefing_app.model.brief import (
    Brief,
    Metadata,
    Section,
    SectionKind,
    SourceEntry,
    SourcesContent,
    TableContent,
    TextContent,
)
from briefing_app.model.pictures import MAX_PICTURES_TOTAL, Figure, Picture
from briefing_app.model.text import Block, Callout, ListBlock, Paragraph, Run
from briefing_app.pictures.intake import accept_picture

SUMMARY_TITLE = SectionKind.SUMMARY.label
SOURCES_TITLE = SectionKind.SOURCES.label
UNTITLED_TABLE = "Table"
#: The title of a box that has none of its own and no lead-in.
BOX_TITLE = "Note"
# Pictures named in the note, at most.
_NAMED_PICTURES = 5


@dataclass(slots=True)
class _Pending:
    """The section being collected: everything under one heading."""

    title: str
    summary: bool = False
    blocks: list[Block] = field(default_factory=list)
    # Sections already made from this heading (text before a table, the table).
    emitted: int = 0


@dataclass(slots=True)
class Built:
    brief: Brief
    # What the author should know: pictures left out.
    notes: list[str] = field(default_factory=list)


def build_brief(stream: Sequence[SrcBlock], *, fallback_title: str) -> Brief:
    return build(stream, fallback_title=fallback_title).brief


def build(
    stream: Sequence[SrcBlock],
    *,
    fallback_title: str,
    sources: Sequence[SourceEntry] = (),
) -> Built:
    """The brief made of ``stream``; ``sources`` are entries the stream's
    runs cite (from notes), added to the Sources section."""
    builder = _Builder(list(stream), fallback_title)
    brief = builder.brief()
    _add_sources(brief, list(sources))
    return Built(brief, builder.notes())


def _title(stream: list[SrcBlock]) -> str | None:
    """Take the title off the front of ``stream`` if it starts with one."""
    if not stream:
        return None
    first = stream[0]
    if isinstance(first, SrcHeading):
        del stream[0]
        return first.text
    if isinstance(first, SrcParagraph):
        text = plain(first.runs).strip()
        if cues.reads_as_heading(text, limit=cues.MAX_TITLE_CHARS):
            del stream[0]
            return text
    return None


class _Builder:
    def __init__(self, stream: list[SrcBlock], fallback_title: str) -> None:
        self.title = _title(stream) or fallback_title
        self.stream = stream
        levels = [b.level for b in stream if isinstance(b, SrcHeading)]
        self.section_level = min(levels, default=1)
        self.sections: list[Section] = []
        self.pending = _Pending(SUMMARY_TITLE, summary=True)
        # A lead-in that stood alone ("Did you know?") takes the next block.
        self.open_callout: Callout | None = None
        self.pictures: list[SrcPicture] = []  # left out: named in the notes
        self.refused: list[str] = []  # why pictures were refused, once each
        self.kept: dict[str, Picture] = {}
        # The section made of the text before the first heading, if any, and
        # all the sections made before it (its tables and continuations).
        self.summary: Section | None = None
        self.before_headings: list[Section] = []

    def brief(self) -> Brief:
        last_table: TableContent | None = None
        for block in self.stream:
            after_table, last_table = last_table, None
            if isinstance(block, SrcHeading):
                self.heading(block)
            elif isinstance(block, SrcParagraph):
                source = cues.source_line(block.runs) if after_table is not None else None
                if after_table is not None and source is not None:
                    after_table.source = source
                else:
                    self.paragraph(block.runs)
            elif isinstance(block, SrcList):
                self.add(ListBlock(block.style, [list(item) for item in block.items]))
            elif isinstance(block, SrcBox):
                self.box(block)
            elif isinstance(block, SrcPicture):
                self.picture(block)
            else:
                last_table = self.table(block)
        self.flush()
        _join_key_points(self.sections, self.summary, self.before_headings)
        return Brief(
            metadata=Metadata(title=self.title), sections=self.sections, pictures=self.kept
        )

    def notes(self) -> list[str]:
        notes = [*self.refused]
        figures = sum(isinstance(b, Figure) for s in self.sections for b in _blocks(s))
        no_alt = sum(
            isinstance(b, Figure) and not b.alt_text for s in self.sections for b in _blocks(s)
        )
        if no_alt == 1 and figures == 1:
            notes.append(
                "The imported picture has no alternative text: add it (the check lists it)."
            )
        elif no_alt:
            notes.append(
                f"{no_alt} of the {figures} imported pictures have no alternative text: add "
                "it (the check lists them)."
            )
        if not self.pictures:
            return notes
        count = len(self.pictures)
        named = [p.alt or p.caption for p in self.pictures if p.alt or p.caption]
        text = (
            f"{count} picture{'s were' if count != 1 else ' was'} left out: "
            f"{'they are' if count != 1 else 'it is'} linked, not held in the file"
        )
        if named:
            shown = ", ".join(f"'{_shorten(name)}'" for name in named[:_NAMED_PICTURES])
            more = (
                f" and {len(named) - _NAMED_PICTURES} more" if len(named) > _NAMED_PICTURES else ""
            )
            text += f" ({shown}{more})"
        return [*notes, text + "."]

    # -- blocks
    def heading(self, block: SrcHeading) -> None:
        self.open_callout = None
        if block.level <= self.section_level:
            self.flush()
            self.pending = _Pending(block.text)
        else:
            # A sub-heading: sections are flat, so it stays as a bold line.
            self.pending.blocks.append(Paragraph([Run(block.text, bold=True)]))

    def paragraph(self, runs: list[Run]) -> None:
        lead_in = cues.callout_lead_in(runs)
        if lead_in is None:
            self.add(Paragraph(runs))
            return
        title, rest = lead_in
        callout = Callout(title, [Paragraph(rest)] if rest else [])
        self.open_callout = None if rest else callout
        self.pending.blocks.append(callout)

    def box(self, block: SrcBox) -> None:
        """Boxed text becomes a callout box: titled by the box's own title, a
        lead-in, or a short first line that reads as one."""
        self.open_callout = None
        inner: list[Paragraph | ListBlock] = []
        for part in block.blocks:
            if isinstance(part, SrcParagraph):
                inner.append(Paragraph(part.runs))
            else:
                inner.append(ListBlock(part.style, [list(item) for item in part.items]))
        title = block.title
        first = inner[0] if inner else None
        if not title and isinstance(first, Paragraph):
            lead_in = cues.callout_lead_in(first.runs)
            text = plain(first.runs).strip()
            if lead_in is not None:
                title = lead_in[0]
                if lead_in[1]:
                    inner[0] = Paragraph(lead_in[1])
                else:
                    del inner[0]
            elif len(inner) > 1 and cues.reads_as_heading(text, limit=60):
                title = text
                del inner[0]
        if inner or title:
            self.pending.blocks.append(Callout(title or BOX_TITLE, inner))

    def picture(self, block: SrcPicture) -> None:
        """Each picture with its alternative text and caption, where it
        stands: a figure, when the file holds the picture and it can be used."""
        if not block.data:
            self.pictures.append(block)
            return
        name = block.name or block.alt or "picture"
        try:
            picture = accept_picture(block.data, name)
        except PictureError as exc:
            if len(self.refused) < _NAMED_PICTURES:
                self.refused.append(f"{exc} It was left out.")
            return
        if sum(len(p.data) for p in self.kept.values()) + len(picture.data) > MAX_PICTURES_TOTAL:
            if len(self.refused) < _NAMED_PICTURES:
                self.refused.append(
                    f"The picture '{name}' was left out: the brief's pictures would come to "
                    f"more than {MAX_PICTURES_TOTAL // (1024 * 1024)} MB."
                )
            return
        self.kept.setdefault(picture.digest, picture)
        self.open_callout = None
        self.pending.blocks.append(
            Figure(picture=picture.digest, caption=block.caption, alt_text=block.alt)
        )

    def add(self, block: Paragraph | ListBlock) -> None:
        if self.open_callout is not None:
            self.open_callout.blocks.append(block)
            self.open_callout = None
        else:
            self.pending.blocks.append(block)

    def table(self, block: SrcTable) -> TableContent | None:
        self.open_callout = None
        pending = self.pending
        if not any(block.rows):
            return None
        caption = block.caption or None
        if caption is None and pending.blocks and isinstance(pending.blocks[-1], Paragraph):
            last = pending.blocks[-1].runs
            caption = cues.caption(last)
            if caption is None and _names_table(last):
                # A short line standing just above the table says what it is.
                caption = plain(last).strip()
            if caption is not None:
                pending.blocks.pop()
        content = table_content(block.rows, caption or "")
        if not pending.summary and pending.emitted == 0 and not pending.blocks:
            title = pending.title  # the table is all there is under its heading
        elif caption:
            title = caption
        else:
            title = UNTITLED_TABLE if pending.summary else f"{pending.title} (table)"
        self.flush_text()
        heading = pending.title if not pending.summary else ""
        kind = guess_table_kind(f"{heading} {caption or ''} {' '.join(content.columns[:1])}")
        self.sections.append(Section(kind, title, content))
        pending.emitted += 1
        return content

    # -- sections
    def flush(self) -> None:
        self.open_callout = None
        self.flush_text(keep_empty=not self.pending.summary and self.pending.emitted == 0)

    def flush_text(self, *, keep_empty: bool = False) -> None:
        pending = self.pending
        if not pending.blocks and not keep_empty:
            return
        title = pending.title if pending.emitted == 0 else f"{pending.title} (continued)"
        kind = SectionKind.SUMMARY if pending.summary else guess_text_kind(pending.title)
        if kind is SectionKind.SOURCES:
            sources = sources_content(pending.blocks)
            if sources is not None:
                self.sections.append(Section(kind, title, sources))
                pending.blocks = []
                pending.emitted += 1
                return
            kind = SectionKind.CUSTOM_TEXT
        section = Section(kind, title, TextContent(pending.blocks))
        self.sections.append(section)
        if pending.summary and pending.emitted == 0:
            self.summary = section
        if pending.summary:
            self.before_headings.append(section)
        pending.blocks = []
        pending.emitted += 1


def _blocks(section: Section) -> list[Block]:
    return section.content.blocks if isinstance(section.content, TextContent) else []


def _names_table(runs: list[Run]) -> bool:
    """A short line without a full stop, alone: it names the table below it."""
    text = plain(runs).strip()
    return cues.reads_as_heading(text) and not cues.starts_list_item(text)


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _join_key_points(
    sections: list[Section], summary: Section | None, before_headings: list[Section]
) -> None:
    """Text before the first heading joins the file's own Key points section
    (a text section titled "Key points", "Summary"...), so there is one."""
    if summary is None or not isinstance(summary.content, TextContent):
        return
    for section in sections:
        if (
            not any(section is other for other in before_headings)
            and section.kind is SectionKind.SUMMARY
            and isinstance(section.content, TextContent)
        ):
            section.content.blocks[:0] = summary.content.blocks
            sections.remove(summary)
            return


def _add_sources(brief: Brief, entries: list[SourceEntry]) -> None:
    """Entries cited from notes join the first Sources list, or a new one."""
    if not entries:
        return
    for section in brief.sections:
        if isinstance(section.content, SourcesContent):
            section.content.items.extend(entries)
            return
    brief.sections.append(Section(SectionKind.SOURCES, SOURCES_TITLE, SourcesContent(entries)))


def table_content(rows: list[list[list[Run]]], caption: str) -> TableContent:
    """The first row as column headings; short rows filled with empty cells."""
    rows = [row for row in rows if row]
    width = max(len(row) for row in rows)
    header = [plain(cell).strip() for cell in rows[0]]
    header += [f"Column {n}" for n in range(len(header) + 1, width + 1)]
    body = [
        [strip_runs(cell) for cell in row] + [[] for _ in range(width - len(row))]
        for row in rows[1:]
    ]
    return TableContent(caption=caption, columns=header, rows=body)


def sources_content(blocks: list[Block]) -> SourcesContent | None:
    """One source per paragraph or list item, or None when the section holds
    something a list of sources cannot (a callout, two links in one item)."""
    entries: list[SourceEntry] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            items = [block.runs]
        elif isinstance(block, ListBlock):
            items = block.items
        else:
            return None
        for runs in items:
            entry = source_entry(runs)
            if entry is None:
                return None
            if entry.text:
                entries.append(entry)
    return SourcesContent(entries)


def source_entry(runs: list[Run]) -> SourceEntry | None:
    text = " ".join(plain(runs).split())
    links = {run.link for run in runs if run.link}
    written = [text[start:end] for start, end in find_urls(text)]
    if len(links) > 1 or (not links and len(set(written)) > 1):
        return None
    url = links.pop() if links else (written[0] if written else "")
    if url and url in text:
        # The address is printed after the text anyway: keep it once.
        text = re.sub(r"[\s(<\[]*" + re.escape(url) + r"[\s)>\]]*", " ", text)
        text = text.strip().rstrip(" ,;:-–—").strip()
        if not text:
            text = urlsplit(url).netloc or url
    return SourceEntry(text, url)
