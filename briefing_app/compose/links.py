"""Anchors for headings, and internal links that point only at what is printed.

A link to another section (``#s-release``) becomes a link in every format
only when that section's heading is in the tree; otherwise its words are
printed as plain text and the tree records it (Document.dropped_links), so
no writer ever has to decide again.
"""

from __future__ import annotations

import re

from briefing_app.document.links import safe_link
from briefing_app.document.nodes import (
    BlockNode,
    DroppedLink,
    Heading,
    Inlines,
    Text,
    map_inlines,
)

MAX_ANCHOR = 40  # Word's limit for bookmark names
_NOT_NAME = re.compile(r"[^A-Za-z0-9_]")


def link_target(link: str) -> str:
    """What a run's link becomes in the tree before links are resolved: a
    safe web or mail address, ``#id`` for another section, or ""."""
    link = link.strip()
    if link.startswith("#"):
        return link if len(link) > 1 and not any(ch.isspace() for ch in link) else ""
    return safe_link(link)


class Anchors:
    """Hands out heading anchors: a letter, then letters, digits and "_", at
    most 40 characters, unique in the document, so every format (PDF names,
    Word bookmarks, HTML ids) can use them as they are."""

    def __init__(self) -> None:
        self.by_id: dict[str, str] = {}  # section id -> anchor
        self._taken: set[str] = set()

    def new(self, section_id: str) -> str:
        base = _NOT_NAME.sub("_", section_id)
        if not base[:1].isalpha():
            base = "s" + base
        base = base[:MAX_ANCHOR]
        anchor, n = base, 1
        while anchor in self._taken:
            n += 1
            suffix = f"_{n}"
            anchor = base[: MAX_ANCHOR - len(suffix)] + suffix
        self._taken.add(anchor)
        self.by_id.setdefault(section_id, anchor)
        return anchor


def resolve_links(
    blocks: list[BlockNode], anchors: Anchors
) -> tuple[list[BlockNode], tuple[DroppedLink, ...]]:
    """Point internal links at printed headings; turn the rest into text."""
    printed = {b.anchor for b in blocks if isinstance(b, Heading)}
    targets = {sid: a for sid, a in anchors.by_id.items() if a in printed}
    dropped: list[DroppedLink] = []
    heading = ""

    def change(inlines: Inlines) -> Inlines:
        out = []
        previous = ""  # the dropped target of the inline before, if any
        for t in inlines:
            target, previous = previous, ""
            if t.link.startswith("#"):
                anchor = targets.get(t.link[1:])
                if anchor is None:
                    if target == t.link:  # the same link, split by its marks
                        last = dropped.pop()
                        dropped.append(DroppedLink(last.text + t.text, t.link, heading))
                    else:
                        dropped.append(DroppedLink(t.text, t.link, heading))
                    previous = t.link
                    t = Text(t.text, t.bold, t.italic, "", t.highlight, t.small)
                elif anchor != t.link[1:]:
                    t = Text(t.text, t.bold, t.italic, "#" + anchor, t.highlight, t.small)
            out.append(t)
        return tuple(out)

    out: list[BlockNode] = []
    for block in blocks:
        if isinstance(block, Heading):
            heading = block.text
        out.append(map_inlines(block, change))
    return out, tuple(dropped)


__all__ = ["Anchors", "link_target", "resolve_links"]
