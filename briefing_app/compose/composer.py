"""Turn a brief into the document tree that every writer renders.

Everything that decides *what* a reader sees happens here - which sections
the template prints and in which order, standard headings, the title block,
header and footer lines, fact values, table numbering, "Source:" prefixes,
which links are safe - so the PDF, the Word file, the HTML page and the
preview cannot disagree. Template pieces are rendered in the sandbox; the
author's own text is never treated as a template.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Any

from briefing_app.compose import origins
from briefing_app.compose.citations import Citations, number_citations
from briefing_app.compose.figures import figure_node
from briefing_app.compose.links import (
    Anchors,
    has_bidi_controls,
    link_target,
    resolve_links,
    unlink_disguised,
)
from briefing_app.compose.tables import alignments, column_widths, max_columns
from briefing_app.document.links import safe_link
from briefing_app.document.measure import fitting_chars
from briefing_app.document.nodes import (
    BlockNode,
    CalloutNode,
    ControlRow,
    DocInfo,
    Document,
    FigureNode,
    FurnitureText,
    Heading,
    Inlines,
    ListNode,
    Logo,
    PageFurniture,
    Para,
    TableNode,
    Text,
    TitleBlock,
)
from briefing_app.document.style import HouseStyle
from briefing_app.errors import ExportError, FactError
from briefing_app.model.brief import (
    Brief,
    Section,
    SectionKind,
    SourcesContent,
    TableContent,
    TextContent,
)
from briefing_app.model.fact_refs import UnknownFact, describe_unknown
from briefing_app.model.facts import fact_key
from briefing_app.model.pictures import Figure
from briefing_app.model.text import Block, Callout, ListBlock, ListStyle, Paragraph, Run
from briefing_app.templating import (
    MarkingPosition,
    Piece,
    SectionOrder,
    Template,
    get_template,
    heading_sources,
)

NEEDS_SOURCE_TAG = " [source needed]"
#: Ends a title-block value too long for a page, in every format.
CUT_MARK = "\u2026 [cut: too long for the title block]"
_PT_PER_MM = 72 / 25.4


def source_inlines(text: str, url: str) -> Inlines:
    """How every format prints a source: "Text. https://full.address", the
    address a link (no second full stop when the text ends with one)."""
    url = safe_link(url)
    if not url:
        return (Text(text),)
    joint = " " if text.rstrip().endswith((".", "!", "?", ":")) else ". "
    return unlink_disguised((Text(text), Text(joint), Text(url, link=url)))[0]


def cut_to_page(value: str, style: HouseStyle) -> str:
    """A title-block value as printed: the whole of it when it fits on one
    page in its column, else as much as fits, then CUT_MARK.

    The estimate (compose/measure.py) errs towards cutting, so what is
    printed fits on a page in every format."""
    shares = style.control_columns or (1.0,)
    share = min(shares[1::2] or shares) / sum(shares)
    width_pt = style.frame_width_mm * _PT_PER_MM * share - style.control_pad_pt
    width_em = width_pt / style.small_pt
    usable = style.frame_height_mm * _PT_PER_MM - 2 * style.control_row_pad_pt
    lines = int(usable // style.small_line_pt)
    if fitting_chars(value, width_em, lines) == len(value):
        return value
    for spare in range(1, lines):  # leave room for the mark
        cut = value[: fitting_chars(value, width_em, lines - spare)].rstrip() + CUT_MARK
        if fitting_chars(cut, width_em, lines) == len(cut):
            return cut
    return CUT_MARK


def format_date(iso: str) -> str:
    """'2025-09-01' -> '1 September 2025'; anything else is shown as it is."""
    try:
        day = _dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day.strftime('%B')} {day.year}"


def template_context(brief: Brief, template: Template) -> dict[str, Any]:
    """What template pieces can use: plain values, never model objects."""
    meta = brief.metadata
    return {
        "brief": {
            "title": meta.title,
            "subtitle": meta.subtitle,
            "author": meta.author,
            "organisation": meta.organisation,
            "date": format_date(meta.date) if meta.date else "",
            "date_iso": meta.date,
            "reference": meta.reference,
            "version": meta.version,
            "marking": meta.marking.upper(),
            "recipients": list(meta.recipients),
            "language": meta.language,
        },
        "facts": {f.name: f.value for f in brief.facts},
        "template": {"name": template.name},
    }


def standard_headings() -> dict[SectionKind, set[str]]:
    """Headings that count as "standard" for each kind: its label and the
    heading any installed template gives it. A section with such a title
    takes the current template's heading; any other title is the author's."""
    out: dict[SectionKind, set[str]] = {k: {k.label.casefold()} for k in SectionKind}
    for kind, sources in heading_sources().items():
        out[kind].update(source.casefold() for source in sources)
    return out


class _Composer:
    def __init__(self, brief: Brief, template: Template) -> None:
        self.brief = brief
        self.template = template
        self.style = dataclasses.replace(
            template.style,
            page_size=brief.page_size,
            reference_docx=str(template.reference_docx or ""),
        )
        self.context = template_context(brief, template)
        self.facts = brief.fact_values()
        self.anchors = Anchors()
        self.table_number = 0
        self.figure_number = 0
        self.section_title = ""
        self.missing: dict[str, tuple[str, list[str]]] = {}  # unknown facts, where used
        self.strict_facts = True
        self.warnings: list[str] = []  # for the author, with every export
        self.draft = False  # a draft prints the "needs source" marks, and says DRAFT
        self.citations = Citations(template.citations, {e.id: e for e in brief.sources()})
        self._disguised: set[str] = set()  # sections with a disguised link
        self._standard = standard_headings()

    def render(self, piece: Piece, **extra: Any) -> str:
        return self.template.render(piece, {**self.context, **extra})

    # -- inline
    def inlines(self, runs: list[Run]) -> Inlines:
        out: list[Text] = []
        for i, run in enumerate(runs):
            if run.cite:
                if out and out[-1].note < 0:
                    self.citations.join(out[-1], run.cite)
                    continue
                mark = self.citations.placeholder(run.cite)
                if mark is not None:
                    out.append(mark)
                continue
            text = run.text
            if run.fact:
                value = self.facts.get(fact_key(run.fact))
                if value is None:
                    # Reported, all at once, when the tree is done.
                    titles = self.missing.setdefault(fact_key(run.fact), (run.fact, []))[1]
                    if self.section_title not in titles:
                        titles.append(self.section_title)
                else:
                    text = value
            if not text:
                continue
            out.append(
                Text(
                    text,
                    bold=run.bold,
                    italic=run.italic,
                    link=link_target(run.link),
                    highlight=run.needs_source and self.draft,
                )
            )
            # Only a draft shows the author's "needs source" marks: one tag
            # after a stretch of marked text, even when a fact or a link
            # splits the stretch into several runs.
            following = runs[i + 1] if i + 1 < len(runs) else None
            if self.draft and run.needs_source and not (following and following.needs_source):
                out.append(Text(NEEDS_SOURCE_TAG, italic=True, small=True))
        inlines, disguised = unlink_disguised(tuple(out))
        if disguised:
            self.disguised_link()
        return inlines

    def disguised_link(self) -> None:
        where = self.section_title
        if where in self._disguised:
            return
        self._disguised.add(where)
        self.warnings.append(
            f"A link in '{where}' has direction controls in its words (they can make "
            "an address read as another one): it is printed as plain text, without them."
        )

    # -- blocks
    def text_block(
        self, block: Block, origin: str = ""
    ) -> Para | ListNode | CalloutNode | FigureNode:
        if isinstance(block, Figure):
            self.figure_number += 1
            source = self.inlines(block.source)
            return figure_node(self.brief, block, self.figure_number, self.style, source)
        if isinstance(block, Paragraph):
            return Para(self.inlines(block.runs), origin=origin)
        if isinstance(block, ListBlock):
            return ListNode(
                ordered=block.style is ListStyle.NUMBERED,
                items=tuple(self.inlines(item) for item in block.items),
                origin=origin,
            )
        return self.callout(block, origin)

    def callout(self, block: Callout, origin: str = "", start: str = "") -> CalloutNode:
        inner = tuple(
            self.text_block(b, f"{origin}b{j}" if origin else "")
            for j, b in enumerate(block.blocks)
            if not isinstance(b, Callout | Figure)
        )
        return CalloutNode(
            title=block.title,
            blocks=inner,  # type: ignore[arg-type]
            origin=origin,
            start=start,
        )

    def table(self, section: Section, content: TableContent) -> TableNode:
        self.table_number += 1
        caption = content.caption.strip() or section.title
        rows = tuple(tuple(self.inlines(cell) for cell in row) for row in content.rows)
        source = self.inlines(content.source)
        if source and not source[0].text.lower().lstrip().startswith("source"):
            source = (Text("Source: ", italic=True), *source)
        s = self.style
        most = max_columns(s.frame_width_mm, s.table_min_column_mm)
        if len(content.columns) > most:
            # Narrower columns could not be read: refused here, so that no
            # format prints a table the others cannot.
            raise ExportError(
                f"The table '{caption}' has {len(content.columns):,} columns; at most "
                f"{most} fit across the page (each needs {s.table_min_column_mm:g} mm to be "
                "read). Split it into narrower tables, or turn it so that its columns "
                "become rows."
            )
        texts = [["".join(t.text for t in cell) for cell in row] for row in rows]
        return TableNode(
            header=tuple(content.columns),
            rows=rows,
            align=alignments(content.columns, texts),
            widths=column_widths(content.columns, texts, s.table_min_column_mm / s.frame_width_mm),
            caption=f"Table {self.table_number}: {caption}",
            source=source,
            origin=origins.section_key(section.id),
        )

    def heading_for(self, section: Section) -> str:
        piece = self.template.headings.get(section.kind)
        if piece is not None and section.title.strip().casefold() in self._standard[section.kind]:
            return self.render(piece).strip() or section.title
        return section.title

    def section(self, section: Section) -> list[BlockNode]:
        self.section_title = section.title
        content = section.content
        key = origins.section_key(section.id)
        start = origins.start_origin(key, origins.section_hash(section))
        if section.kind is SectionKind.CALLOUT and isinstance(content, TextContent):
            if not self.template.callouts:
                return []
            # The section is the box; a box inside it is merged into it (so
            # its pieces are not marked: they no longer match the blocks).
            flat: list[Paragraph | ListBlock] = []
            figures: list[Figure] = []  # printed below the box, in their order
            for block in content.blocks:
                if isinstance(block, Figure):
                    figures.append(block)
                else:
                    flat.extend(block.blocks if isinstance(block, Callout) else [block])
            # Marked only when the box's blocks are the section's own, in order
            # (its figures, printed below it, not counted).
            nested = any(isinstance(b, Callout) for b in content.blocks)
            box: list[BlockNode] = [
                self.callout(Callout(section.title, flat), "" if nested else f"{key}_", start)
            ]
            return box + [self.text_block(f) for f in figures]
        heading = Heading(1, self.heading_for(section), self.anchors.new(section.id), start)
        out: list[BlockNode] = [heading]
        if isinstance(content, TextContent):
            out.extend(
                self.text_block(b, f"{key}_{j}")
                for j, b in enumerate(content.blocks)
                if self.template.callouts or not isinstance(b, Callout)
            )
        elif isinstance(content, TableContent):
            out.append(self.table(section, content))
        elif isinstance(content, SourcesContent):
            if any(has_bidi_controls(e.url) for e in content.items if e.text):
                self.disguised_link()
            # Which entries print, in which order, is known once the whole
            # tree is numbered (number_citations).
            out.append(self.citations.sources_list(content))
        return out

    def printed_sections(self) -> list[Section | SectionKind]:
        """The sections this template prints, in its order; a kind stands for
        the template's standard text where the brief has no such section."""
        t = self.template
        sections = [s for s in self.brief.included_sections() if t.prints_kind(s.kind)]
        if t.order is SectionOrder.AUTHOR or not t.prints:
            ordered: list[Section | SectionKind] = list(sections)
        else:
            rank = {kind: i for i, kind in enumerate(t.prints)}
            ordered = sorted(sections, key=lambda s: rank[s.kind])
        present = {s.kind for s in sections}
        missing = [k for k in t.standard_text if k not in present and t.prints_kind(k)]
        for kind in missing:
            # Standard text goes where its kind falls in the template's order.
            position = len(ordered)
            if kind in t.prints:
                later = set(t.prints[t.prints.index(kind) + 1 :])
                position = next(
                    (
                        i
                        for i, s in enumerate(ordered)
                        if isinstance(s, Section) and s.kind in later
                    ),
                    len(ordered),
                )
            ordered.insert(position, kind)
        return ordered

    def standard_section(self, kind: SectionKind) -> list[BlockNode]:
        text = self.render(self.template.standard_text[kind]).strip()
        if not text:
            return []
        heading_piece = self.template.headings.get(kind)
        heading = self.render(heading_piece).strip() if heading_piece else kind.label
        anchor = self.anchors.new(f"std-{kind.value}")
        # Marked as the template's (not the brief's), so an update from Word
        # does not take it for a section a colleague added.
        key = origins.standard_key(kind.value)
        start = origins.start_origin(key, origins.STANDARD_HASH)
        return [
            Heading(1, heading or kind.label, anchor, start),
            Para((Text(text),), origin=f"{key}_0"),
        ]

    def furniture_line(self, piece: Piece | None) -> FurnitureText:
        if piece is None:
            return ()
        return self.template.render_line(piece, self.context)

    def title_block(self) -> TitleBlock:
        meta = self.brief.metadata
        rows = []
        for label, piece in self.template.title_rows:
            value = self.render(piece).strip()
            if not value:
                continue
            printed = cut_to_page(value, self.style)
            if printed != value:
                self.warnings.append(
                    f"'{label}' in the title block is too long to fit on a page "
                    f"({len(value):,} characters): every format prints it up to the mark "
                    f"'{CUT_MARK}'. Shorten it in the brief's properties."
                )
            rows.append(ControlRow(label, printed))
        logo = None
        if self.template.logo is not None:
            logo = Logo(
                str(self.template.logo), self.template.logo_alt or f"{self.template.name} logo"
            )
        return TitleBlock(meta.title or "Untitled brief", meta.subtitle, tuple(rows), logo)

    def document(self) -> Document:
        meta = self.brief.metadata
        blocks: list[BlockNode] = [self.title_block()]
        for item in self.printed_sections():
            if isinstance(item, Section):
                blocks.extend(self.section(item))
            else:
                blocks.extend(self.standard_section(item))
        if self.missing and self.strict_facts:
            unknown = [UnknownFact(name, tuple(titles)) for name, titles in self.missing.values()]
            raise FactError(describe_unknown(unknown))
        blocks, dropped = resolve_links(blocks, self.anchors)
        blocks, notes = number_citations(blocks, self.citations, source_inlines)
        t = self.template
        return Document(
            info=DocInfo(
                title=meta.title or "Untitled brief",
                author=meta.author or meta.organisation,
                subject=meta.subtitle or t.name,
                keywords=tuple(k for k in (meta.reference, meta.marking) if k),
                language=meta.language or "en-GB",
                created=meta.date,
                brief_id=self.brief.id[:100],
                brief_version=origins.brief_version(self.brief),
            ),
            style=self.style,
            furniture=PageFurniture(
                marking=meta.marking.upper(),
                marking_top=t.marking_position is not MarkingPosition.BOTTOM,
                marking_bottom=t.marking_position is not MarkingPosition.TOP,
                header_left=self.furniture_line(t.header_left),
                header_right=self.furniture_line(t.header_right),
                footer_left=self.furniture_line(t.footer_left),
                footer_right=self.furniture_line(t.footer_right),
            ),
            blocks=blocks,
            dropped_links=dropped,
            warnings=tuple(self.warnings),
            notes=notes,
            draft=t.draft_line if self.draft else "",
            page_budget=t.page_budget,
        )


def compose(
    brief: Brief,
    template: Template | None = None,
    *,
    strict_facts: bool = True,
    draft: bool = False,
) -> Document:
    """Compose ``brief`` with ``template`` (by default the brief's own).

    Raises FactError, naming every unknown fact and where it is used, when
    the printed text uses a fact that is not in the brief's facts table;
    with ``strict_facts`` false (the check) such a fact shows the value it
    last showed instead. A ``draft`` shows the "needs source" marks and
    carries the template's draft line for every page."""
    composer = _Composer(brief, template or get_template(brief.template))
    composer.strict_facts = strict_facts
    composer.draft = draft
    return composer.document()
