"""Find and replace across every section of a brief (no Qt here).

Matches are found within one run of text at a time, so a replacement never
has to decide which marks (bold, link...) the new text should take.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass

from briefing_app.model.brief import (
    Brief,
    SourceEntry,
    SourcesContent,
    TableContent,
    TextContent,
)
from briefing_app.model.text import Callout, ListBlock, Paragraph, Run, normalise_runs


@dataclass(frozen=True, slots=True)
class Match:
    section_id: str  # "" for the brief's properties
    where: str  # plain words: "title", "table cell 2, 1", ...
    text: str  # the text that holds the match


def _pattern(needle: str, match_case: bool) -> re.Pattern[str]:
    return re.compile(re.escape(needle), 0 if match_case else re.IGNORECASE)


def _runs_with(
    runs: list[Run], pattern: re.Pattern[str], replacement: str
) -> tuple[list[Run], int]:
    count = 0
    out = []
    for run in runs:
        if run.fact:
            # A fact shows its value from the facts table: change it there.
            out.append(run)
            continue
        new_text, n = pattern.subn(lambda _m: replacement, run.text)
        count += n
        out.append(dataclasses.replace(run, text=new_text) if n else run)
    return normalise_runs(out), count


class _Replacer:
    def __init__(self, needle: str, replacement: str, match_case: bool) -> None:
        self.pattern = _pattern(needle, match_case)
        self.replacement = replacement
        self.count = 0

    def text(self, value: str) -> str:
        new, n = self.pattern.subn(lambda _m: self.replacement, value)
        self.count += n
        return new

    def runs(self, runs: list[Run]) -> list[Run]:
        new, n = _runs_with(runs, self.pattern, self.replacement)
        self.count += n
        return new

    def block(self, block):
        if isinstance(block, Paragraph):
            return Paragraph(self.runs(block.runs))
        if isinstance(block, ListBlock):
            return ListBlock(block.style, [self.runs(item) for item in block.items])
        assert isinstance(block, Callout)
        return Callout(self.text(block.title), [self.block(b) for b in block.blocks])


def replace_all(
    brief: Brief, needle: str, replacement: str, *, match_case: bool = False
) -> tuple[Brief, int]:
    """A copy of ``brief`` with every occurrence replaced, and how many there were."""
    if not needle:
        return brief, 0
    r = _Replacer(needle, replacement, match_case)
    new = copy.deepcopy(brief)
    meta = new.metadata
    for name in ("title", "subtitle"):
        setattr(meta, name, r.text(getattr(meta, name)))
    for section in new.sections:
        section.title = r.text(section.title)
        content = section.content
        if isinstance(content, TextContent):
            section.content = TextContent([r.block(b) for b in content.blocks])
        elif isinstance(content, TableContent):
            section.content = TableContent(
                caption=r.text(content.caption),
                columns=[r.text(c) for c in content.columns],
                rows=[[r.runs(cell) for cell in row] for row in content.rows],
                source=r.runs(content.source),
            )
        elif isinstance(content, SourcesContent):
            section.content = SourcesContent(
                [SourceEntry(r.text(i.text), i.url) for i in content.items]
            )
    return new, r.count


def find_all(brief: Brief, needle: str, *, match_case: bool = False) -> list[Match]:
    """Every place that holds ``needle``, in the order of the brief."""
    if not needle:
        return []
    pattern = _pattern(needle, match_case)
    out: list[Match] = []

    def check(section_id: str, where: str, text: str) -> None:
        if pattern.search(text):
            out.append(Match(section_id, where, text))

    for name in ("title", "subtitle"):
        check("", name, getattr(brief.metadata, name))
    for section in brief.sections:
        sid = section.id
        check(sid, "section title", section.title)
        content = section.content
        if isinstance(content, TextContent):
            for i, block in enumerate(content.blocks, start=1):
                for text in _block_texts(block):
                    check(sid, f"paragraph {i}", text)
        elif isinstance(content, TableContent):
            check(sid, "caption", content.caption)
            for c, heading in enumerate(content.columns, start=1):
                check(sid, f"column heading {c}", heading)
            for r_i, row in enumerate(content.rows, start=1):
                for c, cell in enumerate(row, start=1):
                    check(sid, f"row {r_i}, column {c}", "".join(x.text for x in cell))
            check(sid, "source line", "".join(x.text for x in content.source))
        elif isinstance(content, SourcesContent):
            for i, item in enumerate(content.items, start=1):
                check(sid, f"source {i}", item.text)
    return out


def _block_texts(block) -> list[str]:
    if isinstance(block, Paragraph):
        return ["".join(r.text for r in block.runs)]
    if isinstance(block, ListBlock):
        return ["".join(r.text for r in item) for item in block.items]
    return [block.title, *(t for b in block.blocks for t in _block_texts(b))]
