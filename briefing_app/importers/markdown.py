"""Read Markdown (CommonMark with pipe tables) through markdown-it-py.

Headings, paragraphs, lists (nested lists are flattened into their outer
list), pipe tables, bold, italic and links carry over. Block quotes keep
their text; code keeps its text. A paragraph that is one picture
(``![alt](file "title")``) becomes a picture, its file read relative to the
Markdown file (pictures.py); a picture inside a sentence keeps its
description as text. HTML is not interpreted: it stays as the text it is.

markdown-it gives a flat list of tokens. Blocks nest at most
``maxNesting`` deep (deeper input is refused as :class:`TooDeep`), so they
are read from a small tree; inline marks can nest as deep as the text goes
("*" * 5000 ...), so they are read from the flat tokens with a stack, never
by recursion. markdown-it's own ``SyntaxTreeNode`` recurses on both.

Bounded work: the parser (markdown_parser.py) counts its work and stops
at a budget; each block's inline tokens are read into runs and dropped
before the next block is parsed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from markdown_it.token import Token

from briefing_app.importers.items import (
    SrcBlock,
    SrcHeading,
    SrcList,
    SrcParagraph,
    SrcPicture,
    SrcTable,
)
from briefing_app.importers.markdown_parser import RUN_WORK, Parser
from briefing_app.importers.runs import join_runs, plain, strip_runs
from briefing_app.model.text import ListStyle, Run
from briefing_app.progress import Progress

_CODE = ("fence", "code_block")
_LISTS = ("bullet_list", "ordered_list")
_TEXT = ("text", "text_special", "code_inline", "html_inline")
_BREAKS = {"softbreak": " ", "hardbreak": "\n"}


class TooDeep(Exception):
    """Quotes or lists nest deeper than markdown-it reads: it would drop the
    text inside them, so the caller reads the file as plain text instead."""


def markdown_blocks(
    text: str, *, budget: int | None = None, progress: Progress | None = None
) -> list[SrcBlock]:
    parser = Parser(budget, progress)
    env: dict[str, Any] = {}  # link reference definitions, read by the inline parser
    tokens = parser.parse_blocks(text, env)
    deepest = parser.options.maxNesting - 1
    if any(token.nesting == 1 and token.level >= deepest for token in tokens):
        raise TooDeep
    reader = _Reader(parser, env)
    for node in _block_tree(tokens):
        reader.block(node)
    return reader.out


@dataclass(slots=True)
class _Node:
    """A block: its opening token (or its only one) and the blocks inside."""

    type: str
    token: Token
    children: list[_Node] = field(default_factory=list)


def _block_tree(tokens: list[Token]) -> list[_Node]:
    root: list[_Node] = []
    stack = [root]
    for token in tokens:
        if token.nesting < 0:
            if len(stack) > 1:
                stack.pop()
            continue
        node = _Node(token.type.removesuffix("_open") if token.nesting else token.type, token)
        stack[-1].append(node)
        if token.nesting:
            stack.append(node.children)
    return root


def _walk(node: _Node) -> Iterator[_Node]:
    """``node`` and every block below it, in document order."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


class _Reader:
    def __init__(self, parser: Parser, env: dict[str, Any]) -> None:
        self.parser = parser
        self.env = env
        self.out: list[SrcBlock] = []

    def block(self, node: _Node) -> None:
        kind = node.type
        if kind == "heading":
            text = " ".join(plain(self.inline_of(node)).split())
            if text:
                self.out.append(SrcHeading(int(node.token.tag[1:]), text))
        elif kind == "paragraph" and (picture := self.lone_picture(node)) is not None:
            self.out.append(picture)
        elif kind == "paragraph":
            runs = strip_runs(self.inline_of(node))
            if runs:
                self.out.append(SrcParagraph(runs))
        elif kind in _LISTS:
            style = ListStyle.NUMBERED if kind == "ordered_list" else ListStyle.BULLET
            items: list[list[Run]] = []
            self.list_items(node, items)
            if items:
                self.out.append(SrcList(style, items))
        elif kind in _CODE:
            code = node.token.content.rstrip("\n")
            if code.strip():
                self.out.append(SrcParagraph([Run(code)]))
        elif kind == "table":
            rows = [[self.inline_of(cell) for cell in tr.children] for tr in _rows(node)]
            if rows:
                self.out.append(SrcTable(rows))
        elif kind == "hr":
            pass  # a separator: nothing to keep
        else:  # blockquote and anything else that holds blocks
            for child in node.children:
                self.block(child)  # as deep as blocks nest: under maxNesting

    def list_items(self, node: _Node, items: list[list[Run]]) -> None:
        """Each list item's text; items of a nested list follow their parent."""
        for item in node.children:
            parts: list[list[Run]] = []
            nested: list[_Node] = []
            for child in item.children:
                if child.type in _LISTS:
                    nested.append(child)
                elif child.type == "paragraph":
                    parts.append(strip_runs(self.inline_of(child)))
                elif child.type in _CODE:
                    parts.append([Run(child.token.content.rstrip("\n"))])
                else:
                    parts.append(strip_runs(self.flat_text(child)))
            runs = join_runs(parts)
            if runs:
                items.append(runs)
            for sub in nested:
                self.list_items(sub, items)  # as deep as lists nest: under maxNesting

    def flat_text(self, node: _Node) -> list[Run]:
        """Every bit of inline text below ``node`` (a quote or table in a list item)."""
        parts: list[list[Run]] = []
        for child in _walk(node):
            if child.type == "inline":
                parts.append(self.inlines(child.token))
            elif child.type in _CODE:
                parts.append([Run(child.token.content.rstrip("\n"))])
        return join_runs(parts)

    def lone_picture(self, node: _Node) -> SrcPicture | None:
        """A paragraph holding one picture and nothing else, as a picture
        whose ``name`` is the address written (read later, beside the file)."""
        inline = next((c.token for c in node.children if c.type == "inline"), None)
        if inline is None or not inline.content.lstrip().startswith("!["):
            return None
        children: list[Token] = []
        self.parser.inline.parse(inline.content, self.parser, self.env, children)
        parts = [
            t for t in children
            if not (t.type == "text" and not t.content.strip()) and t.type not in _BREAKS
        ]  # fmt: skip
        if len(parts) != 1 or parts[0].type != "image":
            return None
        image = parts[0]
        alt = " ".join((image.content or "").split())
        title = str(image.attrs.get("title", "") or "")
        return SrcPicture(alt, title, b"", str(image.attrs.get("src", "")))

    def inline_of(self, node: _Node) -> list[Run]:
        for child in node.children:
            if child.type == "inline":
                return self.inlines(child.token)
        return []

    def inlines(self, token: Token) -> list[Run]:
        """The runs of one block's inline content, parsed now and not kept."""
        children: list[Token] = []
        self.parser.inline.parse(token.content, self.parser, self.env, children)
        return _runs(children, self.parser)


def _rows(table: _Node) -> list[_Node]:
    rows = []
    for part in table.children:  # thead, tbody
        rows.extend(child for child in part.children if child.type == "tr")
    return rows


def _runs(tokens: list[Token], parser: Parser) -> list[Run]:
    """Runs from inline tokens: a flat list where marks open and close
    (nesting 1 and -1), and a picture holds its description. Text with the
    same marks is gathered and becomes one run."""
    runs: list[Run] = []
    texts: list[str] = []
    written = (False, False, "")  # the marks of the text in ``texts``

    def flush() -> None:
        if texts:
            parser.spend(RUN_WORK)
            runs.append(Run("".join(texts), bold=written[0], italic=written[1], link=written[2]))
            texts.clear()

    marks = [written]  # (bold, italic, link) at each depth
    pending = [iter(tokens)]
    while pending:
        token = next(pending[-1], None)
        if token is None:
            pending.pop()
            continue
        kind = token.type
        if kind in _TEXT or kind in _BREAKS:
            text = _BREAKS.get(kind) or token.content
            if text:
                if marks[-1] != written:
                    flush()
                    written = marks[-1]
                texts.append(text)
        elif token.nesting > 0:
            bold, italic, link = marks[-1]
            if kind == "strong_open":
                bold = True
            elif kind == "em_open":
                italic = True
            elif kind == "link_open":
                link = link or str(token.attrs.get("href", ""))
            marks.append((bold, italic, link))
        elif token.nesting < 0:
            if len(marks) > 1:
                marks.pop()
        elif token.children:  # a picture: its description, with the marks around it
            pending.append(iter(token.children))
    flush()
    return runs
