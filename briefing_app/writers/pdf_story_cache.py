"""The flowables of each block of the preview's brief, kept from one render
to the next (pdf_incremental.py): a block the edit did not touch keeps its
flowables, already broken into lines."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from reportlab.platypus import Flowable

from briefing_app.document.nodes import (
    BlockNode,
    CalloutNode,
    Document,
    Inlines,
    ListNode,
    Para,
    TableNode,
)
from briefing_app.writers.pdf import _Builder, keeps_with_next
from briefing_app.writers.pdf_fonts import FontFamily


def note_refs(block: BlockNode) -> Iterator[int]:
    """The note numbers a block refers to."""

    def stretches(b: BlockNode) -> Iterator[Inlines]:
        if isinstance(b, Para):
            yield b.inlines
        elif isinstance(b, ListNode):
            yield from b.items
        elif isinstance(b, TableNode):
            yield from (cell for row in b.rows for cell in row)
            yield b.source
        elif isinstance(b, CalloutNode):
            for inner in b.blocks:
                yield from stretches(inner)

    for inlines in stretches(block):
        yield from (t.note for t in inlines if t.note > 0)


class StoryCache:
    """The flowables of each block, kept from one render to the next.

    A block's flowables depend on the block, on the house style and the
    fonts, on which notes exist (a reference to one is a link) and, for a
    heading followed by a table or a box, on that block too (they move to a
    page together): the cache key holds all of that. The blocks of the new
    tree are matched with the last one's as a text editor's undo would: the
    same blocks at the start and at the end keep their place; in between,
    a block equal to one of the last tree's gets its flowables (the same
    objects), in order when the same block appears more than once."""

    def __init__(self) -> None:
        self._context: tuple | None = None
        self._builder: _Builder | None = None
        self._keys: list[tuple] = []
        self._parts: list[list[Flowable]] = []

    def story(self, tree: Document, fam: FontFamily) -> tuple[list[Flowable], list[int], bool]:
        """The story of ``tree``, where each block starts in it (and its
        end), and whether the context changed (nothing could be reused)."""
        context = (tree.style, fam, frozenset(n.number for n in tree.notes))
        fresh_context = context != self._context or self._builder is None
        if fresh_context:
            self._context = context
            self._builder = _Builder(tree, fam)
            self._keys, self._parts = [], []
        builder = self._builder
        assert builder is not None
        blocks = tree.blocks
        keys = [self._key(blocks, index) for index in range(len(blocks))]
        old_keys, old_parts = self._keys, self._parts
        parts: list[list[Flowable] | None] = [None] * len(blocks)
        head = 0
        limit = min(len(keys), len(old_keys))
        while head < limit and keys[head] == old_keys[head]:
            parts[head] = old_parts[head]
            head += 1
        tail = 0
        while tail < limit - head and keys[-1 - tail] == old_keys[-1 - tail]:
            parts[len(keys) - 1 - tail] = old_parts[len(old_keys) - 1 - tail]
            tail += 1
        spare: dict[tuple, list[list[Flowable]]] = {}
        for index in range(head, len(old_keys) - tail):
            spare.setdefault(old_keys[index], []).append(old_parts[index])
        made = [False] * len(blocks)
        for index in range(head, len(keys) - tail):
            kept = spare.get(keys[index])
            if kept:
                parts[index] = kept.pop(0)
            else:
                parts[index] = builder.block(blocks[index])
                made[index] = True
        done = [p for p in parts if p is not None]
        assert len(done) == len(blocks)
        for index in range(len(blocks) - 1):
            # A pair's keys name each other: both kept, or both made now.
            if made[index] and keeps_with_next(blocks[index], blocks[index + 1]):
                builder.keep_with_next(done[index], done[index + 1])
        self._keys, self._parts = keys, done
        starts = [0]
        for flowables in done:
            starts.append(starts[-1] + len(flowables))
        return [f for flowables in done for f in flowables], starts, fresh_context

    @staticmethod
    def _key(blocks: list[BlockNode], index: int) -> tuple:
        block = _as_printed(blocks[index])
        if index + 1 < len(blocks) and keeps_with_next(block, blocks[index + 1]):
            return ("with next", block, _as_printed(blocks[index + 1]))
        if index > 0 and keeps_with_next(blocks[index - 1], block):
            return ("with previous", _as_printed(blocks[index - 1]), block)
        return ("alone", block)

    def clear(self) -> None:
        self._context, self._builder, self._keys, self._parts = None, None, [], []


def _as_printed(block: BlockNode) -> BlockNode:
    """``block`` without where it came from (the Word export's marks, which
    the PDF does not print): a paragraph inserted above others in a section
    renumbers their places, and must not make them new to the cache."""
    changes: dict[str, object] = {
        name: "" for name in ("origin", "start") if getattr(block, name, "")
    }
    if isinstance(block, CalloutNode):
        changes["blocks"] = tuple(_as_printed(b) for b in block.blocks)
    return dataclasses.replace(block, **changes) if changes else block  # type: ignore[arg-type]


__all__ = ["StoryCache", "note_refs"]
