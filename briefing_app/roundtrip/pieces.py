"""A section as the pieces a Word export marks, and back.

A text section is a list of pieces (paragraphs, list items, callout titles
and the paragraphs and items inside callouts, and its figures, which Word
does not bring back: they stay where they are), a table section a header and
rows, each with the place (``path``) its export mark names
(compose/origins.py). Updating a section changes, adds, removes and moves
pieces; :func:`rebuild` makes the section's content from the pieces again,
lists and callouts regrouped.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum

from briefing_app.compose.composer import compose
from briefing_app.compose.origins import section_key
from briefing_app.document.nodes import CalloutNode, Heading, ListNode, ListRole, Para, TableNode
from briefing_app.document.origins import printed, unit_text
from briefing_app.model.brief import Brief, Section, SectionKind, TableContent, TextContent
from briefing_app.model.pictures import Figure
from briefing_app.model.text import Callout, ListBlock, ListStyle, Paragraph, Run, plain


class PieceKind(StrEnum):
    PARAGRAPH = "paragraph"
    ITEM = "list item"
    BOX_TITLE = "callout title"
    ROW = "table row"
    HEADER = "header row"
    FIGURE = "figure"  # never printed as text: kept as it is


@dataclass(slots=True)
class Piece:
    kind: PieceKind
    path: str  # the export's place; "" for a piece new from Word
    runs: list[Run] = field(default_factory=list)
    cells: list[list[Run]] = field(default_factory=list)
    style: ListStyle = ListStyle.BULLET
    group: str = ""  # the list it belongs to
    box: str = ""  # the callout it is in
    figure: Figure | None = None

    def text(self) -> str:
        if self.kind in (PieceKind.ROW, PieceKind.HEADER):
            return " | ".join(unit_text(plain(c)) for c in self.cells)
        return unit_text(plain(self.runs))


def section_pieces(section: Section) -> list[Piece]:
    content = section.content
    if isinstance(content, TableContent):
        header = Piece(
            PieceKind.HEADER, "hd", cells=[[Run(c)] if c else [] for c in content.columns]
        )
        rows = [
            Piece(PieceKind.ROW, f"r{i}", cells=list(row)) for i, row in enumerate(content.rows)
        ]
        return [header, *rows]
    if not isinstance(content, TextContent):
        return []
    out: list[Piece] = []
    if section.kind is SectionKind.CALLOUT:
        if any(isinstance(b, Callout) for b in content.blocks):
            return []  # printed merged into one box: not marked piece by piece
        # The box's blocks are numbered without the figures (printed below it).
        j = 0
        for block in content.blocks:
            if isinstance(block, Figure):
                out.append(_figure_piece(block, f"f{len(out)}", ""))
                continue
            out.extend(_block_pieces(block, f"b{j}", ""))  # type: ignore[arg-type]
            j += 1
        return out
    for j, block in enumerate(content.blocks):
        if isinstance(block, Callout):
            box = f"{j}"
            out.append(Piece(PieceKind.BOX_TITLE, f"{j}t", [Run(block.title)], box=box))
            for k, inner in enumerate(block.blocks):
                out.extend(_block_pieces(inner, f"{j}b{k}", box))
        else:
            out.extend(_block_pieces(block, f"{j}", ""))
    return out


def _figure_piece(figure: Figure, path: str, box: str) -> Piece:
    # Its path is one the export never prints as text, so it is kept in place.
    return Piece(PieceKind.FIGURE, f"{path}fig", figure=figure, box=box)


def _block_pieces(block: Paragraph | ListBlock | Figure, path: str, box: str) -> list[Piece]:
    if isinstance(block, Figure):
        return [_figure_piece(block, path, box)]
    if isinstance(block, Paragraph):
        return [Piece(PieceKind.PARAGRAPH, path, list(block.runs), box=box)]
    return [
        Piece(PieceKind.ITEM, f"{path}i{i}", list(item), style=block.style, group=path, box=box)
        for i, item in enumerate(block.items)
    ]


def rebuild(section: Section, pieces: list[Piece]) -> Section:
    """``section`` with its content made from ``pieces``."""
    content = section.content
    if isinstance(content, TableContent):
        header = next((p for p in pieces if p.kind is PieceKind.HEADER), None)
        columns = [unit_text(plain(c)) for c in header.cells] if header else list(content.columns)
        width = len(content.columns)
        columns = (columns + content.columns[len(columns) :])[:width]
        rows = [
            (list(p.cells) + [[] for _ in range(width)])[:width]
            for p in pieces
            if p.kind is PieceKind.ROW
        ]
        new = dataclasses.replace(content, columns=columns, rows=rows)
        return dataclasses.replace(section, content=new)
    blocks: list[Paragraph | ListBlock | Callout] = []
    box: Callout | None = None
    box_id = ""
    open_list: ListBlock | None = None  # the list the next item may join
    open_group = ""
    for piece in pieces:
        if piece.box and (box is None or piece.box != box_id):
            box, box_id, open_list = Callout(blocks=[]), piece.box, None
            blocks.append(box)
        elif not piece.box and box is not None:
            box, box_id, open_list = None, "", None
        holder: list = box.blocks if box is not None else blocks
        if piece.kind is PieceKind.FIGURE:
            open_list = None
            if piece.figure is not None:
                holder.append(piece.figure)
            continue
        if piece.kind is PieceKind.BOX_TITLE:
            if box is not None:
                box.title = " ".join(plain(piece.runs).split())
            continue
        if piece.kind is PieceKind.ITEM:
            if (
                open_list is not None
                and open_list.style is piece.style
                and open_group == piece.group
            ):
                open_list.items.append(list(piece.runs))
            else:
                open_list, open_group = ListBlock(piece.style, [list(piece.runs)]), piece.group
                holder.append(open_list)
            continue
        open_list = None
        holder.append(Paragraph(list(piece.runs)))
    return dataclasses.replace(section, content=TextContent(blocks))  # type: ignore[arg-type]


def printed_pieces(brief: Brief) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """What an export of ``brief`` prints now: section key -> {path: text}
    (a row's cells joined with " | "), and section key -> heading."""
    document = compose(brief, strict_facts=False)
    texts: dict[str, dict[str, str]] = {}
    headings: dict[str, str] = {}
    keys = {section_key(s.id) for s in brief.sections}

    def put(origin: str, text: str) -> None:
        key, _, path = origin.partition("_")
        if key in keys:
            texts.setdefault(key, {})[path] = unit_text(text)

    section = ""  # the key of the section being read
    for block in document.blocks:
        match block:
            case Heading() if block.origin:
                section = block.origin.partition("_")[0]
                headings[section] = block.text
            case ListNode() if block.role is ListRole.SOURCES and section in keys:
                texts.setdefault(section, {})["sources"] = "\n".join(
                    unit_text(printed(item)) for item in block.items
                )
            case Para() if block.origin:
                put(block.origin, printed(block.inlines))
            case ListNode() if block.origin:
                for i, item in enumerate(block.items):
                    put(f"{block.origin}i{i}", printed(item))
            case TableNode() if block.origin:
                put(f"{block.origin}_hd", " | ".join(unit_text(h) for h in block.header))
                for r, row in enumerate(block.rows):
                    cells = " | ".join(unit_text(printed(c)) for c in row)
                    put(f"{block.origin}_r{r}", cells)
            case CalloutNode() if block.origin:
                if block.start:
                    headings[block.start.partition("_")[0]] = block.title
                put(f"{block.origin}t", block.title)
                for inner in block.blocks:
                    if isinstance(inner, Para) and inner.origin:
                        put(inner.origin, printed(inner.inlines))
                    elif isinstance(inner, ListNode) and inner.origin:
                        for i, item in enumerate(inner.items):
                            put(f"{inner.origin}i{i}", printed(item))
    return texts, headings
