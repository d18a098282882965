"""Read Markdown (CommonMark with pipe tables) through markdown-it-py.

Headings, paragraphs, lists (nested lists are flattened into their outer
list), pipe tables, bold, italic and links carry over. Block quotes keep
their text; code keeps its text; a picture keeps its description. HTML is
not interpreted: it stays as the text it is.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from briefing_app.importers.items import SrcBlock, SrcHeading, SrcList, SrcParagraph, SrcTable
from briefing_app.importers.runs import join_runs, plain, strip_runs
from briefing_app.model.text import ListStyle, Run


def _parser() -> MarkdownIt:
    # "commonmark" keeps markdown-it's nesting limit, so deeply nested quotes
    # or lists cannot exhaust the stack; "table" adds GitHub pipe tables.
    return MarkdownIt("commonmark", {"html": False}).enable("table")


class TooDeep(Exception):
    """Quotes or lists nest deeper than markdown-it reads: it would drop the
    text inside them, so the caller reads the file as plain text instead."""


def markdown_blocks(text: str) -> list[SrcBlock]:
    parser = _parser()
    tokens = parser.parse(text)
    deepest = parser.options.maxNesting - 1
    if any(token.nesting == 1 and token.level >= deepest for token in tokens):
        raise TooDeep
    root = SyntaxTreeNode(tokens)
    reader = _Reader()
    reader.blocks(root.children)
    return reader.out


class _Reader:
    def __init__(self) -> None:
        self.out: list[SrcBlock] = []

    def blocks(self, nodes: list[SyntaxTreeNode]) -> None:
        for node in nodes:
            self.block(node)

    def block(self, node: SyntaxTreeNode) -> None:
        kind = node.type
        if kind == "heading":
            text = " ".join(plain(_inline_of(node)).split())
            if text:
                self.out.append(SrcHeading(int(node.tag[1:]), text))
        elif kind == "paragraph":
            runs = strip_runs(_inline_of(node))
            if runs:
                self.out.append(SrcParagraph(runs))
        elif kind in ("bullet_list", "ordered_list"):
            style = ListStyle.NUMBERED if kind == "ordered_list" else ListStyle.BULLET
            items: list[list[Run]] = []
            _list_items(node, items)
            if items:
                self.out.append(SrcList(style, items))
        elif kind in ("fence", "code_block"):
            code = node.content.rstrip("\n")
            if code.strip():
                self.out.append(SrcParagraph([Run(code)]))
        elif kind == "table":
            rows = [[_inline_of(cell) for cell in tr.children] for tr in _rows(node)]
            if rows:
                self.out.append(SrcTable(rows))
        elif kind == "hr":
            pass  # a separator: nothing to keep
        else:  # blockquote and anything else that holds blocks
            self.blocks(node.children)


def _rows(table: SyntaxTreeNode) -> list[SyntaxTreeNode]:
    rows = []
    for part in table.children:  # thead, tbody
        rows.extend(child for child in part.children if child.type == "tr")
    return rows


def _list_items(node: SyntaxTreeNode, items: list[list[Run]]) -> None:
    """Each list item's text; items of a nested list follow their parent."""
    for item in node.children:
        parts: list[list[Run]] = []
        nested: list[SyntaxTreeNode] = []
        for child in item.children:
            if child.type in ("bullet_list", "ordered_list"):
                nested.append(child)
            elif child.type == "paragraph":
                parts.append(strip_runs(_inline_of(child)))
            elif child.type in ("fence", "code_block"):
                parts.append([Run(child.content.rstrip("\n"))])
            else:
                parts.append(strip_runs(_flat_text(child)))
        runs = join_runs(parts)
        if runs:
            items.append(runs)
        for sub in nested:
            _list_items(sub, items)


def _flat_text(node: SyntaxTreeNode) -> list[Run]:
    """Every bit of inline text below ``node`` (a quote or table in a list item)."""
    parts: list[list[Run]] = []
    for child in node.walk():
        if child.type == "inline":
            parts.append(_inlines(child.children))
        elif child.type in ("fence", "code_block"):
            parts.append([Run(child.content.rstrip("\n"))])
    return join_runs(parts)


def _inline_of(node: SyntaxTreeNode) -> list[Run]:
    for child in node.children:
        if child.type == "inline":
            return _inlines(child.children)
    return []


def _inlines(
    nodes: list[SyntaxTreeNode], bold: bool = False, italic: bool = False, link: str = ""
) -> list[Run]:
    runs: list[Run] = []
    for node in nodes:
        kind = node.type
        if kind in ("text", "text_special", "code_inline", "html_inline"):
            runs.append(Run(node.content, bold=bold, italic=italic, link=link))
        elif kind == "softbreak":
            runs.append(Run(" ", bold=bold, italic=italic, link=link))
        elif kind == "hardbreak":
            runs.append(Run("\n", bold=bold, italic=italic, link=link))
        elif kind == "strong":
            runs.extend(_inlines(node.children, True, italic, link))
        elif kind == "em":
            runs.extend(_inlines(node.children, bold, True, link))
        elif kind == "link":
            href = str(node.attrs.get("href", ""))
            runs.extend(_inlines(node.children, bold, italic, link or href))
        else:  # image (its description), strikethrough and the like: the text
            runs.extend(_inlines(node.children, bold, italic, link))
    return runs
