"""Turn a brief into the document tree that every writer renders.

Everything that decides *what* a reader sees happens here (numbering of
tables, "Source:" prefixes, the document-control rows, which links are safe),
so that the PDF, the Word file and the preview cannot disagree.
"""

from __future__ import annotations

import datetime as _dt
import math

from briefing_app.document.links import safe_link
from briefing_app.document.nodes import (
    Align,
    BlockNode,
    CalloutNode,
    ControlRow,
    DocInfo,
    Document,
    Heading,
    Inlines,
    ListNode,
    PageFurniture,
    Para,
    SourceItem,
    SourceList,
    TableNode,
    Text,
    TitleBlock,
)
from briefing_app.document.style import HouseStyle, default_style
from briefing_app.model.brief import (
    Brief,
    Metadata,
    Section,
    SectionKind,
    SourcesContent,
    TableContent,
    TextContent,
)
from briefing_app.model.text import Block, Callout, ListBlock, ListStyle, Paragraph, Run

NEEDS_SOURCE_TAG = " [source needed]"


def format_date(iso: str) -> str:
    """'2025-09-01' -> '1 September 2025'; anything else is shown as it is."""
    try:
        day = _dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day.strftime('%B')} {day.year}"


class _Composer:
    def __init__(self, brief: Brief, style: HouseStyle) -> None:
        self.brief = brief
        self.style = style
        self.anchors = frozenset(s.id for s in brief.included_sections())
        self.table_number = 0

    # -- inline
    def inlines(self, runs: list[Run]) -> Inlines:
        out: list[Text] = []
        for run in runs:
            if not run.text:
                continue
            out.append(
                Text(
                    run.text,
                    bold=run.bold,
                    italic=run.italic,
                    link=safe_link(run.link, self.anchors),
                    highlight=run.needs_source,
                )
            )
            if run.needs_source:
                out.append(Text(NEEDS_SOURCE_TAG, italic=True, small=True))
        return tuple(out)

    # -- blocks
    def text_block(self, block: Block) -> Para | ListNode | CalloutNode:
        if isinstance(block, Paragraph):
            return Para(self.inlines(block.runs))
        if isinstance(block, ListBlock):
            return ListNode(
                ordered=block.style is ListStyle.NUMBERED,
                items=tuple(self.inlines(item) for item in block.items),
            )
        return self.callout(block)

    def callout(self, block: Callout) -> CalloutNode:
        inner = tuple(self.text_block(b) for b in block.blocks if not isinstance(b, Callout))
        return CalloutNode(title=block.title, blocks=inner)  # type: ignore[arg-type]

    def table(self, section: Section, content: TableContent) -> TableNode:
        self.table_number += 1
        caption = content.caption.strip() or section.title
        rows = tuple(tuple(self.inlines(cell) for cell in row) for row in content.rows)
        source = self.inlines(content.source)
        if source and not source[0].text.lower().lstrip().startswith("source"):
            source = (Text("Source: ", italic=True), *source)
        return TableNode(
            header=tuple(content.columns),
            rows=rows,
            align=_alignments(content),
            widths=_column_widths(content),
            caption=f"Table {self.table_number}: {caption}",
            source=source,
        )

    def section(self, section: Section) -> list[BlockNode]:
        content = section.content
        if section.kind is SectionKind.CALLOUT and isinstance(content, TextContent):
            # The section is the box; a box inside it is merged into it.
            flat: list[Paragraph | ListBlock] = []
            for block in content.blocks:
                flat.extend(block.blocks if isinstance(block, Callout) else [block])
            return [self.callout(Callout(section.title, flat))]
        out: list[BlockNode] = [Heading(1, section.title, section.id)]
        if isinstance(content, TextContent):
            out.extend(self.text_block(b) for b in content.blocks)
        elif isinstance(content, TableContent):
            out.append(self.table(section, content))
        elif isinstance(content, SourcesContent):
            items = tuple(
                SourceItem(item.text, safe_link(item.url)) for item in content.items if item.text
            )
            if items:
                out.append(SourceList(items))
        return out

    def document(self) -> Document:
        meta = self.brief.metadata
        blocks: list[BlockNode] = [_title_block(meta)]
        for section in self.brief.included_sections():
            blocks.extend(self.section(section))
        return Document(
            info=DocInfo(
                title=meta.title or "Untitled brief",
                author=meta.author or meta.organisation,
                subject=meta.subtitle or "Policy brief",
                keywords=tuple(k for k in (meta.reference, meta.marking) if k),
                language=meta.language or "en-GB",
                created=meta.date,
            ),
            style=self.style,
            furniture=PageFurniture(
                marking=meta.marking.upper(),
                header_right=meta.reference,
            ),
            blocks=blocks,
        )


def _title_block(meta: Metadata) -> TitleBlock:
    rows: list[ControlRow] = []
    by = ", ".join(p for p in (meta.author, meta.organisation) if p)
    for label, value in (
        ("Reference", meta.reference),
        ("Date", format_date(meta.date) if meta.date else ""),
        ("Version", meta.version),
        ("From", by),
        ("For", "; ".join(r for r in meta.recipients if r)),
        ("Marking", meta.marking.upper()),
    ):
        if value.strip():
            rows.append(ControlRow(label, value))
    return TitleBlock(meta.title or "Untitled brief", meta.subtitle, tuple(rows))


def _cell_text(cell: list[Run]) -> str:
    return "".join(r.text for r in cell).strip()


def _is_number(text: str) -> bool:
    cleaned = text.replace(",", "").replace("%", "").replace("\u2212", "-").strip()
    cleaned = cleaned.lstrip("~<>≈+-").strip()
    if not cleaned:
        return False
    try:
        float(cleaned)
    except ValueError:
        return False
    return True


def _alignments(content: TableContent) -> tuple[Align, ...]:
    """Right-align columns whose filled cells are all numbers."""
    aligns = []
    for c in range(len(content.columns)):
        values = [_cell_text(row[c]) for row in content.rows if _cell_text(row[c])]
        numeric = bool(values) and all(_is_number(v) for v in values)
        aligns.append(Align.RIGHT if numeric else Align.LEFT)
    return tuple(aligns)


def _column_widths(content: TableContent) -> tuple[float, ...]:
    """Share the width by how much text each column holds, within bounds.

    Square roots keep a long-text column from starving a short one; a floor
    keeps every column readable.
    """
    n = len(content.columns)
    if n == 0:
        return ()
    sample = content.rows[:200]
    weights = []
    for c, heading in enumerate(content.columns):
        lengths = [len(_cell_text(row[c])) for row in sample] or [0]
        typical = max(sum(lengths) / len(lengths), max(lengths) * 0.5, len(heading), 4)
        weights.append(math.sqrt(typical))
    total = sum(weights)
    floor = min(0.12, 1.0 / n)
    shares = [max(w / total, floor) for w in weights]
    scale = sum(shares)
    return tuple(s / scale for s in shares)


def compose(brief: Brief, style: HouseStyle | None = None) -> Document:
    """Compose ``brief`` into the document tree the writers render."""
    return _Composer(brief, style or default_style(brief.page_size)).document()
