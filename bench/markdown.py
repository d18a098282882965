"""The document tree as pandoc Markdown: benchmark code, not a product feature.

The side-by-side benchmark hands pandoc the same content our writers get, so
this writes every block of the tree (title and document control, headings,
paragraphs with bold, italic and links, lists, tables with their alignment,
relative widths, caption and source line, callouts, sources). Markdown has no
page furniture, so the protective marking is a bold line at the top.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from briefing_app.document.nodes import (
    Align,
    BlockNode,
    CalloutNode,
    Document,
    FigureNode,
    Heading,
    Inlines,
    ListNode,
    Para,
    ParaRole,
    TableNode,
    Text,
    TitleBlock,
)
from briefing_app.writers.charts import number_label

# Pandoc lets a backslash escape any ASCII punctuation; these can start
# markup anywhere in a line (emphasis, links, raw HTML, entities, citations,
# maths, sub/superscript, table cells).
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]<>&|@$~^#])")
# ...and these only at the start of a line: headings, quotes, setext
# underlines, definition lists, title blocks, and list markers ("- ", "1.",
# "a)", "iv.", "(b)").
_LINE_START_SPECIAL = re.compile(r"^(\s*)([-+=>:%(]|(?:\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)[.)])")
# Table widths: pandoc takes relative widths from the dashes of the separator
# line when a line is longer than its 72 columns, so use more dashes than that.
_TABLE_DASHES = 100
_ANCHOR = re.compile(r"[A-Za-z][\w.:-]*")


def escape(text: str) -> str:
    """``text`` as literal Markdown, line breaks kept as hard breaks."""
    lines = []
    for line in text.split("\n"):
        line = _INLINE_SPECIAL.sub(r"\\\1", line)
        lines.append(_LINE_START_SPECIAL.sub(_escape_line_start, line))
    return "\\\n".join(lines)


def _escape_line_start(match: re.Match[str]) -> str:
    lead, marker = match.group(1), match.group(2)
    if len(marker) > 1:
        return f"{lead}{marker[:-1]}\\{marker[-1]}"
    return f"{lead}\\{marker}"


def _link_target(url: str) -> str:
    # Spaces and brackets would end the link; links are already safe (compose).
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")


def inlines(items: Inlines) -> str:
    out = ""
    for item in _merged(items):
        piece = _inline(item)
        if out.endswith("*") and piece.startswith("*"):
            # "*a*" then "**b**" would read as "*a****b**": an empty span
            # keeps the two marks apart and shows nothing.
            out += "[]{}"
        out += piece
    return out


def _merged(items: Inlines) -> list[Text]:
    """Neighbours with the same marks as one run, so no `**a****b**`."""
    merged: list[Text] = []
    for item in items:
        if merged and _marks(merged[-1]) == _marks(item):
            last = merged.pop()
            item = Text(last.text + item.text, last.bold, last.italic, last.link)
        merged.append(item)
    return merged


def _marks(item: Text) -> tuple[bool, bool, str]:
    return (item.bold, item.italic, item.link)


def _inline(item: Text) -> str:
    body = item.text.strip()
    if not body:
        return escape(item.text)
    # Emphasis must hug its text: keep surrounding spaces outside the marks.
    lead = item.text[: len(item.text) - len(item.text.lstrip())]
    trail = item.text[len(item.text.rstrip()) :]
    marked = escape(body)
    if item.italic:
        marked = f"*{marked}*"
    if item.bold:
        marked = f"**{marked}**"
    if item.link:
        marked = f"[{marked}]({_link_target(item.link)})"
    return f"{escape(lead)}{marked}{escape(trail)}"


def _title_block(block: TitleBlock) -> list[str]:
    # YAML metadata; YAML reads JSON strings, pandoc reads their Markdown.
    meta = ["---", f"title: {json.dumps(escape(block.title))}"]
    if block.subtitle:
        meta.append(f"subtitle: {json.dumps(escape(block.subtitle))}")
    meta.append("---")
    parts = ["\n".join(meta)]
    if block.control:
        rows = [f"**{escape(row.label)}:** {escape(row.value)}" for row in block.control]
        parts.append("\\\n".join(rows))
    return parts


def _heading(block: Heading) -> str:
    marks = "#" * max(1, min(6, block.level))
    anchor = f" {{#{block.anchor}}}" if _ANCHOR.fullmatch(block.anchor) else ""
    text = escape(block.text.replace("\n", " "))
    return f"{marks} {text}{anchor}"


def _para(block: Para) -> str:
    text = _unindented(inlines(block.inlines))
    if block.role is ParaRole.CAPTION:
        return f"**{text}**" if text.strip() else text
    return text


def _unindented(text: str) -> str:
    # Four leading spaces would make a code block; Markdown drops them anyway.
    return "\n".join(line.lstrip(" \t") for line in text.split("\n"))


def _list(block: ListNode) -> str:
    lines = []
    for number, item in enumerate(block.items, start=1):
        marker = f"{number}." if block.ordered else "-"
        pad = " " * (len(marker) + 1)
        text = _unindented(inlines(item)).replace("\n", "\n" + pad)
        lines.append(f"{marker} {text}")
    return "\n".join(lines)


def _cell(items: Inlines) -> str:
    # A pipe-table cell is one line: line breaks become spaces.
    return inlines(tuple(Text(t.text.replace("\n", " "), t.bold, t.italic, t.link) for t in items))


def _table(block: TableNode) -> list[str]:
    columns = len(block.header)
    widths = block.widths if len(block.widths) == columns else (1 / columns,) * columns
    rule = []
    for align, width in zip(block.align or (Align.LEFT,) * columns, widths, strict=False):
        dashes = "-" * max(3, round(width * _TABLE_DASHES))
        rule.append(dashes[:-1] + ":" if align is Align.RIGHT else dashes)
    lines = [
        "| " + " | ".join(escape(h.replace("\n", " ")) for h in block.header) + " |",
        "|" + "|".join(rule) + "|",
    ]
    for row in block.rows:
        cells = [_cell(cell) for cell in row] + [""] * (columns - len(row))
        lines.append("| " + " | ".join(cells[:columns]) + " |")
    parts = []
    if block.caption:
        lines.append("")
        lines.append(f"Table: {escape(block.caption)}")
    parts.append("\n".join(lines))
    if block.source:
        parts.append(inlines(block.source))
    return parts


def _callout(block: CalloutNode) -> str:
    inner = [f"**{escape(block.title)}**"] if block.title else []
    inner += [_block(b) for b in block.blocks]
    text = "\n\n".join(part for part in inner if part)
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


def _block(block: BlockNode) -> str:
    if isinstance(block, Heading):
        return _heading(block)
    if isinstance(block, Para):
        return _para(block)
    if isinstance(block, ListNode):
        return _list(block)
    if isinstance(block, CalloutNode):
        return _callout(block)
    if isinstance(block, FigureNode):
        return _figure(block)
    raise TypeError(f"not a simple block: {type(block).__name__}")


def _figure(block: FigureNode) -> str:
    """The caption, what the figure shows in words (a chart's numbers as a
    table, a picture's alt text), and its source line: pandoc is given no
    picture files to fetch."""
    parts = [f"**{escape(block.caption)}**"]
    chart = block.chart
    if chart is not None:
        header = ["", *(s.name for s in chart.series)]
        lines = ["| " + " | ".join(escape(h) for h in header) + " |",
                 "|" + "|".join("---" for _ in header) + "|"]  # fmt: skip
        for i, category in enumerate(chart.categories):
            values = [number_label(s.values[i]) for s in chart.series]
            lines.append("| " + " | ".join(escape(v) for v in [category, *values]) + " |")
        parts.append("\n".join(lines))
    elif block.alt:
        parts.append(f"*{escape(block.alt)}*")
    if block.source:
        parts.append(inlines(block.source))
    return "\n\n".join(parts)


def write_markdown(tree: Document) -> str:
    """The whole tree as one pandoc Markdown document."""
    parts: list[str] = []
    for block in tree.blocks:
        if isinstance(block, TitleBlock):
            parts += _title_block(block)
        elif isinstance(block, TableNode):
            parts += _table(block)
        else:
            parts.append(_block(block))
    if tree.furniture.marking:
        # After the metadata block, which must come first.
        at = 1 if tree.blocks and isinstance(tree.blocks[0], TitleBlock) else 0
        parts.insert(at, f"**{escape(tree.furniture.marking)}**")
    return "\n\n".join(p for p in parts if p) + "\n"
