"""markdown-it-py with a budget: it counts its work and stops at ``MAX_WORK``.

markdown-it takes a microsecond or more, and a few hundred bytes, for each
token it makes and each rule it tries, and dense Markdown ("- a" on every
line, "*a* " over and over) needs several for every character, so a
limit on size alone would be far too tight for prose or far too loose for
hostile input. The reader (markdown.py) parses inline content one block at
a time, through ``parser.inline.parse``, and drops it once read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.parser_block import ParserBlock
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType

from briefing_app.importers.limits import TooMuch
from briefing_app.progress import Progress

#: Work (see Parser) allowed for one file: a few seconds, a few hundred MB.
MAX_WORK = 3_500_000
# Work beyond one unit, so that a unit takes about as long whatever the
# Markdown (measured on dense inputs of each kind): an inline parse sets up a
# state and post-processes it, a link's address is parsed and encoded again
# (mdurl), and every run made is cleaned, built on and saved.
_INLINE_PARSE_WORK = 12
_LINK_WORK = 30
RUN_WORK = 2
# The table rule splits its rows character by character before it makes a
# token, so pipes are paid for before parsing starts (a header row of a
# million cells is refused at once).
_PIPE_WORK = 3
_CHECK_EVERY = 50_000


class TooLong(TooMuch):
    """More Markdown than can be read in bounded time and memory."""

    def __init__(self) -> None:
        super().__init__(
            "the Markdown has too many lines, marks and links to read in one go. Split it "
            "into smaller files and import each, or give it the ending .txt to import it "
            "as plain text."
        )


class Parser(MarkdownIt):
    """markdown-it that counts its work and stops (TooLong) after ``budget``
    units: one for each line, each rule tried and each token made, which is
    what its time and memory grow with. Time per byte differs twentyfold
    between prose and dense or hostile Markdown ("![" over and over), so a
    limit on size alone would be far too tight for one or too loose for
    the other."""

    def __init__(self, budget: int | None = None, progress: Progress | None = None) -> None:
        super().__init__("commonmark", {"html": False})
        self.budget = MAX_WORK if budget is None else budget
        # Cancelling is looked for every _CHECK_EVERY units of work.
        self.progress = progress
        self._next_check = self.budget - _CHECK_EVERY
        self.block = _BlockParser()
        self.inline = _InlineParser()
        # "commonmark" keeps markdown-it's nesting limit, so deeply nested
        # quotes or lists cannot exhaust the stack; "table" adds pipe tables.
        self.configure("commonmark", {"html": False}).enable("table")
        # Inline content is parsed one block at a time, by the reader.
        self.disable(["inline", "text_join"])
        for ruler in (self.block.ruler, self.inline.ruler):
            for rule in list(ruler.__rules__):
                ruler.at(rule.name, self._counted(rule.fn), {"alt": rule.alt})

    def parse_blocks(self, text: str, env: dict[str, Any]) -> list[Token]:
        """The block tokens of ``text``; each line and each pipe is paid for first."""
        self.spend(text.count("\n") + _PIPE_WORK * text.count("|"))
        return self.parse(text, env)

    def spend(self, units: int = 1) -> None:
        self.budget -= units
        if self.budget < 0:
            raise TooLong
        if self.budget < self._next_check:
            self._next_check = self.budget - _CHECK_EVERY
            if self.progress is not None:
                self.progress.check()

    def normalizeLink(self, url: str) -> str:
        self.spend(_LINK_WORK)
        return super().normalizeLink(url)

    def _counted(self, rule: Callable[..., bool]) -> Callable[..., bool]:
        def counted(*args: Any) -> bool:
            self.spend()
            return rule(*args)

        return counted


# A rule can make many tokens in one call (a table's rows, a long run of
# "*"), so tokens are counted as they are made.
class _BlockState(StateBlock):
    def push(self, ttype: str, tag: str, nesting: Literal[-1, 0, 1]) -> Token:
        self.md.spend()  # type: ignore[attr-defined]
        return super().push(ttype, tag, nesting)


class _InlineState(StateInline):
    def push(self, ttype: str, tag: str, nesting: Literal[-1, 0, 1]) -> Token:
        self.md.spend()  # type: ignore[attr-defined]
        return super().push(ttype, tag, nesting)


class _BlockParser(ParserBlock):
    def parse(
        self, src: str, md: MarkdownIt, env: EnvType, outTokens: list[Token]
    ) -> list[Token] | None:
        if not src:
            return None
        state = _BlockState(src, md, env, outTokens)
        self.tokenize(state, state.line, state.lineMax)
        return state.tokens


class _InlineParser(ParserInline):
    def parse(self, src: str, md: MarkdownIt, env: EnvType, tokens: list[Token]) -> list[Token]:
        md.spend(_INLINE_PARSE_WORK)  # type: ignore[attr-defined]
        state = _InlineState(src, md, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return state.tokens
