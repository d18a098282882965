"""Citations: numbered in reading order, once the whole tree is built.

The composer leaves a placeholder for each citation token (a Text whose
``note`` is negative, indexing the ids it cites) and for each Sources list;
``number_citations`` then walks the finished tree in reading order, so the
numbers follow what is printed, whatever the template's order or what it
leaves out. The template chooses the style:

- footnotes: every citation is a note of its own (1, 2, 3... never
  restarting), its text the sources it cites;
- numbered: every source gets a number when first cited, and a citation
  prints its sources' numbers in brackets ("[1, 3]").

A Sources list prints the entries cited, in the order first cited (and, if
the author asks, the others after them); a brief that cites nothing prints
every entry in order, as it always did.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from briefing_app.document.nodes import (
    BlockNode,
    Inlines,
    ListNode,
    ListRole,
    Note,
    Text,
    map_inlines,
)
from briefing_app.model.brief import SourceEntry, SourcesContent
from briefing_app.templating import CitationStyle

_JOIN = (Text("; "),)


@dataclass
class Citations:
    """What the composer collects while it builds the tree."""

    style: CitationStyle
    sources: dict[str, SourceEntry]  # id -> entry, every Sources entry of the brief
    pending: list[tuple[str, ...]] = field(default_factory=list)  # ids per placeholder
    lists: list[SourcesContent] = field(default_factory=list)  # per Sources placeholder

    def placeholder(self, ids: tuple[str, ...]) -> Text | None:
        """The Text standing for a citation until the tree is numbered
        (None when none of its sources exists: nothing to point to)."""
        known = tuple(i for i in ids if i in self.sources)
        if not known:
            return None
        self.pending.append(known)
        return Text("", note=-len(self.pending))

    def join(self, mark: Text, ids: tuple[str, ...]) -> None:
        """Add ``ids`` to the citation ``mark`` stands for: two citations side
        by side are one note ("A; B"), never "12" that reads as twelve."""
        index = -mark.note - 1
        known = tuple(i for i in ids if i in self.sources and i not in self.pending[index])
        self.pending[index] = self.pending[index] + known

    def sources_list(self, content: SourcesContent) -> ListNode:
        """A placeholder for a Sources list; its items come with the numbers."""
        self.lists.append(content)
        return ListNode(ordered=True, items=(), role=ListRole.SOURCES)


def number_citations(
    blocks: list[BlockNode], citations: Citations, entry_inlines
) -> tuple[list[BlockNode], tuple[Note, ...]]:
    """Number the citation placeholders in reading order and fill the
    Sources lists; return the blocks and the footnotes (footnote style)."""
    notes: list[Note] = []
    first_cited: dict[str, int] = {}  # source id -> its number (numbered style)

    def number(ids: tuple[str, ...]) -> Text:
        for source_id in ids:
            first_cited.setdefault(source_id, len(first_cited) + 1)
        if citations.style is CitationStyle.NUMBERED:
            numbers = sorted(first_cited[i] for i in ids)
            return Text("[" + ", ".join(str(n) for n in numbers) + "]")
        inlines: list[Text] = []
        for source_id in ids:
            if inlines:
                inlines.extend(_JOIN)
            entry = citations.sources[source_id]
            inlines.extend(entry_inlines(entry.text, entry.url))
        notes.append(Note(len(notes) + 1, tuple(inlines)))
        return Text(str(len(notes)), note=len(notes))

    def change(inlines: Inlines) -> Inlines:
        if not any(t.note < 0 for t in inlines):
            return inlines
        return tuple(number(citations.pending[-t.note - 1]) if t.note < 0 else t for t in inlines)

    numbered = [map_inlines(block, change) for block in blocks]
    # Every Sources list is a placeholder, in the order the composer made them.
    lists = iter(citations.lists)
    filled: list[BlockNode] = []
    for block in numbered:
        if isinstance(block, ListNode) and block.role is ListRole.SOURCES:
            entries = printed_entries(next(lists), first_cited)
            if not entries:
                continue
            block = replace(block, items=tuple(entry_inlines(e.text, e.url) for e in entries))
        filled.append(block)
    return filled, tuple(notes)


def printed_entries(content: SourcesContent, cited: dict[str, int]) -> list[SourceEntry]:
    """The entries a Sources list prints: the cited ones in citation order,
    then (if the author asks) the others; all of them when nothing is cited."""
    entries = [e for e in content.items if e.text]
    if not cited:
        return entries
    ordered = sorted((e for e in entries if e.id in cited), key=lambda e: cited[e.id])
    if content.show_uncited:
        ordered += [e for e in entries if e.id not in cited]
    return ordered
